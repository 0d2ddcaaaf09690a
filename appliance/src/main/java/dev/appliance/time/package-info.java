/** Time as the appliance asks for it: a {@link java.time.Clock} injected everywhere, and a {@link dev.appliance.time.Sleeper}. */
package dev.appliance.time;
