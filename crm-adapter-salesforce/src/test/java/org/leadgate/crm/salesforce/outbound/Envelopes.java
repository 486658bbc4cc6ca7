package org.leadgate.crm.salesforce.outbound;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Outbound Messaging envelopes shaped as the WSDL describes, for tests. */
final class Envelopes {
  static final String ORG_ID = "00D5j000001uVaTEAU";
  static final String SALES_USER = "0055j00000SaLeSAAA";
  static final String INTEGRATION_USER = "0055j000000Int1AAA";

  private Envelopes() {}

  /** The three-notification message in {@code notifications.xml}. */
  static String sample() {
    try (InputStream in = Envelopes.class.getResourceAsStream("notifications.xml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String message(String organizationId, List<String> notifications) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" \
        xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
         <soapenv:Body>
          <notifications xmlns="http://soap.sforce.com/2005/09/outbound">
           <OrganizationId>%s</OrganizationId>
           <ActionId>04k5j000000AbCdAAK</ActionId>
           <SessionId xsi:nil="true"/>
           <EnterpriseUrl>https://acme.my.salesforce.com/services/Soap/c/62.0/00D5j000001uVaT</EnterpriseUrl>
           <PartnerUrl>https://acme.my.salesforce.com/services/Soap/u/62.0/00D5j000001uVaT</PartnerUrl>
           %s
          </notifications>
         </soapenv:Body>
        </soapenv:Envelope>
        """.formatted(organizationId, String.join("\n", notifications));
  }

  static String message(List<String> notifications) {
    return message(ORG_ID, notifications);
  }

  /** A Lead notification with {@code fields} as {@code sf:} elements, e.g. {@code <sf:LastName>Rossi</sf:LastName>}. */
  static String lead(String notificationId, String leadId, String fields) {
    return sObject(notificationId, "sf:Lead", "<sf:Id>" + leadId + "</sf:Id>" + fields);
  }

  /** A notification whose sObject is {@code type} with exactly {@code fields}. */
  static String sObject(String notificationId, String type, String fields) {
    return """
        <Notification><Id>%s</Id>\
        <sObject xsi:type="%s" xmlns:sf="urn:sobject.enterprise.soap.sforce.com">%s</sObject></Notification>"""
        .formatted(notificationId, type, fields);
  }

  /** The notification of a deleted record: no sObject. */
  static String withoutSObject(String notificationId) {
    return "<Notification><Id>" + notificationId + "</Id></Notification>";
  }

  static String changedBy(String userId) {
    return "<sf:LastModifiedById>" + userId + "</sf:LastModifiedById>";
  }

  /** The notification id of the {@code n}th test notification. */
  static String notificationId(int n) {
    return "04l5j0000N%05dAAB".formatted(n);
  }

  /** The Lead id of the {@code n}th test notification. */
  static String leadId(int n) {
    return "00Q5j0000L%05dEAR".formatted(n);
  }
}
