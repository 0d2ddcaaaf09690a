/**
 * Validation of an env against the schema: shapes and types with positions, then the rules that span keys (a key
 * with its certificate, Let's Encrypt with a public domain). Validation collects every problem and changes nothing.
 */
package dev.appliance.env.validate;
