package dev.appliance.alerts;

import dev.appliance.host.HostRoot;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import dev.appliance.host.PropertiesFile;

/**
 * {@code /data/etc/alerts/channels}: each channel's last result, for {@code status}: a channel that fails says so
 * there, not only in the journal of whichever process tried it.
 */
public final class ChannelResults {

  /** One channel's last attempt: when, whether the other side took it, and what it answered or why not. */
  public record ChannelResult(String channel, String at, boolean ok, String detail) {

    /** {@code email: ok at T (what)} or {@code email: FAILED at T: why}. */
    public String describe() {
      return channel + ": " + (ok ? "ok at " + at + " (" + detail + ")" : "FAILED at " + at + ": " + detail);
    }
  }

  private final HostRoot root;

  public ChannelResults(HostRoot root) {
    this.root = root;
  }

  private Path file() {
    return root.alerts().resolve("channels");
  }

  /** Every channel's last result, by channel name; none when the file cannot be read (status goes on without). */
  public List<ChannelResult> all() {
    Properties values;
    try {
      values = PropertiesFile.load(file());
    } catch (IOException e) {
      return List.of();
    }
    List<ChannelResult> results = new ArrayList<>();
    values.stringPropertyNames().stream().filter(name -> name.matches("[a-z]+\\.at")).sorted().forEach(name -> {
      String channel = name.substring(0, name.length() - ".at".length());
      results.add(new ChannelResult(channel, values.getProperty(name), "ok".equals(values.getProperty(channel + ".result")),
          values.getProperty(channel + ".detail", "")));
    });
    return results;
  }

  /** Records {@code channel}'s attempt; a second process recording meanwhile may win, each writes a whole file. */
  synchronized void record(String channel, Instant at, boolean ok, String detail) throws IOException {
    Properties values = PropertiesFile.load(file());
    values.setProperty(channel + ".at", at.toString());
    values.setProperty(channel + ".result", ok ? "ok" : "failed");
    values.setProperty(channel + ".detail", detail.replace('\n', ' '));
    root.files().createDirectories(root.alerts());
    root.files().write(file(), "rw-------", PropertiesFile.text(values));
  }
}
