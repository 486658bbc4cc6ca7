package org.leadgate.crm.generic.template;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.Optional;
import org.leadgate.lead.Lead;
import org.leadgate.lead.LeadJson;

/**
 * What placeholders are resolved against: the lead as {@link LeadJson} shapes it, and its CRM record id when known.
 *
 * @param lead the lead's JSON tree; templates only read it
 * @param crmRecordId the value of {@code {{crm.id}}}
 */
public record LeadView(ObjectNode lead, Optional<String> crmRecordId) {
  public LeadView {
    Objects.requireNonNull(lead, "lead");
    Objects.requireNonNull(crmRecordId, "crmRecordId");
  }

  public static LeadView of(Lead lead, Optional<String> crmRecordId) {
    return new LeadView(LeadJson.toTree(lead), crmRecordId);
  }
}
