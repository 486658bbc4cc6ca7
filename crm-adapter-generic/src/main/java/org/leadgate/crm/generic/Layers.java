package org.leadgate.crm.generic;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.leadgate.config.ConfigException;
import org.leadgate.config.ConfigNode;

/**
 * Settings read through layers, the most specific first: the configured {@code crm.settings}, then the preset it
 * names. Each key is read from the first layer that has it, so configuration overrides a preset key by key (a whole
 * template at once); named lists ({@code values}, {@code parts}) are merged by name. Errors name the key in the layer
 * the value came from.
 */
final class Layers {
  private final List<ConfigNode> layers;

  Layers(List<ConfigNode> layers) {
    if (layers.isEmpty()) {
      throw new IllegalArgumentException("at least one layer");
    }
    this.layers = List.copyOf(layers);
  }

  static Layers of(ConfigNode settings) {
    return new Layers(List.of(settings));
  }

  boolean has(String key) {
    return layers.stream().anyMatch(layer -> layer.has(key));
  }

  /** The section at {@code key} in every layer. */
  Layers section(String key) {
    return new Layers(layers.stream().map(layer -> layer.section(key)).toList());
  }

  /**
   * The section at {@code key} when {@code kind} picks its shape (such as {@code auth.type}): the most specific layer
   * that sets {@code kind} decides, and less specific layers count only where they set the same kind, so that a
   * configured {@code auth: {type: oauth2, ...}} replaces a preset's API key instead of mixing with it.
   */
  Layers variant(String key, String kind) {
    List<ConfigNode> sections = layers.stream().map(layer -> layer.section(key)).toList();
    List<ConfigNode> kept = new ArrayList<>();
    Optional<String> chosen = Optional.empty();
    for (ConfigNode section : sections) {
      Optional<String> own = section.optionalString(kind);
      if (chosen.isEmpty() || own.equals(chosen)) {
        kept.add(section);
      }
      chosen = chosen.isPresent() ? chosen : own;
    }
    return new Layers(kept);
  }

  /** Fails on a key not in {@code known} in any layer. */
  Layers allowOnly(String... known) {
    layers.forEach(layer -> layer.allowOnly(known));
    return this;
  }

  ConfigException error(String key, String problem) {
    return owner(key).error(key, problem);
  }

  String string(String key) {
    return owner(key).string(key);
  }

  Optional<String> optionalString(String key) {
    return owner(key).optionalString(key);
  }

  String string(String key, String defaultValue) {
    return owner(key).string(key, defaultValue);
  }

  int integer(String key, int defaultValue, int min, int max) {
    return owner(key).integer(key, defaultValue, min, max);
  }

  boolean bool(String key, boolean defaultValue) {
    return owner(key).bool(key, defaultValue);
  }

  Duration duration(String key, Duration defaultValue) {
    return owner(key).duration(key, defaultValue);
  }

  URI httpUrl(String key) {
    return owner(key).httpUrl(key);
  }

  List<String> stringList(String key) {
    return owner(key).stringList(key);
  }

  Map<String, String> stringMap(String key) {
    return owner(key).stringMap(key);
  }

  /**
   * The entries of the named lists at {@code key} ({@code - name: x ...}) across layers, by name; a more specific
   * layer's entry replaces a preset's entry of the same name.
   */
  Map<String, ConfigNode> named(String key) {
    Map<String, ConfigNode> entries = new LinkedHashMap<>();
    for (ConfigNode layer : layers) {
      for (ConfigNode entry : layer.list(key)) {
        entries.putIfAbsent(entry.string("name"), entry);
      }
    }
    return entries;
  }

  /** The first layer that has {@code key}, or the most specific one, whose defaults then apply. */
  private ConfigNode owner(String key) {
    return layers.stream().filter(layer -> layer.has(key)).findFirst().orElse(layers.get(0));
  }
}
