/** Benchmarks run on demand (profile {@code benchmark}), not in the test suite. */
package org.leadgate.web.bench;
