/**
 * What enrichment may look up or send out: public client addresses ({@link PublicAddresses}), the client behind
 * trusted proxies ({@link TrustedProxies}), shortened addresses ({@link IpTruncation}) and public company domains
 * from typed websites and emails ({@link PublicDomains}, {@link MailDomains}). Nothing here resolves a name or opens
 * a connection.
 */
package org.leadgate.enrichment.net;
