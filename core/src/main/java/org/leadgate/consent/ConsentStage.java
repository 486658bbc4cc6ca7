package org.leadgate.consent;

import java.sql.SQLException;
import org.leadgate.pipeline.Outcome;
import org.leadgate.pipeline.Stage;
import org.leadgate.spi.DeliveryResult;

/**
 * The gate before the CRM: attaches what consent permits now to the lead, so the CRM only ever sees permissions
 * LeadGate can prove. If consent cannot be read, the lead is not sent (a passing failure).
 */
public final class ConsentStage implements Stage {
  private final ConsentService consent;

  public ConsentStage(ConsentService consent) {
    this.consent = consent;
  }

  @Override
  public Outcome process(Chain chain) {
    try {
      return chain.proceed(chain.lead().withPermissions(consent.permissionsFor(chain.lead().id())));
    } catch (SQLException e) {
      return new Outcome.CrmAnswered(DeliveryResult.retry("consent could not be read: " + e.getMessage()));
    }
  }

  @Override
  public String toString() {
    return "ConsentStage";
  }
}
