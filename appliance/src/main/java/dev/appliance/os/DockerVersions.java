package dev.appliance.os;

/**
 * The running dockerd's version against the installed docker.io package's. Debian's docker.io never restarts dockerd
 * when it is upgraded, so the two differ until something does.
 *
 * @param running as dockerd reports it, like {@code 20.10.24+dfsg1}
 * @param installed the package's version, like {@code 20.10.24+dfsg1-1+deb12u1}
 */
record DockerVersions(String running, String installed) {

  /** The installed version without its epoch and Debian revision: what dockerd reports once it runs that package. */
  String installedUpstream() {
    String version = installed.substring(installed.indexOf(':') + 1);
    int revision = version.lastIndexOf('-');
    return revision < 0 ? version : version.substring(0, revision);
  }

  /** Whether the running dockerd is another version than the installed package. */
  boolean restartPending() {
    return !running.equals(installedUpstream());
  }
}
