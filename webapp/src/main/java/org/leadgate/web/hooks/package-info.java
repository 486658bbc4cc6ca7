/** The HTTP face of the CRM adapter's inbound hooks: webhooks the CRM calls and drop-in targets for its web forms. */
package org.leadgate.web.hooks;
