/** Test fixtures shared with other modules through core's test-jar, such as a real PostgreSQL server. */
package org.leadgate.testing;
