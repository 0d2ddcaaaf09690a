/** The host as the appliance sees it: the configurable root directory, the runtime layout, atomic state files. */
package dev.appliance.host;
