package dev.appliance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.appliance.app.PostgresCommands;
import dev.appliance.envsource.XorrisoCommands;
import dev.appliance.storage.MountCommands;
import dev.appliance.supervise.SystemctlCommands;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The command lines the appliance runs, exactly. */
class CommandsTest {

  @Test
  void systemctl() {
    assertEquals(List.of("systemctl", "restart", "docker"), SystemctlCommands.restart("docker"));
    assertEquals(List.of("systemctl", "reset-failed", "appliance.service", "prepare-app.service"),
        SystemctlCommands.resetFailed(List.of("appliance.service", "prepare-app.service")));
    assertEquals(List.of("systemctl", "show", "--property=ActiveState", "--value", "prepare-app.service"),
        SystemctlCommands.activeState("prepare-app.service"));
    assertEquals(List.of("systemd-notify", "--pid=42", "--ready", "--status=serving"),
        SystemctlCommands.notify(42, List.of("--ready", "--status=serving")));
  }

  @Test
  void mount() {
    assertEquals(List.of("mount", "-o", "noatime", "/dev/disk/by-label/app-data", "/data"),
        MountCommands.mount(Path.of("/dev/disk/by-label/app-data"), Path.of("/data")));
  }

  @Test
  void xorrisoReadsEveryFileOfADriveWithoutMountingIt() {
    assertEquals(List.of("xorriso", "-osirrox", "on", "-indev", "stdio:/dev/sr0", "-extract", "/", "/run/appliance/tmp/d"),
        XorrisoCommands.extractAll(Path.of("/dev/sr0"), Path.of("/run/appliance/tmp/d")));
  }

  @Test
  void pgDumpInTheCustomFormat() {
    assertEquals(List.of("pg_dump", "-Fc", "--dbname=app"), PostgresCommands.dump("app"));
  }
}
