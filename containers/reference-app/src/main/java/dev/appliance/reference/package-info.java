/**
 * The reference application: a small documents service shaped like the applications the appliance runs. One image,
 * three commands: {@code web} (upload, list, download, health), {@code worker} (checksums from a Redis queue) and
 * {@code migrate} (versioned schema migrations with Flyway).
 */
package dev.appliance.reference;
