/**
 * The images of a stack: built from their Dockerfiles with nothing pulled (so they build offline from the local
 * base image), labelled as the appliance's, and moved between engines as one archive.
 */
package dev.appliance.images;
