package dev.appliance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.envsource.ActiveEnv;
import dev.appliance.host.HostRoot;
import dev.appliance.steps.ApplianceLock;
import dev.appliance.support.ApplianceCli;
import dev.appliance.support.LockHolder;
import dev.appliance.support.TestEnvs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code appliance storage setup} as an operator types it, on a test root (where it plans and prints). */
class StorageCommandTest {

  private static final String PASSPHRASE = "Pass-phrase-of-the-data-disk-4Kq8vN2xW7";

  @TempDir
  Path dir;
  Path root;
  ApplianceCli cli;

  @BeforeEach
  void setUp() throws Exception {
    root = Files.createDirectories(dir.resolve("root"));
    Path env = TestEnvs.localhost(dir.resolve("env"), "appliance:\n  storage:\n    data:\n      label: data\n"
        + "      ignore: false\n      encrypted: true\n      passphrase: " + PASSPHRASE + "\n");
    ActiveEnv.write(new HostRoot(root), "test", Files.readAllBytes(env), Instant.parse("2026-12-01T10:00:00Z"));
    cli = new ApplianceCli(root, TestEnvs.STACK, 8080, 8443);
  }

  @Test
  void onATestRootTheSetupIsPrintedWithoutThePassphrase() throws Exception {
    Files.createDirectories(root.resolve("dev"));
    Files.createFile(root.resolve("dev/vdb"));
    ApplianceCli.Result planned = ApplianceCli.ok(cli.run("storage", "setup", "/dev/vdb", "--data", "--wipe", "/dev/vdb"));

    Path device = root.resolve("dev/vdb");
    assertTrue(planned.out().contains("  wipefs --all " + device + "\n"), planned.out());
    assertTrue(planned.out().contains("  cryptsetup luksFormat --type luks2 --batch-mode --label data --key-file "),
        planned.out());
    assertTrue(planned.out().contains("its passphrase is appliance/storage/data/passphrase in the env"), planned.out());
    assertFalse((planned.out() + planned.err()).contains(PASSPHRASE), planned.out() + planned.err());
    assertTrue(planned.out().contains("/dev/vdb would be set up"), planned.out());
  }

  /** Even where nothing is applied, a device that is not there is bad input, not a plan that looks done. */
  @Test
  void aMissingDeviceIsRefusedOnATestRootToo() {
    ApplianceCli.Result missing = cli.run("storage", "setup", "/dev/vdz", "--data");
    assertEquals(2, missing.code(), missing.out() + missing.err());
    assertTrue(missing.err().contains("there is no " + root.resolve("dev/vdz")), missing.err());
    assertFalse(missing.out().contains("would be set up"), missing.out());
  }

  @Test
  void badArgumentsAreRefusedWithExit2() {
    ApplianceCli.Result relative = cli.run("storage", "setup", "vdb", "--data");
    assertEquals(2, relative.code(), relative.out() + relative.err());
    assertTrue(relative.err().contains("'vdb' is not a device's absolute path"), relative.err());

    assertEquals(2, cli.run("storage", "setup", "/dev/vdb").code(), "one of --data and --volatile is needed");
    assertEquals(2, cli.run("storage", "setup", "/dev/vdb", "--data", "--volatile").code(), "not both");
    ApplianceCli.Result ignored = cli.run("storage", "setup", "/dev/vdb", "--volatile");
    assertEquals(2, ignored.code(), ignored.out() + ignored.err());
  }

  @Test
  void isRefusedWhileAnotherCommandHoldsTheExclusiveLock() throws Exception {
    HostRoot host = new HostRoot(root);
    Process holder = LockHolder.start(root, ApplianceLock.EXCLUSIVE.file(host));
    try {
      ApplianceCli.Result refused = cli.run("storage", "setup", "/dev/vdb", "--data");
      assertEquals(2, refused.code(), refused.out() + refused.err());
      assertTrue(refused.err().contains("not running storage setup: pid " + holder.pid()), refused.err());
      assertFalse(refused.out().contains("cryptsetup"), refused.out());
    } finally {
      holder.destroyForcibly().waitFor();
    }
  }
}
