/**
 * Reading YAML safely: YAML 1.2 core schema, duplicate keys refused, alias, size and nesting limits, and every problem
 * located by line and column. Nothing here ever quotes the source text, so a secret on a broken line stays hidden.
 */
package dev.appliance.env.yaml;
