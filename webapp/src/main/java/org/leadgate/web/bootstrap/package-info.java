/** Starting and stopping the gateway with the web application. */
package org.leadgate.web.bootstrap;
