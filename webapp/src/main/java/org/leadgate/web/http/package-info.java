/** HTTP plumbing shared by the servlets: bounded body reads, JSON, RFC 9457 problems, HTML. */
package org.leadgate.web.http;
