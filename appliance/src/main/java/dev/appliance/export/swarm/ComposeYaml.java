package dev.appliance.export.swarm;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.representer.StandardRepresenter;

/**
 * YAML as the docker CLI reads it. Its parser speaks YAML 1.1, where plain {@code 1000:1000} can be a number and
 * {@code on} a boolean: such strings are quoted, which YAML 1.2 (snakeyaml-engine) would leave plain.
 */
final class ComposeYaml {

  private static final Pattern YAML_11_NOT_TEXT = Pattern.compile(
      "[-+]?[0-9][0-9_]*(:[0-9_]+)+(\\.[0-9_]*)?|y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|~|null|Null|NULL"
          + "|true|True|TRUE|false|False|FALSE|0[0-7_]+|[-+]?0b[01_]+|[-+]?0x[0-9a-fA-F_]+|[-+]?(\\.[0-9]+|[0-9][0-9_]*(\\.[0-9_]*)?)([eE][-+]?[0-9]+)?");

  private ComposeYaml() {}

  static String dump(Object document) {
    DumpSettings settings = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).setWidth(120).build();
    return new Dump(settings, new StandardRepresenter(settings) {
      @Override
      protected Node representScalar(Tag tag, String value, ScalarStyle style) {
        boolean quote = tag.equals(Tag.STR) && style == ScalarStyle.PLAIN && YAML_11_NOT_TEXT.matcher(value).matches();
        return super.representScalar(tag, value, quote ? ScalarStyle.DOUBLE_QUOTED : style);
      }
    }).dumpToString(document);
  }

  /** A mapping in the order given: KEY, VALUE, KEY, VALUE... */
  static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
