package org.leadgate.consent;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** Free mail domains (gmail.com, web.de, gmx.de, t-online.de, …): such an address is no sign of a business. */
public final class Freemail {
  private static final Set<String> DOMAINS = load();

  private Freemail() {}

  public static boolean isFreemail(String email) {
    int at = email.lastIndexOf('@');
    return at >= 0 && isFreemailDomain(email.substring(at + 1));
  }

  public static boolean isFreemailDomain(String domain) {
    return DOMAINS.contains(domain.toLowerCase(Locale.ROOT));
  }

  private static Set<String> load() {
    Set<String> domains = new HashSet<>();
    try (InputStream in = Freemail.class.getResourceAsStream("freemail-domains.txt")) {
      if (in == null) {
        throw new IllegalStateException("freemail-domains.txt is missing from the core jar");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        String domain = line.strip();
        if (!domain.isEmpty() && !domain.startsWith("#")) {
          domains.add(domain.toLowerCase(Locale.ROOT));
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read freemail-domains.txt", e);
    }
    return Set.copyOf(domains);
  }
}
