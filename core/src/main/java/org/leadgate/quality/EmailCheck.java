package org.leadgate.quality;

import java.net.IDN;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.leadgate.consent.Freemail;
import org.leadgate.enrichment.net.DomainList;
import org.leadgate.enrichment.net.MailDomains;
import org.leadgate.quality.EmailSyntax.Address;
import org.leadgate.quality.EmailSyntax.Invalid;
import org.leadgate.quality.EmailSyntax.Parsed;

/**
 * Checks a typed email address. A valid one becomes {@code local@domain} with the local part as typed (plus
 * addressing kept) and the domain in lowercase ASCII (IDN as punycode); an invalid one stays exactly as typed.
 * Flags: {@value #INVALID} (why), {@value #TYPO} (fact {@code suggestion}: the address with the common domain
 * probably meant; never applied), {@value #DISPOSABLE}, {@value #FREEMAIL}. Facts of a valid address: {@code
 * domain}, and {@code audience} ({@code b2c-hint} for free mail, {@code b2b-hint} for any other domain that is not
 * throw-away or a suspected typo).
 */
public final class EmailCheck {
  public static final String INVALID = "email.invalid";
  public static final String TYPO = "email.typo";
  public static final String DISPOSABLE = "email.disposable";
  public static final String FREEMAIL = "email.freemail";

  private final DomainList extraDisposableDomains;

  /**
   * @param extraDisposableDomains throw-away mail domains from configuration, besides the built-in list; each also
   *     covers the names below it
   * @throws IllegalArgumentException when one is not a domain name
   */
  public EmailCheck(Set<String> extraDisposableDomains) {
    this.extraDisposableDomains = DomainList.of(extraDisposableDomains.stream().map(EmailCheck::asciiDomain)
        .collect(Collectors.toUnmodifiableSet()));
  }

  /** The typed address checked; surrounding white space is not part of it. */
  public Checked check(String typed) {
    String text = typed.strip();
    Parsed parsed = EmailSyntax.parse(text);
    List<Flag> flags = new ArrayList<>();
    Map<String, String> facts = new LinkedHashMap<>();
    if (parsed instanceof Invalid invalid) {
      flags.add(new Flag(INVALID, invalid.reason()));
      int at = text.lastIndexOf('@');
      if (at >= 0) {
        typo(text.substring(0, at), text.substring(at + 1).toLowerCase(Locale.ROOT), flags, facts);
      }
      return new Checked(typed, flags, facts);
    }
    Address address = (Address) parsed;
    String domain = address.domain();
    facts.put("domain", domain);
    boolean typo = typo(address.localPart(), domain, flags, facts);
    if (isDisposable(domain)) {
      flags.add(new Flag(DISPOSABLE, "a throw-away mail domain: the address soon stops working"));
    } else if (Freemail.isFreemailDomain(domain)) {
      flags.add(new Flag(FREEMAIL, "a free mail provider: a private address, a hint of a consumer (B2C)"));
      facts.put("audience", "b2c-hint");
    } else if (!typo) {
      facts.put("audience", "b2b-hint");
    }
    return new Checked(address.text(), flags, facts);
  }

  private static boolean typo(String localPart, String domain, List<Flag> flags, Map<String, String> facts) {
    Optional<String> meant = DomainTypos.suggestion(domain);
    meant.ifPresent(common -> {
      flags.add(new Flag(TYPO, "the domain " + domain + " looks like a typo of " + common));
      facts.put("suggestion", localPart + "@" + common);
    });
    return meant.isPresent();
  }

  private boolean isDisposable(String domain) {
    return MailDomains.isDisposable(domain) || extraDisposableDomains.covers(domain);
  }

  private static String asciiDomain(String domain) {
    String ascii;
    try {
      ascii = IDN.toASCII(domain.strip(), IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a domain name: " + domain, e);
    }
    if (ascii.isEmpty()) {
      throw new IllegalArgumentException("an empty disposable domain");
    }
    return ascii;
  }
}
