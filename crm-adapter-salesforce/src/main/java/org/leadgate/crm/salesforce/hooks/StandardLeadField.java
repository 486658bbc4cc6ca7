package org.leadgate.crm.salesforce.hooks;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The standard Lead fields an inbound hook understands without configuration: the parameter Salesforce's generated
 * Web-to-Lead form posts, the field's API name in an Outbound Message, and the LeadGate field name it fills by
 * default.
 */
public enum StandardLeadField {
  SALUTATION("salutation", "Salutation", "salutation"),
  FIRST_NAME("first_name", "FirstName", "firstName"),
  LAST_NAME("last_name", "LastName", "lastName"),
  COMPANY("company", "Company", "company"),
  TITLE("title", "Title", "title"),
  EMAIL("email", "Email", "email"),
  PHONE("phone", "Phone", "phone"),
  MOBILE("mobile", "MobilePhone", "mobile"),
  FAX("fax", "Fax", "fax"),
  WEBSITE("url", "Website", "website"),
  STREET("street", "Street", "street"),
  CITY("city", "City", "city"),
  STATE("state", "State", "state"),
  POSTAL_CODE("zip", "PostalCode", "postalCode"),
  COUNTRY("country", "Country", "country"),
  DESCRIPTION("description", "Description", "description"),
  LEAD_SOURCE("lead_source", "LeadSource", "leadSource"),
  INDUSTRY("industry", "Industry", "industry"),
  RATING("rating", "Rating", "rating"),
  ANNUAL_REVENUE("revenue", "AnnualRevenue", "annualRevenue"),
  EMPLOYEES("employees", "NumberOfEmployees", "numberOfEmployees"),
  EMAIL_OPT_OUT("emailOptOut", "HasOptedOutOfEmail", "emailOptOut"),
  FAX_OPT_OUT("faxOptOut", "HasOptedOutOfFax", "faxOptOut"),
  DO_NOT_CALL("doNotCall", "DoNotCall", "doNotCall");

  private final String param;
  private final String apiName;
  private final String leadField;

  StandardLeadField(String param, String apiName, String leadField) {
    this.param = param;
    this.apiName = apiName;
    this.leadField = leadField;
  }

  /** Web-to-Lead parameter to default LeadGate field, in table order. */
  public static Map<String, String> byParam() {
    return table(field -> field.param);
  }

  /** Lead API name to default LeadGate field, in table order. */
  public static Map<String, String> byApiName() {
    return table(field -> field.apiName);
  }

  private static Map<String, String> table(Function<StandardLeadField, String> name) {
    Map<String, String> table = new LinkedHashMap<>();
    Arrays.stream(values()).forEach(field -> table.put(name.apply(field), field.leadField));
    return table;
  }
}
