package org.leadgate.enrichment.net;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** Domain names that also cover every name below them: {@code mailinator.com} covers {@code x.mailinator.com}. */
public final class DomainList {
  private final Set<String> names;

  private DomainList(Set<String> names) {
    this.names = Set.copyOf(names);
  }

  static DomainList of(String... names) {
    return new DomainList(Set.of(names));
  }

  /** Lowercase names, each also covering the names below it. */
  public static DomainList of(java.util.Collection<String> names) {
    return new DomainList(Set.copyOf(names));
  }

  /** Reads a resource next to this class: one lowercase name per line, {@code #} starts a comment line. */
  static DomainList load(String resource) {
    return load(DomainList.class, resource);
  }

  /** Reads a resource next to {@code owner}: one name per line, {@code #} starts a comment line. */
  public static DomainList load(Class<?> owner, String resource) {
    Set<String> names = new HashSet<>();
    try (InputStream in = owner.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the core jar");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        String name = line.strip();
        if (!name.isEmpty() && !name.startsWith("#")) {
          names.add(name.toLowerCase(Locale.ROOT));
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + resource, e);
    }
    return new DomainList(names);
  }

  /** True when the lowercase {@code domain} or a domain above it is listed. */
  public boolean covers(String domain) {
    for (String name = domain; ; name = name.substring(name.indexOf('.') + 1)) {
      if (names.contains(name)) {
        return true;
      }
      if (name.indexOf('.') < 0) {
        return false;
      }
    }
  }
}
