/**
 * Test fixtures shared with other modules through core's test-jar, such as a real PostgreSQL server and
 * {@link org.leadgate.testing.Eventually} for what another thread or process does.
 */
package org.leadgate.testing;
