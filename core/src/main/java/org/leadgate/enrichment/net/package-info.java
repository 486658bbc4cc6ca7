/**
 * What enrichment may look up or send out: public client addresses ({@link
 * org.leadgate.enrichment.net.PublicAddresses}), the client behind trusted proxies, truncated addresses, and public
 * company domains from typed websites and emails. Nothing here resolves a name or opens a connection.
 */
package org.leadgate.enrichment.net;
