package dev.appliance.access;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.appliance.support.FakeAppliance;
import dev.appliance.support.RecordedAlerts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sshd's journal lines as {@code journalctl -o json} prints them: the fixture is its real output, from a journal file
 * that systemd-journal-remote made of sshd's messages (journald's export format), read with
 * {@code journalctl --file F -t sshd -t sshd-session -o json --no-pager}.
 */
class SshLoginWatchTest {

  private static final Path JOURNAL = Path.of("src/test/resources/access/sshd-journal.json");

  @TempDir
  Path dir;

  @Test
  void theAcceptedLinesAreTheLoginsWithUserAddressAndKey() throws Exception {
    List<SshLogin> logins = Files.readAllLines(JOURNAL).stream().map(SshLoginWatchTest::parse)
        .flatMap(Optional::stream).toList();
    assertEquals(List.of(
        new SshLogin("alice", "192.0.2.7", "publickey",
            Optional.of("ED25519 SHA256:q3mF2kLr4nB9vW8xYz1aPq0sTuVwXyZ0123456789ab"), 1764669600123456L),
        new SshLogin("bob", "2001:db8::5", "publickey",
            Optional.of("RSA SHA256:Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWo"), 1764669700000001L),
        new SshLogin("debian", "198.51.100.9", "password", Optional.empty(), 1764669800000002L)), logins);
  }

  private static Optional<SshLogin> parse(String line) {
    try {
      return SshLogin.parse(line);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void eachLoginIsAnnouncedOnceAnInfoForAKeyAWarningForAnythingElse() throws Exception {
    FakeAppliance appliance = FakeAppliance.ofProjectStack(dir);
    List<String> first = SshJournalCommands.since(appliance.root.resolve(SshLoginWatch.CURSOR).toString(), true);
    assertEquals(List.of("journalctl", "--cursor-file=" + appliance.root.resolve(SshLoginWatch.CURSOR), "_COMM=sshd",
        "_COMM=sshd-session", "_UID=0", "-o", "json", "--no-pager", "-b"), first);
    appliance.processes.answer(first, Files.readString(JOURNAL));
    RecordedAlerts alerts = new RecordedAlerts();

    assertEquals(3, new SshLoginWatch(appliance.root, appliance.processes).poll(alerts));
    assertEquals(List.of(
        "event info [ssh-login/alice/1764669600123456]: SSH login: alice from 192.0.2.7; alice logged in over SSH from"
            + " 192.0.2.7 at 2025-12-02T10:00:00.123456Z with the key ED25519"
            + " SHA256:q3mF2kLr4nB9vW8xYz1aPq0sTuVwXyZ0123456789ab. Every SSH login is alerted; who may log in is"
            + " appliance/users in env.yml.",
        "event info [ssh-login/bob/1764669700000001]: SSH login: bob from 2001:db8::5; bob logged in over SSH from"
            + " 2001:db8::5 at 2025-12-02T10:01:40.000001Z with the key RSA"
            + " SHA256:Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWo. Every SSH login is alerted; who may log in is"
            + " appliance/users in env.yml.",
        "event warning [ssh-login/debian/1764669800000002]: SSH login by password: debian from 198.51.100.9; debian"
            + " logged in over SSH from 198.51.100.9 at 2025-12-02T10:03:20.000002Z by password, which the"
            + " appliance's SSH policy forbids (keys only). See what sshd runs with: sshd -T | grep -i -e"
            + " authentication -e allowgroups; restart the appliance to write the policy again: systemctl restart"
            + " appliance"), alerts.lines);

    // Once journalctl keeps a cursor, it reads on from there rather than from the boot.
    Files.writeString(appliance.root.resolve(SshLoginWatch.CURSOR), "s=e1f9;i=6\n");
    appliance.processes.clear();
    assertEquals(0, new SshLoginWatch(appliance.root, appliance.processes).poll(alerts));
    assertEquals(List.of(first.subList(0, first.size() - 1)), appliance.processes.commands());
  }
}
