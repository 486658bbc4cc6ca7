package org.leadgate.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EmailCheckTest {
  private final EmailCheck check = new EmailCheck(Set.of());

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "jane.doe@acme.de; jane.doe@acme.de",
      "x@acme.de; x@acme.de",
      "1234@acme.de; 1234@acme.de",
      "jane_doe@acme-group.de; jane_doe@acme-group.de",
      "first.middle.last@sub.mail.acme.co.uk; first.middle.last@sub.mail.acme.co.uk",
      "jane@a.de; jane@a.de",
      "jane@acme.berlin; jane@acme.berlin",
      // the domain is case-folded, the local part is not
      "Jane.Doe@ACME.DE; Jane.Doe@acme.de",
      "JANE@Acme.De; JANE@acme.de",
      // plus addressing is kept
      "jane+newsletter@acme.de; jane+newsletter@acme.de",
      "Jane+Leads@Acme.de; Jane+Leads@acme.de",
      // surrounding white space is not part of the address
      "'  jane@acme.de  '; jane@acme.de",
      // internationalised domains become punycode
      "info@bücher.de; info@xn--bcher-kva.de",
      "Info@BÜCHER.de; Info@xn--bcher-kva.de",
      "kontakt@müller-bau.de; kontakt@xn--mller-bau-q9a.de",
      "post@пример.рф; post@xn--e1afmkfd.xn--p1ai",
      "info@xn--bcher-kva.de; info@xn--bcher-kva.de",
      // every atext symbol, and quoted local parts
      "'o''brien@acme.ie'; 'o''brien@acme.ie'",
      "'a!#$%&''*+-/=?^_`{|}~z@acme.de'; 'a!#$%&''*+-/=?^_`{|}~z@acme.de'",
      "\"john doe\"@acme.de; \"john doe\"@acme.de",
      "\"jane@home\"@acme.de; \"jane@home\"@acme.de",
      "\"a\\\"b\"@acme.de; \"a\\\"b\"@acme.de",
      "\"\"@acme.de; \"\"@acme.de",
  })
  void a_valid_address_is_tidied_and_not_flagged_invalid(String typed, String tidy) {
    Checked checked = check.check(typed);

    assertEquals(tidy, checked.value());
    assertFalse(codes(checked).contains(EmailCheck.INVALID), checked.flags().toString());
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "''; empty",
      "'   '; empty",
      "jane.acme.de; no @ sign",
      "@acme.de; nothing before the @",
      "jane@; nothing after the @",
      "jane@@acme.de; contains '@', allowed only inside quotes",
      "jane@doe@acme.de; contains '@', allowed only inside quotes",
      ".jane@acme.de; starts or ends with a dot",
      "jane.@acme.de; starts or ends with a dot",
      "ja..ne@acme.de; two dots in a row",
      "jane doe@acme.de; contains a space, allowed only inside quotes",
      "Jane Doe <jane@acme.de>; contains a space",
      "<jane@acme.de>; contains '<'",
      "jane(work)@acme.de; contains '('",
      "jane,doe@acme.de; contains ','",
      "mailto:jane@acme.de; contains ':'",
      "jane\tdoe@acme.de; contains the control character U+0009",
      "jürgen@acme.de; contains 'ü', which most mail servers refuse",
      "\"jane@acme.de; does not end with a quote",
      "\"ja\"ne\"@acme.de; is not escaped",
      "\"a\".\"b\"@acme.de; is not escaped",
      "\"jane\\\"@acme.de; ends with an escaped quote",
      "\"jäne\"@acme.de; contains 'ä'",
      "jane@acme; no top-level domain",
      "jane@localhost; no top-level domain",
      "jane@[192.168.0.1]; address literal",
      "jane@192.168.0.1; no public internet domain",
      "jane@example.com; no public internet domain",
      "jane@acme.test; no public internet domain",
      "jane@acme.c; no public internet domain",
      "jane@acme.de.; the domain ends with a dot",
      "jane@acme..de; not a valid host name",
      "jane@-acme.de; not a valid host name",
      "jane@acme_corp.de; not a valid host name",
  })
  void an_invalid_address_is_kept_as_typed_and_flagged_with_the_reason(String typed, String reason) {
    Checked checked = check.check(typed);

    assertEquals(typed, checked.value());
    Flag invalid = checked.flags().get(0);
    assertEquals(EmailCheck.INVALID, invalid.code());
    assertTrue(invalid.reason().contains(reason), invalid.reason());
  }

  @Test
  void the_local_part_may_have_64_characters_and_the_address_254() {
    String local64 = "a".repeat(64);
    String domain189 = "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(58) + ".de";

    assertEquals(List.of(), check.check(local64 + "@acme.de").flags());
    assertEquals(254, check.check(local64 + "@" + domain189).value().length());
    assertEquals(Map.of("domain", domain189, "audience", "b2b-hint"), check.check(local64 + "@" + domain189).facts());
  }

  @Test
  void a_longer_local_part_or_address_is_invalid() {
    String local64 = "a".repeat(64);
    String domain190 = "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(59) + ".de";

    assertTrue(check.check("a" + local64 + "@acme.de").flags().get(0).reason().contains("longer than 64"));
    assertTrue(check.check(local64 + "@" + domain190).flags().get(0).reason().contains("longer than 254"));
    assertTrue(check.check(local64 + "@" + "e".repeat(600) + ".de").flags().get(0).reason()
        .contains("longer than 254"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "jane@gmial.com; jane@gmail.com",
      "jane@gmai.com; jane@gmail.com",
      "jane@gamil.com; jane@gmail.com",
      "jane@gnail.com; jane@gmail.com",
      "jane@gmail.con; jane@gmail.com",
      "jane@gmial.con; jane@gmail.com",
      "jane@gmail.co; jane@gmail.com",
      "jane@gmail.de; jane@gmail.com",
      "jane@googlemial.com; jane@googlemail.com",
      "jane@web.dde; jane@web.de",
      "jane@wbe.de; jane@web.de",
      "jane@gmx.dee; jane@gmx.de",
      "jane@gmx.ent; jane@gmx.net",
      "jane@t-onlien.de; jane@t-online.de",
      "jane@tonline.de; jane@t-online.de",
      "jane@hotmial.de; jane@hotmail.de",
      "jane@outlok.com; jane@outlook.com",
      "jane@yahooo.de; jane@yahoo.de",
      "jane@icloud.con; jane@icloud.com",
      "jane@freenet.dr; jane@freenet.de",
      "jane+crm@posteo.dee; jane+crm@posteo.de",
      "Jane.Doe@GMIAL.COM; Jane.Doe@gmail.com",
  })
  void a_typo_of_a_common_domain_is_flagged_with_a_suggestion_but_not_corrected(String typed, String suggestion) {
    Checked checked = check.check(typed);

    assertEquals(typed.substring(0, typed.indexOf('@')), checked.value().substring(0, checked.value().indexOf('@')));
    assertFalse(checked.value().equals(suggestion));
    assertEquals(List.of(EmailCheck.TYPO), codes(checked));
    assertEquals(suggestion, checked.facts().get("suggestion"));
    assertFalse(checked.facts().containsKey("audience"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "jane@gmailcom; jane@gmail.com",
      "jane@gmail; jane@gmail.com",
      "jane@webde; jane@web.de",
      "jane@gmail.com.; jane@gmail.com",
      "jane doe@gmial.com; jane doe@gmail.com",
  })
  void an_invalid_address_near_a_common_domain_gets_a_suggestion_too(String typed, String suggestion) {
    Checked checked = check.check(typed);

    assertEquals(typed, checked.value());
    assertEquals(List.of(EmailCheck.INVALID, EmailCheck.TYPO), codes(checked));
    assertEquals(suggestion, checked.facts().get("suggestion"));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "jane@gmail.com", "jane@googlemail.com", "jane@gmx.at", "jane@online.de", "jane@email.com", "jane@ymail.com",
      "jane@mail.ru", "jane@yahoo.fr", "jane@hotmail.it", "jane@outlook.at", "jane@posteo.net", "jane@acme.de",
      "jane@t-systems.com",
  })
  void a_real_domain_is_not_taken_for_a_typo(String typed) {
    Checked checked = check.check(typed);

    assertFalse(codes(checked).contains(EmailCheck.TYPO), checked.flags().toString());
    assertFalse(checked.facts().containsKey("suggestion"));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "jane@mailinator.com", "jane@x.mailinator.com", "jane@10minutemail.com", "jane@Trash-Mail.com",
      "jane@wegwerfmail.de", "jane@yopmail.com",
  })
  void a_throw_away_domain_is_flagged_disposable_and_gives_no_audience_hint(String typed) {
    Checked checked = check.check(typed);

    assertEquals(List.of(EmailCheck.DISPOSABLE), codes(checked));
    assertFalse(checked.facts().containsKey("audience"));
  }

  @Test
  void disposable_domains_from_configuration_cover_the_names_below_them() {
    EmailCheck configured = new EmailCheck(Set.of(" Wegwerf-Mäil.de ", "burner.io"));

    assertEquals(List.of(EmailCheck.DISPOSABLE), codes(configured.check("jane@wegwerf-mäil.de")));
    assertEquals(List.of(EmailCheck.DISPOSABLE), codes(configured.check("jane@inbox.burner.io")));
    assertEquals(List.of(), codes(configured.check("jane@notburner.io")));
    assertEquals(List.of(), codes(check.check("jane@burner.io")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "not a domain", "-x.de"})
  void a_configured_disposable_domain_that_is_no_domain_is_refused(String domain) {
    assertThrows(IllegalArgumentException.class, () -> new EmailCheck(Set.of(domain)));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "jane@gmail.com", "jane@web.de", "Jane@GMX.DE", "jane+x@t-online.de", "jane@bluewin.ch", "jane@gmx.net",
  })
  void a_free_mail_address_is_flagged_with_a_consumer_hint(String typed) {
    Checked checked = check.check(typed);

    assertEquals(List.of(EmailCheck.FREEMAIL), codes(checked));
    assertEquals("b2c-hint", checked.facts().get("audience"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"jane@acme.de", "jane@mail.acme-group.com", "jane@xn--bcher-kva.de"})
  void a_company_address_gets_a_business_hint_and_no_flags(String typed) {
    Checked checked = check.check(typed);

    assertEquals(List.of(), checked.flags());
    assertEquals("b2b-hint", checked.facts().get("audience"));
    assertEquals(typed.substring(typed.indexOf('@') + 1), checked.facts().get("domain"));
  }

  private static List<String> codes(Checked checked) {
    return checked.flags().stream().map(Flag::code).toList();
  }
}
