package org.leadgate.quality;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.leadgate.config.FieldConfig;
import org.leadgate.config.FieldType;
import org.leadgate.config.FormConfig;
import org.leadgate.lead.FieldValue;
import org.leadgate.lead.Lead;
import org.leadgate.lead.Provenance;

/**
 * Checks the values a person typed, after enrichment (so that the IP's country can stand in for a phone number's
 * region, and a DNS lookup never delays intake): email addresses are flagged (invalid, likely typo, disposable,
 * freemail, no mail exchanger when the MX check is on) but kept as typed, since consent is bound to them; phone numbers become E.164; a {@code country} becomes its ISO code; a {@code postalCode} is
 * checked against it; a {@code street} is split into {@code streetName} and {@code houseNumber}; a {@code company}
 * gets its tidy display name and a {@code companyKey} for matching. A normalised value keeps what was typed, and a
 * value no check could read stays exactly as typed with a flag saying why. Values are checked once.
 */
public final class LeadChecks {
  /** Raised for a valid address whose domain has no mail exchanger (only with the MX check on). */
  public static final String NO_MAIL_EXCHANGER = "email.noMailExchanger";

  private final EmailCheck email;
  private final MxCheck mx;
  private final PhoneCheck phone;
  private final String defaultRegion;

  public LeadChecks(EmailCheck email, MxCheck mx, PhoneCheck phone, String defaultRegion) {
    this.email = email;
    this.mx = mx;
    this.phone = phone;
    this.defaultRegion = defaultRegion;
  }

  public Lead check(Lead lead, FormConfig form, Instant now) {
    Map<String, FieldValue> fields = new LinkedHashMap<>(lead.fields());
    for (FieldConfig field : form.fields()) {
      Optional<FieldValue> value = unchecked(fields, field.name());
      if (value.isPresent() && field.type() == FieldType.EMAIL) {
        apply(fields, field.name(), value.get(), mailExchanger(email.check(value.get().value())), false);
      } else if (value.isPresent() && field.type() == FieldType.PHONE) {
        Checked number = phone.check(value.get().value(), countryOf(fields, Provenance.Source.TYPED),
            countryOf(fields, Provenance.Source.IP_DERIVED), defaultRegion);
        apply(fields, field.name(), value.get(), number, true);
        derive(fields, field.name() + "Type", number.facts().get("type"), field.name(), now);
      }
    }
    checkNamed(fields, "country", value -> Countries.check(value));
    Optional<String> country = Optional.ofNullable(fields.get("country")).map(FieldValue::value);
    checkNamed(fields, "postalCode",
        value -> country.map(iso -> PostalCodes.check(value, iso)).orElse(new Checked(value, List.of(), Map.of())));
    Optional<FieldValue> street = unchecked(fields, "street");
    if (street.isPresent()) {
      Checked split = StreetAddress.split(street.get().value());
      apply(fields, "street", street.get(), new Checked(street.get().value(), split.flags(), Map.of()), false);
      derive(fields, "streetName", split.facts().get("street"), "street", now);
      derive(fields, "houseNumber", split.facts().get("houseNumber"), "street", now);
    }
    Optional<FieldValue> company = unchecked(fields, "company");
    if (company.isPresent()) {
      CompanyName name = CompanyNames.normalise(company.get().value());
      apply(fields, "company", company.get(), new Checked(name.display(), List.of(), Map.of()), true);
      derive(fields, "companyKey", name.key().isEmpty() ? null : name.key(), "company", now);
    }
    return new Lead(lead.id(), lead.formId(), lead.receivedAt(), fields, lead.permissions(), lead.score());
  }

  /** Adds a flag when the MX check (if on) finds that a valid address's domain receives no mail. */
  private Checked mailExchanger(Checked address) {
    String domain = address.facts().get("domain");
    boolean valid = address.flags().stream().noneMatch(flag -> flag.code().equals(EmailCheck.INVALID));
    if (!valid || domain == null || mx.check(domain) != MxCheck.MailExchanger.ABSENT) {
      return address;
    }
    List<Flag> flags = new java.util.ArrayList<>(address.flags());
    flags.add(new Flag(NO_MAIL_EXCHANGER, "the domain " + domain + " has no mail exchanger (MX record)"));
    return new Checked(address.value(), flags, address.facts());
  }

  private void checkNamed(Map<String, FieldValue> fields, String field, Function<String, Checked> check) {
    unchecked(fields, field).ifPresent(value -> apply(fields, field, value, check.apply(value.value()), true));
  }

  /** A typed value that no check has touched yet. */
  private static Optional<FieldValue> unchecked(Map<String, FieldValue> fields, String field) {
    return Optional.ofNullable(fields.get(field))
        .filter(value -> value.provenance().source() == Provenance.Source.TYPED)
        .filter(value -> value.typed().isEmpty() && value.flags().isEmpty());
  }

  private static Optional<String> countryOf(Map<String, FieldValue> fields, Provenance.Source source) {
    return Optional.ofNullable(fields.get("country")).filter(v -> v.provenance().source() == source)
        .map(FieldValue::value);
  }

  /** Stores the check's value (keeping what was typed when it differs) and its flags. */
  private static void apply(Map<String, FieldValue> fields, String field, FieldValue typed, Checked checked,
      boolean normalise) {
    boolean changed = normalise && !checked.value().equals(typed.value());
    if (changed || !checked.flags().isEmpty()) {
      fields.put(field, new FieldValue(changed ? checked.value() : typed.value(), typed.provenance(),
          changed ? Optional.of(typed.value()) : Optional.empty(), checked.flags()));
    }
  }

  /** A value derived from a typed one (a street's house number), unless the form asked for it itself. */
  private static void derive(Map<String, FieldValue> fields, String field, String value, String from, Instant now) {
    if (value != null && !fields.containsKey(field)) {
      fields.put(field, new FieldValue(value, new Provenance(Provenance.Source.TYPED, "quality:" + from, now)));
    }
  }
}
