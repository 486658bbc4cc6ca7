package org.leadgate.consent;

import java.util.Objects;

/**
 * Who caused a consent event: a form, a CRM webhook, an admin (API token name) or a system job.
 *
 * @param kind one of {@code form}, {@code crm}, {@code admin}, {@code person}, {@code system}
 * @param name which one, for example the form id or the token name
 */
public record Actor(String kind, String name) {
  public Actor {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
  }

  public static Actor form(String formId) {
    return new Actor("form", formId);
  }

  /** The person themselves, through a link LeadGate sent them. */
  public static Actor person() {
    return new Actor("person", "link");
  }

  public static Actor admin(String tokenName) {
    return new Actor("admin", tokenName);
  }

  public static Actor system(String job) {
    return new Actor("system", job);
  }

  @Override
  public String toString() {
    return kind + ":" + name;
  }

  public static Actor parse(String text) {
    int colon = text.indexOf(':');
    return colon < 0 ? new Actor(text, "") : new Actor(text.substring(0, colon), text.substring(colon + 1));
  }
}
