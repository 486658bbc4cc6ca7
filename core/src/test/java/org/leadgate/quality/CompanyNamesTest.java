package org.leadgate.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class CompanyNamesTest {

  /** Each key with the spellings of one company that must all meet on it. */
  private static final Map<String, List<String>> SPELLINGS_BY_KEY = Map.ofEntries(
      Map.entry("mueller", List.of("Müller GmbH", "Mueller G.m.b.H.", "MÜLLER GMBH ", "müller gmbh",
          "Müller Gesellschaft mit beschränkter Haftung", "Müller  GmbH", "Mueller Ges.m.b.H.",
          "Müller Gesellschaft mbH", "MÜLLER, G.M.B.H.", "Müller", "Müller AG", "Mueller Aktiengesellschaft",
          "Müller e.K.", "Müller eingetragener Kaufmann")),
      Map.entry("acme", List.of("ACME GmbH & Co. KG", "Acme GmbH & Co KG", "ACME GmbH und Co. KG",
          "Acme GmbH u. Co. KG", "acme gmbh&co.kg", "ACME GmbH + Co. KG", "Acme Inc.", "Acme, Inc.",
          "ACME Incorporated", "Acme LLC", "Acme L.L.C.", "Acme Ltd", "Acme Limited", "Acme Corp.",
          "Acme Corporation", "Acme Co.", "Acme PLC", "Acme plc", "Acme Pty Ltd", "Acme Co., Ltd.")),
      Map.entry("muellerbau", List.of("Müller-Bau GmbH", "Müller Bau GmbH", "Müllerbau GmbH",
          "MUELLER BAU G.m.b.H.")),
      Map.entry("muellerco", List.of("Müller & Co. KG", "Mueller & Co KG", "Müller und Co. KG", "Müller & Co.")),
      Map.entry("foo", List.of("Foo UG (haftungsbeschränkt)", "Foo UG", "Foo UG (haftungsbeschraenkt)",
          "Foo Unternehmergesellschaft (haftungsbeschränkt)", "FOO UG (HAFTUNGSBESCHRÄNKT)",
          "Foo UG (haftungsbeschränkt) & Co. KG")),
      Map.entry("bar", List.of("Bar S.à r.l.", "Bar SARL", "Bar S.a.r.l.", "BAR Sàrl",
          "Bar Société à responsabilité limitée")),
      Map.entry("societegenerale", List.of("Société Générale S.A.", "Societe Generale SA", "SOCIÉTÉ GÉNÉRALE")),
      Map.entry("agentur", List.of("Agentur AG", "Agentur Aktiengesellschaft", "agentur ag")),
      Map.entry("schroedersoehne", List.of("Schröder & Söhne e.K.", "Schroeder und Söhne e. K.",
          "Schröder + Soehne e.Kfm.")),
      Map.entry("sportvereingruenweiss", List.of("Sportverein Grün-Weiß e.V.",
          "Sportverein Gruen-Weiss eingetragener Verein", "SPORTVEREIN GRÜN WEISS E.V.")),
      Map.entry("volvo", List.of("Volvo AB", "Volvo Aktiebolag", "Volvo AB (publ)")),
      Map.entry("philips", List.of("Philips N.V.", "Philips NV", "Philips Naamloze Vennootschap")),
      Map.entry("fiat", List.of("Fiat S.p.A.", "FIAT SpA", "Fiat SPA", "Fiat Società per azioni")),
      Map.entry("kowalski", List.of("Kowalski sp. z o.o.", "Kowalski Sp. z o. o.", "KOWALSKI SP Z OO",
          "Kowalski spółka z ograniczoną odpowiedzialnością")),
      Map.entry("henkel", List.of("Henkel AG & Co. KGaA", "Henkel AG und Co. KGaA")),
      Map.entry("apmollermaersk", List.of("A.P. Møller - Mærsk A/S", "A.P. Moller-Maersk A/S")),
      Map.entry("nokia", List.of("Nokia Oyj", "Nokia Corporation")),
      Map.entry("lexconrechtsanwaelte", List.of("Lexcon Rechtsanwälte PartG mbB",
          "Lexcon Rechtsanwälte Partnerschaftsgesellschaft mit beschränkter Berufshaftung")));

  static Stream<Arguments> spellings() {
    return SPELLINGS_BY_KEY.entrySet().stream()
        .flatMap(group -> group.getValue().stream().map(spelling -> Arguments.of(spelling, group.getKey())));
  }

  @ParameterizedTest
  @MethodSource("spellings")
  void every_spelling_of_a_company_meets_on_one_key(String typed, String key) {
    assertEquals(key, CompanyNames.normalise(typed).key());
  }

  @Test
  void the_table_holds_more_than_fifty_spellings() {
    assertTrue(spellings().count() >= 50, "spellings: " + spellings().count());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "none", value = {
      "MÜLLER GMBH                                   | MÜLLER GmbH                   | GmbH",
      "Mueller G.m.b.H.                              | Mueller GmbH                  | GmbH",
      "Müller Gesellschaft mit beschränkter Haftung  | Müller GmbH                   | GmbH",
      "ACME GmbH und Co KG                           | ACME GmbH & Co. KG            | GmbH & Co. KG",
      "Foo UG                                        | Foo UG (haftungsbeschränkt)   | UG (haftungsbeschränkt)",
      "Bar SARL                                      | Bar S.à r.l.                  | S.à r.l.",
      "Acme, Inc.                                    | Acme Inc.                     | Inc.",
      "'  Müller   &  Co. KG '                       | Müller & Co. KG               | KG",
      "Müller & Co.                                  | Müller & Co.                  | none",
      "Agentur AG                                    | Agentur AG                    | AG",
      "Schmidt e. Kfm.                               | Schmidt e.K.                  | e.K.",
      "Bellini SpA                                   | Bellini S.p.A.                | S.p.A.",
      "Hotel Spa                                     | Hotel Spa                     | none",
      "Hotel & Spa                                   | Hotel & Spa                   | none",
      "Huawei Technologies Co., Ltd.                 | Huawei Technologies Co., Ltd. | Co., Ltd.",
      "Henkel AG u. Co. KGaA                         | Henkel AG & Co. KGaA          | AG & Co. KGaA",
      "Nokia Oyj                                     | Nokia Oyj                     | Oyj",
      "Siemens Aktiengesellschaft                    | Siemens AG                    | AG",
      "AG                                            | AG                            | none",
      "Müller und AG                                 | Müller und AG                 | none",
  })
  void the_display_name_is_tidy_and_spells_the_legal_form_canonically(String typed, String display,
      String legalForm) {
    CompanyName name = CompanyNames.normalise(typed);

    assertEquals(display, name.display());
    assertEquals(Optional.ofNullable(legalForm), name.legalForm());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Müller GmbH     | Möller GmbH",
      "Müller GmbH     | Muller GmbH",
      "Müller GmbH     | Müller & Co. KG",
      "Müller GmbH     | Müller Bau GmbH",
      "Agentur AG      | Agentur Schmidt AG",
      "Acme Inc.       | Acne Inc.",
      "Foo GmbH        | Foo GmbH Berlin",
  })
  void different_companies_keep_different_keys(String one, String other) {
    assertNotEquals(CompanyNames.normalise(one).key(), CompanyNames.normalise(other).key());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Müller GmbH      | Mueller G.m.b.H.   | true",
      "Müller GmbH      | Müller             | true",
      "Müller           | Mueller            | true",
      "Müller GmbH      | Müller AG          | false",
      "Müller GmbH      | Müller GmbH & Co. KG | false",
      "Müller GmbH      | Möller GmbH        | false",
      "---              | ---                | false",
  })
  void the_same_company_has_one_key_and_no_contradicting_legal_forms(String one, String other, boolean same) {
    assertEquals(same, CompanyNames.normalise(one).sameCompanyAs(CompanyNames.normalise(other)));
  }

  @Test
  void a_name_without_letters_or_digits_has_an_empty_key_and_stays_as_typed() {
    assertEquals(new CompanyName("- / -", "", Optional.empty()), CompanyNames.normalise(" - / - "));
  }
}
