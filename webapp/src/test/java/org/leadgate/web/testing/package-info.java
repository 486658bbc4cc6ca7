/** Test fixtures for the web application: the real WAR in embedded Jetty, test configurations, stored rows. */
package org.leadgate.web.testing;
