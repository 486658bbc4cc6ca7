package org.leadgate.crm.generic;

import com.fasterxml.jackson.core.JsonPointer;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import org.leadgate.config.ConfigNode;
import org.leadgate.crm.generic.auth.AuthSettings;
import org.leadgate.crm.generic.auth.RequestSigner;
import org.leadgate.crm.generic.template.JsonTemplate;
import org.leadgate.crm.generic.template.Missing;
import org.leadgate.crm.generic.template.PathTemplate;
import org.leadgate.crm.generic.template.TemplateParser;
import org.leadgate.crm.generic.template.TextTemplate;

/**
 * Reads {@code crm.settings} (over a preset, or in the short form of the minimal adapter) into a {@link
 * TargetSettings}. Every template is parsed here, so a placeholder outside the lead vocabulary, an unknown key or a
 * bad value stops startup with an error naming the key.
 */
final class SettingsReader {
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);
  private static final Set<String> METHODS = Set.of("POST", "PUT", "PATCH");
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");
  private static final String[] KEYS = {"preset", "url", "header", "baseUrl", "timeout", "auth", "signing", "headers",
      "missing", "values", "parts", "create", "update", "batch", "status", "circuitBreaker", "inbound"};

  private SettingsReader() {}

  static TargetSettings read(ConfigNode settings) {
    settings.allowOnly(KEYS);
    if (settings.has("header") && !settings.has("url")) {
      throw settings.error("header", "belongs to the short form with url; use headers (a mapping of names to values)");
    }
    Layers layers = settings.has("url") ? ShortForm.layers(settings) : Presets.layers(settings);
    layers.allowOnly(KEYS);
    HttpUrl baseUrl = baseUrl(layers);
    Duration timeout = timeout(layers);

    AuthSettings auth = AuthReader.auth(layers.variant("auth", "type"));
    Optional<RequestSigner> signing = AuthReader.signing(layers.section("signing"));
    Set<String> taken = new HashSet<>(HeaderRules.ADAPTER_HEADERS);
    taken.addAll(auth.headerNames());
    signing.ifPresent(s -> taken.addAll(s.headerNames()));

    TemplateParser base = new TemplateParser(valueMaps(layers), missing(layers));
    TemplateParser parser = base.withParts(parts(layers, base));
    RequestHeaders headers = headers(layers, parser, taken);
    Optional<Operation> create = operation(layers, "create", parser);
    Optional<Operation> update = operation(layers, "update", parser);
    Optional<BatchOperation> batch = layers.has("batch") ? batch(layers.section("batch"), parser) : Optional.empty();
    if (create.isEmpty() && batch.isEmpty()) {
      throw layers.error("create", "is required unless an enabled batch takes the leads without a CRM record");
    }
    if (batch.isPresent() && headers.dynamic()) {
      throw layers.error("headers",
          "cannot use lead values while batch is enabled: one batch request carries many leads");
    }
    return new TargetSettings(settings.optionalString("preset"), baseUrl, timeout, headers, create,
        update, batch, status(layers.section("status")), breaker(layers.section("circuitBreaker")), auth, signing);
  }

  private static HttpUrl baseUrl(Layers layers) {
    if (!layers.has("baseUrl")) {
      throw layers.error("baseUrl", "is required (or its short form url): where the CRM's API is");
    }
    HttpUrl url = HttpUrl.parse(layers.httpUrl("baseUrl").toString());
    if (url == null) {
      throw layers.error("baseUrl", "is not a URL the HTTP client can call");
    }
    if (url.encodedFragment() != null) {
      throw layers.error("baseUrl", "must not have a fragment (#)");
    }
    return url;
  }

  private static Duration timeout(Layers layers) {
    Duration timeout = layers.duration("timeout", DEFAULT_TIMEOUT);
    if (timeout.isZero()) {
      throw layers.error("timeout", "must be more than 0");
    }
    if (timeout.compareTo(MAX_TIMEOUT) > 0) {
      throw layers.error("timeout", "must be at most 10m");
    }
    return timeout;
  }

  private static Missing missing(Layers layers) {
    return switch (layers.string("missing", "omit").toLowerCase(Locale.ROOT)) {
      case "omit" -> Missing.OMIT;
      case "null" -> Missing.NULL;
      default -> throw layers.error("missing", "must be omit or null");
    };
  }

  /** {@code values: [{name: lifecycle, map: {mql: marketingqualifiedlead}}]}: tables for {@code {{path | name}}}. */
  private static Map<String, Map<String, String>> valueMaps(Layers layers) {
    Map<String, Map<String, String>> maps = new LinkedHashMap<>();
    layers.named("values").forEach((name, entry) -> {
      entry.allowOnly("name", "map");
      checkName(entry, name);
      Map<String, String> map = entry.stringMap("map");
      if (map.isEmpty()) {
        throw entry.error("map", "is required: a mapping of lead values to CRM values");
      }
      maps.put(name, map);
    });
    return maps;
  }

  /** {@code parts: [{name: properties, json: '{...}'}]}: JSON that templates insert with {@code "{{parts.name}}"}. */
  private static Map<String, JsonTemplate> parts(Layers layers, TemplateParser parser) {
    Map<String, JsonTemplate> parts = new LinkedHashMap<>();
    layers.named("parts").forEach((name, entry) -> {
      entry.allowOnly("name", "json");
      checkName(entry, name);
      parts.put(name, template(Layers.of(entry), "json", parser::json));
    });
    return parts;
  }

  private static void checkName(ConfigNode entry, String name) {
    if (!NAME.matcher(name).matches()) {
      throw entry.error("name", "must be letters, digits, - and _, starting with a letter, but was '" + name + "'");
    }
  }

  private static RequestHeaders headers(Layers layers, TemplateParser parser, Set<String> taken) {
    Layers section = layers.section("headers");
    Map<String, TextTemplate> headers = new LinkedHashMap<>();
    layers.stringMap("headers").forEach((name, value) -> {
      HeaderRules.nameProblem(name, taken).ifPresent(p -> {
        throw section.error(name, p);
      });
      HeaderRules.valueProblem(value).ifPresent(p -> {
        throw section.error(name, p);
      });
      headers.put(name, template(section, name, parser::text));
    });
    return new RequestHeaders(headers);
  }

  /** The {@code create} or {@code update} operation, if configured. */
  private static Optional<Operation> operation(Layers layers, String name, TemplateParser parser) {
    if (!layers.has(name)) {
      return Optional.empty();
    }
    Layers section = layers.section(name).allowOnly("method", "path", "body", "recordId");
    String method = method(section, name.equals("update") ? "PATCH" : "POST");
    PathTemplate path = template(section, "path", parser::path);
    return Optional.of(
        new Operation(name, method, path, template(section, "body", parser::json), pointer(section, "recordId")));
  }

  private static Optional<BatchOperation> batch(Layers section, TemplateParser parser) {
    section.allowOnly("enabled", "limit", "linger", "method", "path", "body", "item", "results", "recordId", "matchBy");
    if (!section.bool("enabled", true)) {
      return Optional.empty();
    }
    if (!section.has("limit")) {
      throw section.error("limit", "is required: the most leads the CRM takes in one request");
    }
    int limit = section.integer("limit", 1, 1, 1000);
    PathTemplate path = template(section, "path", parser::path);
    if (path.dynamic()) {
      throw section.error("path", "cannot use lead values: one batch request carries many leads");
    }
    Optional<JsonPointer> results = pointer(section, "results");
    Optional<JsonPointer> recordId = pointer(section, "recordId");
    if (recordId.isPresent() && results.isEmpty()) {
      throw section.error("recordId", "needs batch.results, the array of per-lead results it is read from");
    }
    Optional<BatchOperation.Match> matchBy = Optional.empty();
    if (section.has("matchBy")) {
      Layers match = section.section("matchBy").allowOnly("item", "result");
      TextTemplate item = template(match, "item", parser::text);
      if (!item.dynamic()) {
        throw match.error("item", "must name the lead value that identifies a result, such as {{fields.email}}");
      }
      matchBy = Optional.of(new BatchOperation.Match(item, pointer(match, "result").orElseThrow(
          () -> match.error("result", "is required: where a result holds that value, such as /properties/email"))));
    }
    return Optional.of(new BatchOperation(limit, section.duration("linger", Duration.ZERO),
        method(section, "POST"), path, template(section, "body", parser::batchBody),
        template(section, "item", parser::json), results, recordId, matchBy));
  }

  private static String method(Layers section, String defaultMethod) {
    String method = section.string("method", defaultMethod).toUpperCase(Locale.ROOT);
    if (!METHODS.contains(method)) {
      throw section.error("method", "must be POST, PUT or PATCH but was '" + method + "'");
    }
    return method;
  }

  private static Optional<JsonPointer> pointer(Layers section, String key) {
    Optional<String> text = section.optionalString(key);
    try {
      return text.map(JsonPointer::compile);
    } catch (IllegalArgumentException e) {
      throw section.error(key, "must be a JSON pointer such as /id or /data/id but was '" + text.get() + "'");
    }
  }

  /** The template at {@code key} (an absent path is the base URL itself); its problems name the key. */
  private static <T> T template(Layers section, String key, Function<String, T> parse) {
    String text = key.equals("path") ? section.string(key, "") : section.string(key);
    try {
      return parse.apply(text);
    } catch (IllegalArgumentException e) {
      throw section.error(key, e.getMessage());
    }
  }

  private static StatusPolicy status(Layers section) {
    section.allowOnly("retry", "reject");
    Set<Integer> retry = statuses(section, "retry");
    Set<Integer> reject = statuses(section, "reject");
    for (Integer code : retry) {
      if (reject.contains(code)) {
        throw section.error("reject", code + " is also listed under retry");
      }
    }
    return new StatusPolicy(retry, reject);
  }

  private static Set<Integer> statuses(Layers section, String key) {
    Set<Integer> codes = new HashSet<>();
    for (String text : section.stringList(key)) {
      int code;
      try {
        code = Integer.parseInt(text);
      } catch (NumberFormatException e) {
        throw section.error(key, "must list HTTP statuses but has '" + text + "'");
      }
      if (code < 400 || code > 599) {
        throw section.error(key, "may only list 4xx and 5xx statuses but has " + code);
      }
      codes.add(code);
    }
    return codes;
  }

  private static BreakerSettings breaker(Layers section) {
    section.allowOnly("failureRate", "window", "minimumCalls", "openFor", "halfOpenCalls");
    BreakerSettings d = BreakerSettings.DEFAULT;
    Duration openFor = section.duration("openFor", d.openFor());
    if (openFor.isZero()) {
      throw section.error("openFor", "must be more than 0");
    }
    return new BreakerSettings(
        section.integer("failureRate", d.failureRate(), 1, 100),
        section.integer("window", d.window(), 1, 1000),
        section.integer("minimumCalls", d.minimumCalls(), 1, 1000),
        openFor,
        section.integer("halfOpenCalls", d.halfOpenCalls(), 1, 100));
  }
}
