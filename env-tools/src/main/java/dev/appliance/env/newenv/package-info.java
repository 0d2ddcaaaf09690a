/**
 * Creating a new env.yml: the generated values for a domain, presets merged from --extra, and a writer that puts
 * every key of the schema into the file with its documentation as comments.
 */
package dev.appliance.env.newenv;
