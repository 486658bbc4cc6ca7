/** The built-in {@code log} CRM target: delivered leads as JSON lines in a local file. */
package org.leadgate.crm.log;
