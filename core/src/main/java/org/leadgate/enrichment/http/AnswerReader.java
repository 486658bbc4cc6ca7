package org.leadgate.enrichment.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.leadgate.enrichment.ProviderResult;

/** Reads a successful JSON answer into {@link ProviderResult.Found} or, when it holds nothing usable, NoMatch. */
@FunctionalInterface
interface AnswerReader {
  ProviderResult read(JsonNode answer);
}
