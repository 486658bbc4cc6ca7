package org.leadgate.enrichment.engine;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.leadgate.config.EnrichmentConfig;
import org.leadgate.config.FieldType;
import org.leadgate.config.FormConfig;
import org.leadgate.config.GatewayConfig;
import org.leadgate.enrichment.EnrichmentFields;
import org.leadgate.enrichment.EnrichmentInput;
import org.leadgate.enrichment.net.IpTruncation;
import org.leadgate.enrichment.net.MailDomains;
import org.leadgate.enrichment.net.PublicAddresses;
import org.leadgate.enrichment.request.RequestData;
import org.leadgate.enrichment.request.RequestMetadata;
import org.leadgate.lead.Lead;
import org.leadgate.lead.Provenance;
import org.leadgate.quality.EmailCheck;
import org.leadgate.quality.LeadChecks;
import org.leadgate.quality.MxCheck;
import org.leadgate.quality.PhoneCheck;

/**
 * Enriches one lead, in memory: request metadata first, then the form's waterfall on what may be looked up (the
 * public client address, the company's domain unless it is a freemail or disposable one, the typed company name),
 * then the quality checks of what was typed (which may use the IP's country). Says what to store: the merged lead,
 * its gaps, and the client address cut to its network.
 */
final class Enricher {
  /** The form field that holds a company's website, when a form asks for it. */
  static final String WEBSITE_FIELD = "website";

  /** One lead's enrichment, ready to store. */
  record Enriched(EnrichmentRun run, boolean fieldsChanged, boolean minimiseIp, Optional<String> minimisedIp) {}

  private final GatewayConfig config;
  private final Map<String, Waterfall> waterfalls;
  private final RequestMetadata metadata;
  private final LeadChecks checks;
  private final Clock clock;

  Enricher(GatewayConfig config, Map<String, Waterfall> waterfalls, RequestMetadata metadata, Clock clock) {
    this.config = config;
    this.waterfalls = Map.copyOf(waterfalls);
    this.metadata = metadata;
    this.checks = new LeadChecks(new EmailCheck(config.quality().disposableDomains()),
        new MxCheck(config.quality().mxCheck(), clock), new PhoneCheck(), config.quality().defaultRegion());
    this.clock = clock;
  }

  Enriched enrich(Lead stored, StoredRequest request) {
    Instant now = clock.instant();
    Lead lead = Waterfall.mergeAll(stored, metadata.fields(new RequestData(request.userAgent(),
        request.acceptLanguage(), request.referrer(), request.utm())), Provenance.Source.REQUEST, "request", now);
    Optional<InetAddress> ip = request.clientIp().flatMap(PublicAddresses::parse);
    EnrichmentInput input = new EnrichmentInput(lead, ip, companyDomain(lead), companyName(lead));
    Waterfall waterfall = waterfalls.get(lead.formId());
    EnrichmentRun found = waterfall == null ? new EnrichmentRun(lead, Map.of(), Optional.empty())
        : waterfall.run(input);
    EnrichmentRun run = config.form(lead.formId())
        .map(form -> new EnrichmentRun(checks.check(found.lead(), form, now), found.gaps(), found.retryAt()))
        .orElse(found);
    EnrichmentConfig settings = config.enrichment();
    boolean minimise = request.clientIp().isPresent() && !request.ipTruncated();
    Optional<String> minimised = minimise
        ? ip.map(address -> IpTruncation.truncate(address, settings.ipv4Prefix(), settings.ipv6Prefix()))
        : Optional.empty();
    return new Enriched(run, !run.lead().fields().equals(stored.fields()), minimise, minimised);
  }

  /** Whether any of these forms has providers to ask. */
  boolean asksProviders(java.util.stream.Stream<String> formIds) {
    return formIds.map(waterfalls::get).anyMatch(w -> w != null && !w.steps().isEmpty());
  }

  private Optional<String> companyDomain(Lead lead) {
    Optional<String> email = config.form(lead.formId()).flatMap(form -> form.firstOfType(FieldType.EMAIL))
        .flatMap(field -> lead.value(field.name()));
    return MailDomains.companyDomain(lead.value(WEBSITE_FIELD), email);
  }

  private static Optional<String> companyName(Lead lead) {
    return lead.value(EnrichmentFields.COMPANY).map(String::strip).filter(name -> !name.isEmpty());
  }

  /** The form's providers: its own list, or every configured provider. */
  static java.util.List<String> providerNames(FormConfig form, EnrichmentConfig config) {
    return form.enrichment().orElseGet(() -> config.providers().stream().map(EnrichmentConfig.Provider::name)
        .toList());
  }
}
