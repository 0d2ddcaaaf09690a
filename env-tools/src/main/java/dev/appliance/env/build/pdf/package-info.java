/**
 * The printable recovery sheet: a cover page with the fingerprint and recovery instructions, the env's text with
 * line numbers, and the env as QR codes drawn as vectors (sharp at any print or scan resolution).
 */
package dev.appliance.env.build.pdf;
