package dev.appliance.host;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Properties;

/** The small state files the appliance keeps as Java properties: read leniently, written without a date line. */
public final class PropertiesFile {

  private PropertiesFile() {}

  /** Properties' own text without the date line it adds (which would be the only time not from the clock). */
  public static String text(Properties values) throws IOException {
    StringWriter text = new StringWriter();
    values.store(text, null);
    return text.toString().lines().filter(line -> !line.startsWith("#")).map(line -> line + "\n")
        .reduce("", String::concat);
  }

  /** The properties in {@code file}; empty ones if there is no such file or it is not a properties file. */
  public static Properties load(Path file) throws IOException {
    Properties values = new Properties();
    try (Reader in = Files.newBufferedReader(file)) {
      values.load(in);
    } catch (NoSuchFileException e) {
      // nothing kept yet
    } catch (IllegalArgumentException | CharacterCodingException e) {
      // a malformed \\u escape or bytes that are not UTF-8: a broken file, read as nothing (its next write makes it
      // whole again)
      return new Properties();
    }
    return values;
  }
}
