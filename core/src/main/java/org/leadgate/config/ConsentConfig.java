package org.leadgate.config;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Consent: purposes, wordings, double opt-in and retention. The mail settings ({@code smtp}, {@code doiMail}) and the
 * SMS settings ({@code sms}) are read from {@link #section()} by the mail and SMS packages.
 *
 * @param baseUrl the gateway's public URL, for the links in mails
 * @param tokenValidity how long a confirmation link works
 * @param resendInterval an unconfirmed address gets a fresh confirmation mail at most this often
 * @param unconfirmedRetention after this, an unconfirmed request's personal data is deleted
 * @param staleAfter consent not used, confirmed or granted for this long still permits but is stale: flagged to the
 *     CRM, and double opt-in email consent gets one re-permission mail (law.md 24)
 * @param blockAfter stale consent not renewed for this long is blocked (expired); longer than {@code staleAfter}
 * @param mailsPerIpPerHour confirmation mails started from one IP address within an hour, at most (list-bombing)
 * @param smsPerIpPerHour confirmation SMS (phone consent) started from one IP address within an hour, at most
 */
public record ConsentConfig(
    Optional<URI> baseUrl,
    List<PurposeConfig> purposes,
    List<WordingConfig> wordings,
    Duration tokenValidity,
    Duration resendInterval,
    Duration unconfirmedRetention,
    Duration staleAfter,
    Duration blockAfter,
    int mailsPerIpPerHour,
    int smsPerIpPerHour,
    ConfigNode section) {

  public ConsentConfig {
    purposes = List.copyOf(purposes);
    wordings = List.copyOf(wordings);
  }

  public Optional<PurposeConfig> purpose(String id) {
    return purposes.stream().filter(p -> p.id().equals(id)).findFirst();
  }

  public Optional<WordingConfig> wording(String id) {
    return wordings.stream().filter(w -> w.id().equals(id)).findFirst();
  }

  static ConsentConfig from(ConfigNode node) {
    node.allowOnly("baseUrl", "purposes", "wordings", "doi", "retention", "smtp", "doiMail", "repermissionMail",
        "sms");
    List<ConfigNode> purposeNodes = node.list("purposes");
    List<PurposeConfig> purposes = purposeNodes.stream().map(PurposeConfig::from).toList();
    unique(purposeNodes, purposes.stream().map(PurposeConfig::id).toList(), "purpose");
    List<ConfigNode> wordingNodes = node.list("wordings");
    List<WordingConfig> wordings = wordingNodes.stream().map(WordingConfig::from).toList();
    unique(wordingNodes, wordings.stream().map(WordingConfig::id).toList(), "wording");
    ConfigNode doi = node.section("doi").allowOnly("tokenValidity", "resendInterval", "mailsPerIpPerHour",
        "smsPerIpPerHour");
    ConfigNode retention = node.section("retention").allowOnly("unconfirmedRequests", "staleAfter", "blockAfter");
    Duration staleAfter = retention.duration("staleAfter", Duration.ofDays(730));
    Duration blockAfter = retention.duration("blockAfter", Duration.ofDays(1095));
    if (blockAfter.compareTo(staleAfter) <= 0) {
      throw retention.error("blockAfter", "must be longer than " + retention.keyPath("staleAfter") + " ("
          + staleAfter + ") but was " + blockAfter);
    }
    return new ConsentConfig(
        node.has("baseUrl") ? Optional.of(node.httpUrl("baseUrl")) : Optional.empty(),
        purposes,
        wordings,
        doi.duration("tokenValidity", Duration.ofDays(7)),
        doi.duration("resendInterval", Duration.ofMinutes(10)),
        retention.duration("unconfirmedRequests", Duration.ofDays(30)),
        staleAfter,
        blockAfter,
        doi.integer("mailsPerIpPerHour", 20, 1, 100_000),
        doi.integer("smsPerIpPerHour", 10, 1, 100_000),
        node);
  }

  private static void unique(List<ConfigNode> nodes, List<String> ids, String what) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < ids.size(); i++) {
      if (!seen.add(ids.get(i))) {
        throw new ConfigException(nodes.get(i).keyPath("id"), what + " id '" + ids.get(i) + "' is declared twice");
      }
    }
  }
}
