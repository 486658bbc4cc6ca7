package org.leadgate.quality;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber.CountryCodeSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a typed phone number with libphonenumber. A number typed without a country code is read as one of the
 * region of the form's country field, else of the visitor's IP country, else of the configured default. A valid
 * number becomes E.164 ({@code +49301234567}) with facts {@code type} ({@code mobile}, {@code fixed-line}, {@code
 * fixed-line-or-mobile}, {@code toll-free}, {@code voip}, …), {@code region} (ISO code of the number), {@code
 * national} (its national format), {@code region-source} ({@code number} when a country code was typed, else {@code
 * form}, {@code ip} or {@code default}) and {@code extension} when one was typed. Anything else stays exactly as
 * typed with the flag {@value #INVALID} and why.
 */
public final class PhoneCheck {
  public static final String INVALID = "phone.invalid";

  private final PhoneNumberUtil numbers = PhoneNumberUtil.getInstance();

  /**
   * @param formCountry the form's country field: an ISO code or a country's name (German, English, …)
   * @param ipCountry the ISO code of the country the visitor's IP address is in
   * @param defaultRegion the configured ISO code used when neither names a region libphonenumber knows
   * @throws IllegalArgumentException when {@code defaultRegion} is no region libphonenumber knows
   */
  public Checked check(String typed, Optional<String> formCountry, Optional<String> ipCountry, String defaultRegion) {
    String fallback = region(defaultRegion)
        .orElseThrow(() -> new IllegalArgumentException("not a phone region: " + defaultRegion));
    Optional<String> form = formCountry.flatMap(this::region);
    Optional<String> ip = ipCountry.flatMap(this::region);
    String region = form.or(() -> ip).orElse(fallback);
    String regionSource = form.isPresent() ? "form" : ip.isPresent() ? "ip" : "default";
    if (typed.isBlank()) {
      return invalid(typed, "empty");
    }
    PhoneNumber number;
    try {
      number = numbers.parseAndKeepRawInput(typed, region);
    } catch (NumberParseException e) {
      return invalid(typed, reason(e.getErrorType(), region));
    }
    // a number is valid exactly when its type is known (isValidNumber asks the same), so the type is worked out once
    PhoneNumberType type = numbers.getNumberType(number);
    if (type == PhoneNumberType.UNKNOWN) {
      return invalid(typed, reason(numbers.isPossibleNumberWithReason(number), number.getCountryCode()));
    }
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("type", type.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    facts.put("region", numbers.getRegionCodeForNumber(number));
    facts.put("national", numbers.format(number, PhoneNumberFormat.NATIONAL));
    facts.put("region-source",
        number.getCountryCodeSource() == CountryCodeSource.FROM_DEFAULT_COUNTRY ? regionSource : "number");
    if (number.hasExtension()) {
      facts.put("extension", number.getExtension()); // E.164 has no place for it
    }
    return new Checked(numbers.format(number, PhoneNumberFormat.E164), List.of(), facts);
  }

  private Optional<String> region(String country) {
    return Countries.isoCode(country).filter(numbers.getSupportedRegions()::contains);
  }

  private static Checked invalid(String typed, String reason) {
    return new Checked(typed, List.of(new Flag(INVALID, reason)), Map.of());
  }

  private static String reason(NumberParseException.ErrorType error, String region) {
    return switch (error) {
      case INVALID_COUNTRY_CODE -> "the country code is unknown";
      case NOT_A_NUMBER -> "not a phone number";
      case TOO_SHORT_AFTER_IDD -> "too short after the international prefix";
      case TOO_SHORT_NSN -> "too short for a phone number of " + region;
      case TOO_LONG -> "too long for a phone number";
    };
  }

  private static String reason(PhoneNumberUtil.ValidationResult possibility, int countryCode) {
    String country = " for country code +" + countryCode;
    return switch (possibility) {
      case IS_POSSIBLE -> "not a valid number" + country;
      case IS_POSSIBLE_LOCAL_ONLY -> "too short" + country + " (only a local number without its area code)";
      case INVALID_COUNTRY_CODE -> "the country code +" + countryCode + " is unknown";
      case TOO_SHORT -> "too short" + country;
      case TOO_LONG -> "too long" + country;
      case INVALID_LENGTH -> "a length no number has" + country;
    };
  }
}
