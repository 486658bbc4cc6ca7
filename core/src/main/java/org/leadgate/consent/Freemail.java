package org.leadgate.consent;

import java.util.Locale;
import org.leadgate.enrichment.net.DomainList;

/** Free mail domains (gmail.com, web.de, gmx.de, t-online.de, …): such an address is no sign of a business. */
public final class Freemail {
  private static final DomainList DOMAINS = DomainList.load(Freemail.class, "freemail-domains.txt");

  private Freemail() {}

  public static boolean isFreemail(String email) {
    int at = email.lastIndexOf('@');
    return at >= 0 && isFreemailDomain(email.substring(at + 1));
  }

  /** True for a listed domain and any name below it. */
  public static boolean isFreemailDomain(String domain) {
    return DOMAINS.covers(domain.toLowerCase(Locale.ROOT));
  }
}
