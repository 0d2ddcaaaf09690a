/** Documentation generated from the env schema, so that docs/env-reference.md can never drift from the code. */
package dev.appliance.env.docs;
