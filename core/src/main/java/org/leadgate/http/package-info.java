/** HTTP helpers shared by CRM adapters and enrichment providers (no servlet API): {@code Retry-After}. */
package org.leadgate.http;
