/**
 * The value types of the env: each checks one scalar and says what is wrong and how to fix it. Types of secrets
 * never put the value into a message.
 */
package dev.appliance.env.types;
