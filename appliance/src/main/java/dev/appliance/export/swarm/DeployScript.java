package dev.appliance.export.swarm;

import dev.appliance.export.ExportSource;
import dev.appliance.stack.Stack.Service;
import dev.appliance.storage.StorageLayout;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * deploy.sh: what the appliance does around its containers that Swarm does not, then {@code docker stack deploy}.
 * Its values are baked in as quoted words at export time; secrets appear only as file names.
 */
final class DeployScript {

  static final String FILE = "deploy.sh";
  /** How long deploy.sh waits for the migration, and then for the services to converge. */
  static final int MIGRATION_SECONDS = 300;
  static final int CONVERGE_SECONDS = 300;
  /** The days the self-signed certificate is valid. */
  static final int SELF_SIGNED_DAYS = 90;

  private final ExportSource source;
  private final SwarmObjects objects;
  private final SwarmService mapping;

  DeployScript(ExportSource source, SwarmObjects objects, SwarmService mapping) {
    this.source = source;
    this.objects = objects;
    this.mapping = mapping;
  }

  String render() {
    List<String> lines = new ArrayList<>();
    lines.add(Templates.DEPLOY_HEAD.replace("{{stack}}", objects.stack()).replace("{{version}}", source.version()));
    lines.add("STACK=" + Shell.quote(objects.stack()));
    lines.add("VERSION=" + Shell.quote(source.version()));
    lines.add(Templates.DEPLOY_FUNCTIONS);
    lines.add("load_images");
    lines.add("check_manager");
    lines.add("label_data_node " + Shell.quote(ExportSource.DATA_NODE_LABEL));
    lines.add("step 'creating the data directories with their owners and modes'");
    for (StorageLayout.Dir dir : source.dataDirectories()) {
      lines.add("directory " + Shell.words(List.of(mapping.onNode(dir.path()), Integer.toString(dir.uid()),
          Integer.toString(dir.gid()), octal(dir.mode()))));
    }
    if (source.dataDirectories().stream().anyMatch(d -> d.path().equals("/data/tls"))) {
      lines.add("self_signed_certificate " + Shell.words(List.of(mapping.onNode("/data/tls"),
          source.env().appliance().domain().toString(), Integer.toString(SELF_SIGNED_DAYS))));
    }
    if (source.env().appliance().ssl().clientCa().isPresent()) {
      lines.add("require_client_ca " + Shell.quote(mapping.onNode("/data/ca")));
    }
    objects.secrets().forEach((name, swarmName) -> lines.add("ensure secret " + Shell.words(List.of(swarmName,
        SwarmObjects.secretFile(name)))));
    lines.add("ensure config " + Shell.words(List.of(objects.site(), SwarmObjects.SITE_FILE)));
    lines.add(migrate());
    lines.add("await_services " + CONVERGE_SECONDS + " " + Shell.words(services()));
    lines.add("docker stack services \"$STACK\"");
    lines.add("step \"deployed $STACK version $VERSION\"");
    return String.join("\n", lines) + "\n";
  }

  /**
   * Before the new version on a stack that runs (it migrates while the old one serves, as the appliance does); right
   * after the first deploy, which starts the database it needs.
   */
  private String migrate() {
    if (source.stack().appliance().migrate().isEmpty()) {
      return "deploy_stack";
    }
    // One option a line, so that the job reads like the stack file.
    String job = MigrationJob.create(source, objects, mapping, source.stack().appliance().migrate().get()).stream()
        .map(word -> (word.startsWith("--") ? "\\\n    " : "") + Shell.quote(word)).collect(Collectors.joining(" "));
    return String.join("\n",
        "migrate() {",
        "  run_job " + Shell.quote(objects.migrationJob(source.version())) + " " + MIGRATION_SECONDS + " " + job,
        "}",
        "if docker stack ls --format '{{.Name}}' | grep -qxF \"$STACK\"; then",
        "  migrate",
        "  deploy_stack",
        "else",
        "  deploy_stack",
        "  migrate",
        "fi");
  }

  /** Each service as NAME=IMAGE: deploy.sh tells a service Swarm rolled back by its image. */
  private List<String> services() {
    return source.stack().services().values().stream().map(Service::name)
        .map(name -> objects.service(name) + "=" + source.service(name).image().orElseThrow()).toList();
  }

  static String octal(String mode) {
    Set<PosixFilePermission> permissions = PosixFilePermissions.fromString(mode);
    int bits = 0;
    for (PosixFilePermission permission : permissions) {
      bits |= 1 << (8 - permission.ordinal());
    }
    return String.format("%04o", bits);
  }
}
