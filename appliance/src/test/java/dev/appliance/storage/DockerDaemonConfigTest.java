package dev.appliance.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.host.HostRoot;
import dev.appliance.storage.DockerDaemonConfig.Change;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerDaemonConfigTest {

  @TempDir
  Path root;

  @Test
  void mergesDataRootLogLimitsAndLiveRestoreKeepingOtherSettings() throws Exception {
    DockerDaemonConfig config = new DockerDaemonConfig(new HostRoot(root));
    Files.createDirectories(config.file().getParent());
    Files.writeString(config.file(), "{\"registry-mirrors\": [\"https://mirror.example\"], \"log-opts\": {\"tag\": \"{{.Name}}\"}}");
    assertEquals(Change.RESTART, config.apply());
    String json = Files.readString(config.file());
    assertTrue(json.contains("\"data-root\" : \"/volatile/docker\""), json);
    assertTrue(json.contains("\"max-size\" : \"10m\"") && json.contains("\"max-file\" : \"3\""), json);
    assertTrue(json.contains("\"live-restore\" : true"), json);
    assertTrue(json.contains("registry-mirrors") && json.contains("\"tag\""), "other settings kept: " + json);
    assertEquals(Change.NONE, config.apply(), "a second run changes nothing");
  }

  @Test
  void aFileLackingOnlyLiveRestoreNeedsAReloadNotARestart() throws Exception {
    DockerDaemonConfig config = new DockerDaemonConfig(new HostRoot(root));
    Files.createDirectories(config.file().getParent());
    // What provision.sh wrote before live-restore.
    Files.writeString(config.file(), "{\"data-root\": \"/volatile/docker\", \"log-driver\": \"json-file\","
        + " \"log-opts\": {\"max-size\": \"10m\", \"max-file\": \"3\"}}");
    assertEquals(Change.RELOAD, config.change());
    assertEquals(Change.RELOAD, config.apply());
    assertTrue(Files.readString(config.file()).contains("\"live-restore\" : true"));
    assertTrue(config.current());
  }

  @Test
  void liveRestoreTurnedOffByHandIsTurnedOnAgainByAReload() throws Exception {
    DockerDaemonConfig config = new DockerDaemonConfig(new HostRoot(root));
    Files.createDirectories(config.file().getParent());
    Files.writeString(config.file(), "{\"data-root\": \"/volatile/docker\", \"log-driver\": \"json-file\","
        + " \"log-opts\": {\"max-size\": \"10m\", \"max-file\": \"3\"}, \"live-restore\": false}");
    assertEquals(Change.RELOAD, config.apply());
    assertTrue(Files.readString(config.file()).contains("\"live-restore\" : true"));
  }
}
