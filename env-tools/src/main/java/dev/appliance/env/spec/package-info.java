/**
 * The env schema: every key of env.yml with its shape, type, default and documentation. It is the one source that
 * validation, defaults, the comments of a new env.yml and docs/env-reference.md are all made from.
 */
package dev.appliance.env.spec;
