package dev.appliance.arch;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Each architecture rule fails on a class that breaks it: the rules are not vacuous. */
class ArchitectureRulesTest {

  /** Breaks every rule once (never run, only read by the rules). */
  @SuppressWarnings("unused")
  static final class Violations {
    Object docker() {
      return com.github.dockerjava.core.DefaultDockerClientConfig.createDefaultConfigBuilder();
    }

    Process program() throws IOException {
      return new ProcessBuilder("true").start();
    }

    void file() throws IOException {
      Files.writeString(Path.of("x"), "y");
    }

    java.nio.channels.FileChannel channel() throws IOException {
      return java.nio.channels.FileChannel.open(Path.of("x"), java.nio.file.StandardOpenOption.WRITE);
    }

    Instant time() {
      return Instant.now();
    }

    Object mail() {
      return jakarta.mail.Session.getInstance(new java.util.Properties());
    }

    void channel(dev.appliance.alerts.Channel channel) throws IOException {
      channel.send(null);
    }

    Object lock() throws IOException {
      return new dev.appliance.host.HostRoot(Path.of("/x")).files().tryLock(Path.of("/x/lock"), "me");
    }
  }

  private static void failsOnTheViolation(ArchRule rule, String expected) {
    JavaClasses violations = new ClassFileImporter().importClasses(Violations.class);
    AssertionError error = assertThrows(AssertionError.class, () -> rule.check(violations));
    assertTrue(error.getMessage().contains(expected), error.getMessage());
  }

  @Test
  void theDockerRuleFailsOnDockerJavaOutsideTheAdapter() {
    failsOnTheViolation(ArchitectureTest.onlyTheDockerAdapterUsesDockerJava(), "DefaultDockerClientConfig");
  }

  @Test
  void theProcessRuleFailsOnAProcessBuilder() {
    failsOnTheViolation(ArchitectureTest.onlyTheProcessRunnerStartsPrograms(), "ProcessBuilder");
  }

  @Test
  void theFileRuleFailsOnAWriteOutsideTheHostSeam() {
    failsOnTheViolation(ArchitectureTest.onlyTheHostPackagesWriteFiles(), "Files.writeString");
  }

  @Test
  void theFileRuleFailsOnAChannelOpenedOutsideTheHostSeam() {
    failsOnTheViolation(ArchitectureTest.onlyTheHostPackagesWriteFiles(), "FileChannel.open");
  }

  @Test
  void theLockRuleFailsOnALockTakenAroundTheAppliancesLocks() {
    failsOnTheViolation(ArchitectureTest.locksOnlyThroughTheAppliancesLocks(), "HostFiles.tryLock");
  }

  @Test
  void theAlertsRuleFailsOnMailOrAChannelUsedAroundThePort() {
    failsOnTheViolation(ArchitectureTest.alertsOnlyThroughTheAlertsPort(), "jakarta.mail.Session");
    failsOnTheViolation(ArchitectureTest.alertsOnlyThroughTheAlertsPort(), "Channel.send");
  }

  @Test
  void theClockRuleFailsOnInstantNow() {
    failsOnTheViolation(ArchitectureTest.nothingReadsTheWallClock(), "Instant.now");
  }
}
