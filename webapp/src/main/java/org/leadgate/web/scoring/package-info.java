/** The scoring API: behaviour events ({@code POST /api/events}) and the stage the CRM sets. */
package org.leadgate.web.scoring;
