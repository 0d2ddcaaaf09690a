package dev.appliance.env.yaml;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.constructor.StandardConstructor;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Parses a YAML document into located nodes with safe settings: YAML 1.2 (so {@code NO} stays a string),
 * duplicate keys refused, at most {@value #MAX_ALIASES} aliases, at most {@value #MAX_BYTES} bytes, at most
 * {@value #MAX_DEPTH} levels of nested lists and sections. Every YAML file the project reads is read here.
 */
public final class YamlReader {

  /** Far above any real env.yml (the recovery sheet holds about 130 KB gzipped), far below harm. */
  public static final int MAX_BYTES = 1024 * 1024;
  public static final int MAX_ALIASES = 50;
  /** Real envs and stacks nest fewer than 10 levels; thousands would overflow the composer's stack. */
  public static final int MAX_DEPTH = 64;

  private YamlReader() {}

  /** The outcome of a parse: the root node when the text is well-formed YAML. */
  public record Parsed(Optional<Node> root, String text) {}

  /** Reads {@code file}; problems go to {@code problems}, and the root is empty if the file is not YAML. */
  public static Parsed read(Path file, Problems problems) throws IOException {
    long size = Files.size(file);
    if (size > MAX_BYTES) {
      return tooLarge(size, problems);
    }
    return read(Files.readAllBytes(file), file.getFileName().toString(), problems);
  }

  /** Reads a file's content that is already in memory; {@code label} names it in internal messages only. */
  public static Parsed read(byte[] bytes, String label, Problems problems) {
    if (bytes.length > MAX_BYTES) {
      return tooLarge(bytes.length, problems);
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      problems.add("", null, "the file is not valid UTF-8 text", "save it as UTF-8");
      return new Parsed(Optional.empty(), "");
    }
    return parse(text, label, problems);
  }

  private static Parsed tooLarge(long size, Problems problems) {
    problems.add("", null, "the file is " + size + " bytes, more than the limit of " + MAX_BYTES + " bytes",
        "keep large data out of the env; reference it instead");
    return new Parsed(Optional.empty(), "");
  }

  /** Parses {@code text}; {@code label} names it in internal messages only. */
  public static Parsed parse(String text, String label, Problems problems) {
    LoadSettings settings = settings(label);
    try {
      Optional<Node> root = compose(text, settings);
      if (root.isPresent() && !KeyChecks.check(root.get(), problems)) {
        return new Parsed(Optional.empty(), text);
      }
      return new Parsed(root, text);
    } catch (DepthLimitedParser.TooDeepException e) {
      problems.add("", e.mark(), e.getMessage() + " of lists and sections",
          "remove the extra brackets, indentation or '- ' that start here; envs and stacks need fewer than 10 levels");
    } catch (MarkedYamlEngineException e) {
      problems.add("", SyntaxHints.mark(e), SyntaxHints.message(e), SyntaxHints.fix(e));
    } catch (YamlEngineException e) {
      problems.add("", SyntaxHints.isAliasLimit(e) ? aliasBeyondLimit(text, settings) : null, SyntaxHints.message(e),
          SyntaxHints.fix(e));
    }
    return new Parsed(Optional.empty(), text);
  }

  private static Optional<Node> compose(String text, LoadSettings settings) {
    StreamReader reader = new StreamReader(settings, new StringReader(text));
    return new Composer(settings, new DepthLimitedParser(new ParserImpl(settings, reader), MAX_DEPTH)).getSingleNode();
  }

  /**
   * The plain values (maps, lists, strings, numbers, booleans) of a document that {@link #parse} returned, built
   * from its nodes rather than by reading the text again.
   */
  public static Object values(Node root) {
    return new StandardConstructor(settings("")).constructSingleDocument(Optional.of(root));
  }

  private static LoadSettings settings(String label) {
    return LoadSettings.builder()
        .setLabel(label)
        .setAllowDuplicateKeys(false)
        .setAllowRecursiveKeys(false)
        .setAllowNonScalarKeys(true) // reported with their position by KeyChecks
        .setMaxAliasesForCollections(MAX_ALIASES)
        .setCodePointLimit(MAX_BYTES)
        .setUseMarks(true)
        .build();
  }

  /** The position of the first alias beyond the limit, read from the parser's events (the composer gives none). */
  private static Mark aliasBeyondLimit(String text, LoadSettings settings) {
    int aliases = 0;
    for (Event event : new Parse(settings).parseString(text)) {
      if (event instanceof AliasEvent && ++aliases > MAX_ALIASES) {
        return event.getStartMark().orElse(null);
      }
    }
    return null;
  }
}
