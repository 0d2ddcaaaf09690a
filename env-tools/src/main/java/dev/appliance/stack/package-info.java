/**
 * The application stack: the subset of the Compose Specification the appliance runs, read from stack.yml with every
 * problem located, plus the appliance's own settings in the {@code x-appliance} extension field.
 */
package dev.appliance.stack;
