/** {@code appliance status}: what runs, what failed, what is shown, what is left. */
package dev.appliance.status;
