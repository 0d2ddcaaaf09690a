/** The front proxy: its nginx site, checked before use, and the maintenance page. */
package dev.appliance.proxy;
