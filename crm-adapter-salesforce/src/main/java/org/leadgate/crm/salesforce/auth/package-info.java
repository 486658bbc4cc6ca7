/**
 * OAuth 2.0 sessions for the Salesforce API: the JWT bearer flow (an RS256 assertion signed with the connected app's
 * private key) and the client credentials flow (My Domain only). {@link org.leadgate.crm.salesforce.auth.TokenSource}
 * caches one session, renews it at 75% of the configured session timeout and, after a 401, once for all callers.
 */
package org.leadgate.crm.salesforce.auth;
