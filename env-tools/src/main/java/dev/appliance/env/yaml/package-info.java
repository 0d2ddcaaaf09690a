/**
 * Reading YAML safely: YAML 1.2 core schema, duplicate keys refused, alias and size limits, and every problem
 * located by line and column. Nothing here ever quotes the source text, so a secret on a broken line stays hidden.
 */
package dev.appliance.env.yaml;
