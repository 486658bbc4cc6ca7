package org.leadgate.enrichment.net;

import java.util.Locale;
import java.util.Optional;
import org.leadgate.consent.Freemail;

/** Which domain stands for a lead's company, given what was typed: mail domains of no company are never it. */
public final class MailDomains {
  private static final DomainList DISPOSABLE = DomainList.load("disposable-domains.txt");

  private MailDomains() {}

  /** True for a throw-away mail provider's domain (mailinator.com, trash-mail.de, …) or a name below one. */
  public static boolean isDisposable(String domain) {
    return DISPOSABLE.covers(domain.toLowerCase(Locale.ROOT));
  }

  /**
   * The company's domain: the typed website's, else the email address's; each only when it is a public domain
   * ({@link PublicDomains#normalise}) and neither a freemail nor a disposable mail domain.
   */
  public static Optional<String> companyDomain(Optional<String> website, Optional<String> email) {
    return website.flatMap(MailDomains::companyDomain).or(() -> email.flatMap(MailDomains::companyDomain));
  }

  private static Optional<String> companyDomain(String typed) {
    return PublicDomains.normalise(typed).filter(d -> !Freemail.isFreemailDomain(d) && !isDisposable(d));
  }
}
