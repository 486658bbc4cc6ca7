package org.leadgate.spi;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Function;
import org.leadgate.config.ConfigException;

/**
 * Factories of one kind found through {@link ServiceLoader}, keyed by id. Two factories with one id, or a
 * configured id that no factory has, stop startup with the known ids listed.
 */
public final class Plugins<F> {
  private final String kind;
  private final Map<String, F> byId;

  private Plugins(String kind, Map<String, F> byId) {
    this.kind = kind;
    this.byId = byId;
  }

  public static Plugins<CrmAdapterFactory> crmAdapters(ClassLoader classLoader) {
    return load(CrmAdapterFactory.class, CrmAdapterFactory::id, "CRM adapter", classLoader);
  }

  public static <F> Plugins<F> load(
      Class<F> type, Function<F, String> id, String kind, ClassLoader classLoader) {
    return of(kind, ServiceLoader.load(type, classLoader).stream().map(ServiceLoader.Provider::get).toList(), id);
  }

  static <F> Plugins<F> of(String kind, List<F> factories, Function<F, String> id) {
    Map<String, F> byId = new TreeMap<>();
    for (F factory : factories) {
      F previous = byId.putIfAbsent(id.apply(factory), factory);
      if (previous != null) {
        throw new IllegalStateException(
            "Two " + kind + " factories share the id '" + id.apply(factory) + "': "
                + previous.getClass().getName() + " and " + factory.getClass().getName());
      }
    }
    return new Plugins<>(kind, byId);
  }

  /** The factory for {@code id}, which the configuration names at {@code key}. */
  public F require(String id, String key) {
    F factory = byId.get(id);
    if (factory == null) {
      throw new ConfigException(key, "unknown " + kind + " '" + id + "'; known ids: " + String.join(", ", byId.keySet()));
    }
    return factory;
  }

  public java.util.Set<String> ids() {
    return byId.keySet();
  }
}
