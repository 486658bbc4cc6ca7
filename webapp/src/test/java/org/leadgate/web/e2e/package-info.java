/** End-to-end tests: the packaged WAR in embedded Jetty, real HTTP, real databases, WireMock as the CRM. */
package org.leadgate.web.e2e;
