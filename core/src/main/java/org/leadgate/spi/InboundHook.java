package org.leadgate.spi;

/**
 * An HTTP endpoint a CRM adapter adds to the gateway: a webhook the CRM calls, or a drop-in target for the CRM's own
 * web forms. The web application serves it at {@link #path()} and hands it each request; the hook turns what came
 * into submissions through {@link Intake}, which commits them before the hook answers.
 */
public interface InboundHook {
  /** The exact path below the application, for example {@code /hooks/salesforce/outbound}. */
  String path();

  /**
   * Answers one request. Bad input is answered with a 4xx and nothing submitted; a storage failure surfaces as
   * {@link org.leadgate.storage.StorageUnavailableException}, which the web application answers with 503.
   */
  HookResponse handle(HookRequest request, Intake intake);
}
