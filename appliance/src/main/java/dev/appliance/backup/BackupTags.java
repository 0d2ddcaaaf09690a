package dev.appliance.backup;

import java.util.List;

/**
 * The tags on the appliance's snapshots. Every run makes two snapshots (restic 0.14 takes standard input or files,
 * not both): the database dump and the files with the manifest. Both carry {@code appliance}, the run's ID, and the
 * appliance's and the application's versions; {@code part} tells them apart.
 */
final class BackupTags {

  /** On every snapshot of the appliance's: what retention and listing select. */
  static final String APPLIANCE = "appliance";
  static final String RUN = "run";
  static final String PART = "part";
  static final String DATABASE = "database";
  static final String FILES = "files";
  static final String APPLIANCE_VERSION = "appliance-version";
  static final String APP_VERSION = "app-version";
  /** Added once the run passed its verification, with {@code size=BYTES}: what the run read. */
  static final String VERIFIED = "verified";
  static final String SIZE = "size";

  private BackupTags() {}

  static List<String> of(String run, String part, String applianceVersion, String appVersion) {
    return List.of(APPLIANCE, RUN + "=" + run, PART + "=" + part, APPLIANCE_VERSION + "=" + clean(applianceVersion),
        APP_VERSION + "=" + clean(appVersion));
  }

  /** restic separates tags by commas. */
  private static String clean(String value) {
    return value.replace(',', ';');
  }
}
