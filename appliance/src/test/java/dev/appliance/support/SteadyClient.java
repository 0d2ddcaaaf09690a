package dev.appliance.support;

import dev.appliance.containers.HttpsProbe;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A visitor asking the front on 127.0.0.1 for a path at a steady rate, each request on a connection of its own (as
 * many visitors are), until stopped or its bounds are reached: what it counts is every request that did not end in
 * 200, the versions it was answered, and the longest time between two answers; and when each request ended, how.
 */
public final class SteadyClient implements AutoCloseable {

  private final int port;
  private final String path;
  private final Duration every;
  private final int maxRequests;
  private final Thread thread;
  private final List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
  private final Set<String> answers = Collections.synchronizedSet(new LinkedHashSet<>());
  private volatile boolean stop;
  private volatile int requests;
  private volatile long longestGapNanos;

  /**
   * How one request ended: when, and either answered 200 ({@code answered}, {@code text} the body) or not
   * ({@code text} what came instead: the status line, or the exception).
   */
  public record Outcome(Instant at, boolean answered, String text) {}

  private SteadyClient(int port, String path, Duration every, int maxRequests) {
    this.port = port;
    this.path = path;
    this.every = every;
    this.maxRequests = maxRequests;
    this.thread = new Thread(this::loop, "steady-client");
    thread.setDaemon(true);
  }

  /** 20 requests a second to {@code path}, at most {@code maxRequests} (a bound on the load). */
  public static SteadyClient start(int port, String path, int maxRequests) {
    SteadyClient client = new SteadyClient(port, path, Duration.ofMillis(50), maxRequests);
    client.thread.start();
    return client;
  }

  private void loop() {
    long lastAnswer = System.nanoTime();
    while (!stop && requests < maxRequests) {
      long began = System.nanoTime();
      requests++;
      try {
        String answer = get();
        answers.add(answer);
        outcomes.add(new Outcome(Instant.now(), true, answer));
        longestGapNanos = Math.max(longestGapNanos, System.nanoTime() - lastAnswer);
        lastAnswer = System.nanoTime();
      } catch (IOException | RuntimeException e) {
        outcomes.add(new Outcome(Instant.now(), false, e.toString()));
      }
      long rest = every.toNanos() - (System.nanoTime() - began);
      if (rest > 0) {
        try {
          Thread.sleep(rest / 1_000_000);
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  /** One GET on a new TLS connection; the body of a 200, else an exception saying what came. */
  private String get() throws IOException {
    try (SSLSocket socket = (SSLSocket) HttpsProbe.trustingContext().getSocketFactory().createSocket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      SSLParameters parameters = socket.getSSLParameters();
      parameters.setServerNames(List.of(new SNIHostName("localhost")));
      socket.setSSLParameters(parameters);
      OutputStream out = socket.getOutputStream();
      out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream response = new ByteArrayOutputStream();
      in.transferTo(response);
      String text = response.toString(StandardCharsets.UTF_8);
      if (!text.startsWith("HTTP/1.1 200")) {
        throw new IOException("answer: " + text.lines().findFirst().orElse("(nothing)"));
      }
      return text.substring(text.indexOf("\r\n\r\n") + 4).strip();
    } catch (java.security.GeneralSecurityException e) {
      throw new IOException(e);
    }
  }

  /** Every request that did not end in 200: when, and what came. */
  public List<String> failures() {
    return outcomes().stream().filter(o -> !o.answered()).map(o -> o.at() + " " + o.text()).toList();
  }

  /** Every request's end, in order. */
  public List<Outcome> outcomes() {
    synchronized (outcomes) {
      return List.copyOf(outcomes);
    }
  }

  /** The distinct bodies answered, in the order first seen. */
  public List<String> answers() {
    return List.copyOf(answers);
  }

  public int requests() {
    return requests;
  }

  public Duration longestGap() {
    return Duration.ofNanos(longestGapNanos);
  }

  /** Ends the requests and waits for the one under way; what was counted stays readable. */
  public void stop() throws InterruptedException {
    stop = true;
    thread.join(15_000);
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }
}
