package dev.appliance.support;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import dev.appliance.containers.HttpsProbe;
import dev.appliance.docker.DockerClients;
import dev.appliance.images.ImageLabels;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * The appliance in a temporary root on the real engine, its certificate from Debian's Pebble for {@link #DOMAIN} and
 * {@link #WWW} through its own front (http-01 on its HTTP port). The appliance runs in JVMs of its own, which
 * resolve the names through a hosts file (as DNS would) and trust Pebble's HTTPS listener ({@link #jvmOptions()}).
 */
public final class AcmeAppliance implements AutoCloseable {

  public static final String DOMAIN = "acme.appliance.test";
  public static final String WWW = "www.acme.appliance.test";

  private final Path work;
  private final Path root;
  private final String name;
  private final int httpsPort;
  private final Pebble pebble;
  private final List<String> jvm;
  private final Path env;
  private final ApplianceCli cli;
  private DockerClient docker;
  private Process up;

  /** Starts Pebble for a stack named {@code prefix} and a random suffix, in {@code work}. */
  public AcmeAppliance(Path work, String prefix) throws Exception {
    this.work = work;
    root = work.resolve("root");
    name = prefix + Long.toString(System.nanoTime() % 1_000_000, 36);
    int httpPort = TestEnvs.freePort();
    httpsPort = TestEnvs.freePort();
    pebble = Pebble.start(work.resolve("pebble"), httpPort);
    try {
      Path hosts = Files.writeString(work.resolve("hosts"), "127.0.0.1 localhost " + DOMAIN + " " + WWW + "\n");
      List<String> options = new ArrayList<>(pebble.clientOptions());
      options.add("-Djdk.net.hosts.file=" + hosts);
      jvm = List.copyOf(options);
      env = TestEnvs.forDomain(work.resolve("env"), DOMAIN, "appliance:\n  ssl:\n    letsencrypt:\n      enabled: true\n"
          + "      email: ops@example.org\n      directory: " + pebble.directory() + "\n      extra_names: [" + WWW + "]\n");
      cli = new ApplianceCli(root, TestEnvs.stack(work.resolve("stack"), name), httpPort, httpsPort);
    } catch (Exception e) {
      pebble.close();
      throw e;
    }
  }

  /** The env file the appliance was started with. */
  public Path env() {
    return env;
  }

  /** Runs {@code appliance up} in a JVM of its own (its output in up.log) until it serves, at most 300 s. */
  public void up() throws Exception {
    docker = DockerClients.connect();
    up = cli.startProcess(work.resolve("up.log"), jvm, "up", "--env", env.toString());
    Instant deadline = Instant.now().plusSeconds(300);
    while (!log("up.log").contains("serving https://")) {
      if (!up.isAlive() || Instant.now().isAfter(deadline)) {
        throw new AssertionError((up.isAlive() ? "not serving within 300 s: " : "up ended: ") + log("up.log"));
      }
      Thread.sleep(250);
    }
  }

  public Path root() {
    return root;
  }

  /** The stack's name, which its containers' names begin with. */
  public String name() {
    return name;
  }

  /** Where the front's HTTPS is published on this machine. */
  public int httpsPort() {
    return httpsPort;
  }

  public Pebble pebble() {
    return pebble;
  }

  public ApplianceCli cli() {
    return cli;
  }

  /** The options of the appliance's JVMs: Pebble trusted, the names resolved to this machine. */
  public List<String> jvmOptions() {
    return jvm;
  }

  /** A file in the folder of the appliance's ACME account and state. */
  public Path acme(String file) {
    return root.resolve("data/tls/acme").resolve(file);
  }

  /** What a run of the appliance wrote into {@code file} of the work folder so far ("" before it exists). */
  public String log(String file) {
    try {
      return Files.readString(work.resolve(file));
    } catch (IOException e) {
      return "";
    }
  }

  /** Runs {@code appliance certificate ARGS} in a JVM of its own, its output into {@code logName}. */
  public ApplianceCli.Result certificate(String logName, String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("certificate"));
    all.addAll(List.of(args));
    return cli.runProcess(work.resolve(logName), jvm, all.toArray(String[]::new));
  }

  /** The chain the front serves to a client that asks for {@code DOMAIN} (SNI). */
  public List<X509Certificate> served() throws Exception {
    try (SSLSocket socket = (SSLSocket) HttpsProbe.trustingContext().getSocketFactory().createSocket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", httpsPort), 5000);
      SSLParameters parameters = socket.getSSLParameters();
      parameters.setServerNames(List.of(new SNIHostName(DOMAIN)));
      socket.setSSLParameters(parameters);
      socket.startHandshake();
      return Arrays.stream(socket.getSession().getPeerCertificates()).map(c -> (X509Certificate) c).toList();
    }
  }

  /**
   * The application's health through the front, on a connection of its own (each request meets whatever the front
   * holds at that moment), for the test's name whatever address it is reached on.
   */
  public int healthz() throws Exception {
    HttpsURLConnection connection = (HttpsURLConnection) URI.create("https://127.0.0.1:" + httpsPort + "/healthz").toURL()
        .openConnection();
    connection.setSSLSocketFactory(HttpsProbe.trustingContext().getSocketFactory());
    connection.setHostnameVerifier((host, session) -> true);
    connection.setRequestProperty("Connection", "close");
    connection.setConnectTimeout(5000);
    connection.setReadTimeout(10000);
    try {
      connection.getInputStream().readAllBytes();
      return connection.getResponseCode();
    } catch (IOException e) {
      return connection.getResponseCode();
    } finally {
      connection.disconnect();
    }
  }

  /** Stops the appliance, removes its containers and network, and stops Pebble. */
  @Override
  public void close() throws Exception {
    try {
      if (up != null) {
        cli.run("stop", "--timeout", "5");
        up.destroy();
        up.waitFor(60, TimeUnit.SECONDS);
      }
      if (docker != null) {
        for (Container container : docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(ImageLabels.STACK, name))
            .exec()) {
          docker.removeContainerCmd(container.getId()).withForce(true).exec();
        }
        docker.listNetworksCmd().withNameFilter(name).exec().forEach(n -> docker.removeNetworkCmd(n.getId()).exec());
        docker.close();
      }
    } finally {
      pebble.close();
    }
  }
}
