/** The application's versions: tags, the dump before a migration. */
package dev.appliance.app;
