package org.leadgate.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.leadgate.scoring.ScoringFixtures.config;
import static org.leadgate.scoring.ScoringFixtures.lead;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BuyingRolesTest {
  private final BuyingRoles roles = BuyingRoles.defaults();

  @ParameterizedTest
  @CsvSource(delimiter = ';', nullValues = "none", value = {
      "Geschäftsführer; decider",
      "Geschaeftsfuehrerin; decider",
      "Mitglied der Geschäftsleitung; decider",
      "CTO; decider",
      "Chief Technology Officer; decider",
      "Head of Marketing; decider",
      "IT-Leiter; decider",
      "Abteilungsleiterin Vertrieb; decider",
      "Inhaber; decider",
      "Co-Founder & CEO; decider",
      "Managing Director DACH; decider",
      "Einkauf; buyer",
      "Leiter Einkauf; buyer",
      "Einkäuferin; buyer",
      "Head of Procurement; buyer",
      "Purchasing Manager; buyer",
      "Strategische Beschaffung; buyer",
      "Assistenz der Geschäftsführung; gatekeeper",
      "Executive Assistant to the CEO; gatekeeper",
      "Office Manager; gatekeeper",
      "Sekretärin; gatekeeper",
      "Senior Consultant; influencer",
      "IT-Berater; influencer",
      "Solution Architect; influencer",
      "Softwareentwickler; user",
      "Software Engineer; user",
      "Sachbearbeiterin Buchhaltung; user",
      "Director of Engineering; decider",
      "Coordinator Events; none",
      "Werkstudent; none",
      "Marketing; none"})
  void the_default_table_reads_roles_from_german_and_english_titles(String title, String role) {
    assertEquals(Optional.ofNullable(role), roles.roleOfTitle(title).map(BuyingRole::id));
  }

  @Test
  void a_configured_table_replaces_the_default_and_its_first_matching_entry_wins() {
    BuyingRoles custom = config("""
        roleField: position
        roles:
          - { role: decider, keywords: [head of] }
          - { role: buyer, keywords: ["einkauf*", purchasing] }
        """).roles();

    assertEquals(Optional.of(BuyingRole.DECIDER), custom.roleOf(lead(Map.of("position", "Head of Purchasing"))));
    assertEquals(Optional.of(BuyingRole.BUYER), custom.roleOf(lead(Map.of("position", "Einkaufsleiter"))));
    assertEquals(Optional.empty(), custom.roleOf(lead(Map.of("position", "Geschäftsführer"))));
    assertEquals(Optional.empty(), custom.roleOf(lead(Map.of("jobTitle", "Head of Sales"))));
  }
}
