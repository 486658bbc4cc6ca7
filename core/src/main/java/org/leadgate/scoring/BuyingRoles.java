package org.leadgate.scoring;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.leadgate.config.ConfigNode;
import org.leadgate.lead.Lead;

/**
 * The buying-center role a job title hints at, from an ordered keyword table in German and English: the first
 * entry with a keyword in the title wins, so "Assistenz der Geschäftsführung" is a gatekeeper and "Leiter Einkauf"
 * a buyer before either counts as a decider. Keywords match as described in {@link Keywords}.
 */
public final class BuyingRoles {
  /** The lead field read when {@code roleField} is not configured. */
  public static final String DEFAULT_FIELD = "jobTitle";

  private static final List<Entry> DEFAULT_TABLE = List.of(
      entry(BuyingRole.GATEKEEPER, "*assistenz*", "*assistent*", "assistant", "*sekretär*", "sekretariat",
          "secretary", "office manager", "büroleitung", "empfang", "reception*"),
      entry(BuyingRole.BUYER, "*einkauf*", "*einkäufer*", "*beschaffung*", "purchasing",
          "purchaser", "procurement", "buyer"),
      entry(BuyingRole.DECIDER, "geschäftsführ*", "geschäftsleitung", "vorstand*", "inhaber*", "*gründer*",
          "founder", "owner", "ceo", "cto", "cfo", "coo", "cio", "cmo", "chief", "managing director", "director",
          "direktor*", "head of", "*leiter", "*leiterin", "*leitung", "prokurist*", "president", "vice president",
          "vp", "general manager"),
      entry(BuyingRole.INFLUENCER, "*berater*", "consultant", "*architekt*", "architect", "*analyst*", "experte",
          "expertin", "expert", "*referent*", "*spezialist*", "specialist"),
      entry(BuyingRole.USER, "*mitarbeiter*", "*sachbearbeiter*", "*anwender*", "user", "*entwickler*",
          "developer", "engineer", "*ingenieur*", "techniker*", "technician", "administrator", "admin"));

  private final String field;
  private final List<Entry> table;

  private BuyingRoles(String field, List<Entry> table) {
    this.field = Objects.requireNonNull(field, "field");
    this.table = List.copyOf(table);
  }

  /** The built-in German and English table, reading {@value #DEFAULT_FIELD}. */
  public static BuyingRoles defaults() {
    return new BuyingRoles(DEFAULT_FIELD, DEFAULT_TABLE);
  }

  /** The lead field holding the job title. */
  public String field() {
    return field;
  }

  public Optional<BuyingRole> roleOf(Lead lead) {
    return lead.value(field).flatMap(this::roleOfTitle);
  }

  public Optional<BuyingRole> roleOfTitle(String jobTitle) {
    return table.stream().filter(entry -> entry.keywords.foundIn(jobTitle)).map(Entry::role).findFirst();
  }

  /** Reads {@code roleField} and {@code roles} of the scoring section; {@code roles} replaces the whole table. */
  static BuyingRoles from(ConfigNode scoring) {
    String field = scoring.string("roleField", DEFAULT_FIELD);
    if (!scoring.has("roles")) {
      return new BuyingRoles(field, DEFAULT_TABLE);
    }
    List<Entry> table = new ArrayList<>();
    Set<BuyingRole> seen = EnumSet.noneOf(BuyingRole.class);
    for (ConfigNode node : scoring.list("roles")) {
      node.allowOnly("role", "keywords");
      BuyingRole role = BuyingRole.from(node, "role");
      if (!seen.add(role)) {
        throw node.error("role", "'" + role.id() + "' is listed twice; put all its keywords in one entry");
      }
      table.add(new Entry(role, Keywords.from(node, "keywords")));
    }
    return new BuyingRoles(field, table);
  }

  private static Entry entry(BuyingRole role, String... keywords) {
    return new Entry(role, Keywords.of(List.of(keywords)));
  }

  private record Entry(BuyingRole role, Keywords keywords) {}
}
