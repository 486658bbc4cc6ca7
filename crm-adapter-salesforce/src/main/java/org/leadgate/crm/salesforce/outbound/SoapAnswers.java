package org.leadgate.crm.salesforce.outbound;

import org.leadgate.spi.HookResponse;

/** The SOAP 1.1 envelopes the webhook answers with: the acknowledgement and faults. */
final class SoapAnswers {
  private static final String ENVELOPE_START = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
      + "<soapenv:Envelope xmlns:soapenv=\"" + NotificationsReader.SOAP_ENVELOPE + "\"><soapenv:Body>";
  private static final String ENVELOPE_END = "</soapenv:Body></soapenv:Envelope>";

  /** The only answer Salesforce takes as delivered: one {@code Ack} for all notifications of the message. */
  static final String ACK = ENVELOPE_START
      + "<notificationsResponse xmlns=\"" + NotificationsReader.OUTBOUND + "\"><Ack>true</Ack></notificationsResponse>"
      + ENVELOPE_END;

  private SoapAnswers() {}

  static HookResponse ack() {
    return HookResponse.text(200, "text/xml", ACK);
  }

  /**
   * A fault with HTTP {@code status}: {@code soapenv:Client} for a 4xx (the message itself is wrong),
   * {@code soapenv:Server} for a 5xx (send it again). Salesforce retries either; it shows the text in its outbound
   * message queue.
   */
  static HookResponse fault(int status, String reason) {
    String code = status >= 500 ? "soapenv:Server" : "soapenv:Client";
    return HookResponse.text(status, "text/xml", ENVELOPE_START + "<soapenv:Fault><faultcode>" + code
        + "</faultcode><faultstring>" + escape(reason) + "</faultstring></soapenv:Fault>" + ENVELOPE_END);
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
