package org.leadgate.enrichment;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;
import org.leadgate.lead.Lead;

/**
 * What providers may look up for one lead. Each part is present only when it is safe and useful to send out: the IP
 * is a public unicast address; the domain is a public internet name (never an IP literal, {@code localhost} or an
 * internal name) and never a freemail or disposable mail domain; the company name is trimmed and not blank.
 *
 * @param lead the lead as stored, with the fields typed so far
 * @param ip the client's public address
 * @param domain the company's domain: the typed website's host, else the business email's domain
 * @param companyName the typed company name
 */
public record EnrichmentInput(Lead lead, Optional<InetAddress> ip, Optional<String> domain,
    Optional<String> companyName) {
  public EnrichmentInput {
    Objects.requireNonNull(lead, "lead");
    Objects.requireNonNull(ip, "ip");
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(companyName, "companyName");
  }
}
