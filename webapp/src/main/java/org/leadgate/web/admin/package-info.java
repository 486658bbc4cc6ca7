/** The admin API, behind a bearer token: dead letters and their replay. */
package org.leadgate.web.admin;
