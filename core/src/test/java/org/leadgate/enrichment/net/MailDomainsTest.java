package org.leadgate.enrichment.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MailDomainsTest {

  @ParameterizedTest
  @CsvSource({
      "mailinator.com, true",
      "MAILINATOR.COM, true",
      "inbox.mailinator.com, true",
      "guerrillamail.com, true",
      "sharklasers.com, true",
      "10minutemail.com, true",
      "trashmail.com, true",
      "trash-mail.de, true",
      "wegwerfmail.de, true",
      "temp-mail.org, true",
      "yopmail.com, true",
      "acme.de, false",
      "gmail.com, false",
      "fakemailinator.com, false",
      "mailinator.com.acme.de, false",
  })
  void a_throw_away_provider_or_a_name_below_it_is_disposable(String domain, boolean disposable) {
    assertEquals(disposable, MailDomains.isDisposable(domain));
  }

  @ParameterizedTest
  @CsvSource(nullValues = "none", value = {
      // the website wins
      "https://www.acme.de/kontakt, jane@other-company.de, acme.de",
      "acme.de, none, acme.de",
      // else the email's domain, unless it is freemail or disposable
      "none, jane.doe@acme.de, acme.de",
      "none, jane@sales.acme.de, sales.acme.de",
      "none, jane@gmail.com, none",
      "none, jane@GMX.de, none",
      "none, jane@web.de, none",
      "none, x@mailinator.com, none",
      "none, x@inbox.trash-mail.de, none",
      // a website that is no public company domain falls back to the email
      "localhost, jane@acme.de, acme.de",
      "http://127.0.0.1:8080/, jane@acme.de, acme.de",
      "gmail.com, jane@acme.de, acme.de",
      "https://www.yopmail.com, jane@acme.de, acme.de",
      "http://127.0.0.1/, jane@gmail.com, none",
      "none, jane@localhost, none",
      "none, none, none",
  })
  void the_company_domain_comes_from_the_website_else_from_a_business_email(String website, String email,
      String domain) {
    assertEquals(Optional.ofNullable(domain),
        MailDomains.companyDomain(Optional.ofNullable(website), Optional.ofNullable(email)));
  }
}
