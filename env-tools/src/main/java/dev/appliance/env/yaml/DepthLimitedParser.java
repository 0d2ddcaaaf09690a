package dev.appliance.env.yaml;

import java.util.Optional;
import org.snakeyaml.engine.v2.events.CollectionEndEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.parser.Parser;

/**
 * Refuses lists and sections nested deeper than a limit, as the parser hands out their events. SnakeYAML's
 * composer recurses once per level (and has no depth setting), so a few thousand brackets would overflow its stack;
 * the parser itself does not recurse, so counting its events stops the composer before it goes deep.
 */
final class DepthLimitedParser implements Parser {

  /** Nesting beyond {@code limit}, at the start of the list or section that went too deep. */
  static final class TooDeepException extends YamlEngineException {
    private static final long serialVersionUID = 1L;

    private final transient Mark mark;

    TooDeepException(int limit, Optional<Mark> mark) {
      super("nesting deeper than " + limit + " levels");
      this.mark = mark.orElse(null);
    }

    Mark mark() {
      return mark;
    }
  }

  private final Parser parser;
  private final int limit;
  private int depth;

  DepthLimitedParser(Parser parser, int limit) {
    this.parser = parser;
    this.limit = limit;
  }

  @Override
  public Event next() {
    Event event = parser.next();
    if (event instanceof CollectionStartEvent && ++depth > limit) {
      throw new TooDeepException(limit, event.getStartMark());
    }
    if (event instanceof CollectionEndEvent) {
      depth--;
    }
    return event;
  }

  @Override
  public boolean checkEvent(Event.ID id) {
    return parser.checkEvent(id);
  }

  @Override
  public Event peekEvent() {
    return parser.peekEvent();
  }

  @Override
  public boolean hasNext() {
    return parser.hasNext();
  }
}
