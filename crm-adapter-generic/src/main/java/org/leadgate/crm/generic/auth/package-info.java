/**
 * How the adapter proves who it is to the CRM: static credentials (bearer token, basic, API key in a header or the
 * query), OAuth 2.0 client credentials with a cached token, and HMAC-SHA256 request signing for CRMs that verify the
 * sender. Secrets never appear in {@code toString()}, messages or logs.
 */
package org.leadgate.crm.generic.auth;
