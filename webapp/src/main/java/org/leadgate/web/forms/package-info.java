/** Form intake over HTTP and the pages people see: the form, its error messages, the thank-you page. */
package org.leadgate.web.forms;
