package org.leadgate.crm.generic;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.leadgate.config.ConfigNode;

/**
 * The settings of the first, minimal adapter, still accepted: {@code url} (and optionally one {@code header} with
 * {@code name} and {@code value}) stands for {@code baseUrl: <url>} and a {@code create} that POSTs the whole lead
 * JSON ({@code "{{lead}}"}) and reads the record id at {@code /id}.
 */
final class ShortForm {
  private ShortForm() {}

  /** The configured settings over what their {@code url} and {@code header} stand for. */
  static Layers layers(ConfigNode settings) {
    for (String full : List.of("preset", "baseUrl", "create", "update", "batch", "headers")) {
      if (settings.has(full)) {
        throw settings.error("url", "is the short form of baseUrl plus create; leave it out when setting " + full);
      }
    }
    ObjectNode expanded = JsonNodeFactory.instance.objectNode();
    expanded.put("baseUrl", settings.httpUrl("url").toString());
    expanded.putObject("create").put("method", "POST").put("body", "\"{{lead}}\"").put("recordId", "/id");
    if (settings.has("header")) {
      ConfigNode header = settings.section("header").allowOnly("name", "value");
      String name = header.string("name");
      HeaderRules.nameProblem(name, HeaderRules.ADAPTER_HEADERS).ifPresent(p -> {
        throw header.error("name", p);
      });
      String value = header.string("value");
      HeaderRules.valueProblem(value).ifPresent(p -> {
        throw header.error("value", p);
      });
      expanded.putObject("headers").put(name, value);
    }
    return new Layers(List.of(settings, ConfigNode.of(expanded, settings.path())));
  }
}
