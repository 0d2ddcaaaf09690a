package dev.appliance.reference;

import java.util.List;
import java.util.stream.Collectors;

/** The documents as JSON, written by hand: the application needs no JSON library for one list. */
final class Json {

  private Json() {}

  static String documents(List<Documents.Document> documents) {
    return documents.stream().map(d -> "{\"id\":" + d.id() + ",\"name\":" + string(d.name()) + ",\"uploaded\":"
        + string(d.uploaded()) + ",\"sha256\":" + (d.sha256() == null ? "null" : string(d.sha256())) + ",\"size\":" + d.size()
        + ",\"downloads\":" + d.downloads() + "}").collect(Collectors.joining(",", "[", "]\n"));
  }

  static String string(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
      }
    }
    return out.append('"').toString();
  }
}
