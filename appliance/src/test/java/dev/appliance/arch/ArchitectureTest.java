package dev.appliance.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The seams, kept: one way to Docker, to programs, to changing files and to the time. The rules read the compiled
 * main classes of both modules (env-tools and the appliance); a violation names the class, the call and the line.
 */
class ArchitectureTest {

  /** The methods of {@link java.nio.file.Files} that change the file system (besides channels and streams opened for writing). */
  static final Set<String> FILE_WRITES = Set.of("write", "writeString", "createDirectory", "createDirectories",
      "createFile", "createTempFile", "createTempDirectory", "delete", "deleteIfExists", "move", "copy", "createLink",
      "createSymbolicLink", "setPosixFilePermissions", "setAttribute", "setOwner", "setLastModifiedTime",
      "newOutputStream", "newBufferedWriter");

  /** The calls that read the wall clock instead of the injected one. */
  static final Set<String> CLOCK_READS = Set.of("java.time.Instant.now", "java.lang.System.currentTimeMillis",
      "java.time.LocalDate.now", "java.time.LocalDateTime.now", "java.time.ZonedDateTime.now",
      "java.time.OffsetDateTime.now", "java.util.Date.<init>");

  static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS).importPackages("dev.appliance");
  }

  /** The rules, each also checked against a deliberate violation by {@link ArchitectureRulesTest}. */
  static ArchRule onlyTheDockerAdapterUsesDockerJava() {
    return noClasses().that().resideOutsideOfPackage("dev.appliance.docker..")
        .should().dependOnClassesThat().resideInAPackage("com.github.dockerjava..")
        .because("Docker is reached only through the engine port (dev.appliance.engine), whose adapter is dev.appliance.docker");
  }

  static ArchRule onlyTheProcessRunnerStartsPrograms() {
    return noClasses().that().resideOutsideOfPackage("dev.appliance.env.process..")
        .should().accessClassesThat().belongToAnyOf(ProcessBuilder.class)
        .orShould().callMethod(Runtime.class, "exec", String.class)
        .orShould().callMethod(Runtime.class, "exec", String[].class)
        .because("programs run only through the injected ProcessRunner, with argument lists from the *Commands builders");
  }

  static ArchRule onlyTheHostPackagesWriteFiles() {
    return noClasses().that().resideOutsideOfPackages("dev.appliance.host..", "dev.appliance.env.files..")
        .should().callMethodWhere(target("java.nio.file.Files", FILE_WRITES))
        .orShould().callMethodWhere(target("java.nio.channels.FileChannel", Set.of("open")))
        .orShould().callConstructorWhere(target("java.io.FileOutputStream", Set.of("<init>")))
        .orShould().callConstructorWhere(target("java.io.FileWriter", Set.of("<init>")))
        .orShould().callConstructorWhere(target("java.io.RandomAccessFile", Set.of("<init>")))
        .because("files change only through the host root's HostFiles (appliance) or env.files (env-tools),"
            + " whose writes are atomic and stay under the root");
  }

  static ArchRule nothingReadsTheWallClock() {
    return noClasses().should().callMethodWhere(calls(CLOCK_READS))
        .orShould().callConstructorWhere(calls(CLOCK_READS))
        .because("the time comes from the injected java.time.Clock, so that tests can move it");
  }

  static ArchRule locksOnlyThroughTheAppliancesLocks() {
    return noClasses().that().doNotHaveFullyQualifiedName("dev.appliance.steps.ApplianceLock")
        .and().resideOutsideOfPackage("dev.appliance.host..")
        .should().callMethodWhere(target("dev.appliance.host.HostFiles", Set.of("tryLock")))
        .because("exclusive work takes the appliance's own locks (steps.ApplianceLock, through Installation.hold),"
            + " which name their holder and refuse a second taker");
  }

  static ArchRule alertsOnlyThroughTheAlertsPort() {
    return noClasses().that().resideOutsideOfPackage("dev.appliance.alerts..")
        .should().dependOnClassesThat().resideInAPackage("jakarta.mail..")
        .orShould().callMethodWhere(target("dev.appliance.alerts.Channel", Set.of("send")))
        .because("operators are told only through the Alerts port (dev.appliance.alerts), which keeps the state that"
            + " sends each alert once and its resolution once, and reaches the channels in the background");
  }

  private static DescribedPredicate<JavaAccess<?>> target(String owner, Set<String> names) {
    return DescribedPredicate.describe(owner + " " + names, access ->
        access.getTargetOwner().getFullName().equals(owner) && names.contains(access.getName()));
  }

  private static DescribedPredicate<JavaAccess<?>> calls(Set<String> fullNames) {
    return DescribedPredicate.describe(fullNames.toString(), access -> fullNames.contains(
        access.getTargetOwner().getFullName() + "." + access.getName())
        // new Date() reads the clock; new Date(millis) does not.
        && !(access.getName().equals("<init>") && access.getTarget() instanceof AccessTarget.CodeUnitAccessTarget unit
            && !unit.getRawParameterTypes().isEmpty()));
  }

  @Test
  void dockerJavaOnlyInTheAdapter() {
    onlyTheDockerAdapterUsesDockerJava().check(classes);
  }

  @Test
  void programsOnlyThroughTheProcessRunner() {
    onlyTheProcessRunnerStartsPrograms().check(classes);
  }

  @Test
  void filesChangedOnlyThroughTheHostSeam() {
    onlyTheHostPackagesWriteFiles().check(classes);
  }

  @Test
  void locksTakenOnlyAsTheAppliancesLocks() {
    locksOnlyThroughTheAppliancesLocks().check(classes);
  }

  @Test
  void alertsOnlyThroughThePort() {
    alertsOnlyThroughTheAlertsPort().check(classes);
  }

  @Test
  void timeOnlyFromTheInjectedClock() {
    nothingReadsTheWallClock().check(classes);
  }
}
