/** Consent over HTTP: the confirmation and withdrawal links in mails, and the consent API. */
package org.leadgate.web.consent;
