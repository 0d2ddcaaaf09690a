/**
 * The cloud-init NoCloud seed: an ISO 9660 image with volume id {@code cidata} holding {@code user-data} (env.yml
 * itself), {@code meta-data} and, when given, {@code network-config}; made with Debian's xorriso or genisoimage.
 */
package dev.appliance.env.build.iso;
