package dev.appliance.os;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.appliance.host.HostRoot;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** status's lines on the machine's packages. */
class OsStatusTest {

  @TempDir
  Path dir;

  @Test
  void pendingUpgradesTheRequiredRebootAndAnOutdatedDockerd() throws Exception {
    HostRoot root = new HostRoot(dir);
    root.files().write(RebootWindow.flag(root), "rw-r--r--", "*** System restart required ***\n");
    root.files().write(root.resolve("/run/reboot-required.pkgs"), "rw-r--r--", "linux-image-amd64\nlibc6\nlibc6\n");
    ScriptedProcesses processes = new ScriptedProcesses()
        .answer(OsCommands.simulateUpgrade(), "Inst libc6 [2.36-9+deb12u7] (2.36-9+deb12u8 Debian-Security [amd64])\n"
            + "Inst containerd [1.6.20~ds1-1+deb12u1] (1.6.20~ds1-1+deb12u3 Debian-Security [amd64])\n"
            + "Inst docker.io [20.10.24+dfsg1-1+deb12u1] (20.10.24+dfsg1-1+deb12u2 Debian-Security [amd64])\n"
            + "Inst libnew1 (1.0-1 Debian:12/oldstable [amd64])\n")
        .answer(OsCommands.installedVersion("docker.io"), "26.1.5+dfsg1-9")
        .answer(OsCommands.runningDockerVersion(), "20.10.24+dfsg1\n");
    assertEquals(List.of("OS updates: 3 pending (docker.io, containerd held back for 'appliance update --os')",
        "reboot required: yes (by linux-image-amd64, libc6)",
        "Docker: dockerd 20.10.24+dfsg1, docker.io 26.1.5+dfsg1-9 (dockerd not restarted since the upgrade:"
            + " appliance update --os)"), OsStatus.lines(root, processes));
  }

  @Test
  void aCurrentMachine() throws Exception {
    ScriptedProcesses processes = new ScriptedProcesses()
        .answer(OsCommands.installedVersion("docker.io"), "20.10.24+dfsg1-1+deb12u1+b6")
        .answer(OsCommands.runningDockerVersion(), "20.10.24+dfsg1\n");
    assertEquals(List.of("OS updates: none pending", "reboot required: no",
        "Docker: dockerd 20.10.24+dfsg1, docker.io 20.10.24+dfsg1-1+deb12u1+b6"), OsStatus.lines(new HostRoot(dir), processes));
  }

  @Test
  void eachLineSaysUnknownWhereItsProgramIsMissing() throws Exception {
    HostRoot root = new HostRoot(dir);
    root.files().write(RebootWindow.flag(root), "rw-r--r--", "");
    assertEquals(List.of("OS updates: unknown (cannot start 'apt-get': No such file or directory)",
        "reboot required: yes", "Docker: unknown (cannot start 'dpkg-query': No such file or directory)"),
        OsStatus.lines(root, new ScriptedProcesses().without("apt-get").without("dpkg-query")));
    assertEquals("Docker: docker.io 1-1, dockerd unknown (cannot start 'docker': No such file or directory)",
        OsStatus.lines(root, new ScriptedProcesses().answer(OsCommands.installedVersion("docker.io"), "1-1")
            .without("docker")).get(2));
  }
}
