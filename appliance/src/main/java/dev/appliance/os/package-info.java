/**
 * The machine's own packages: Docker's packages (which unattended-upgrades leaves alone) upgraded with the containers
 * kept running, the application checked afterwards, and the reboot an update needs, in the env's reboot window.
 * {@code appliance update --os} runs {@link dev.appliance.os.OsUpdate}; {@code status} shows {@link dev.appliance.os.OsStatus}.
 */
package dev.appliance.os;
