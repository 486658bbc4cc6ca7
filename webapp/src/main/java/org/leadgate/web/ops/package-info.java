/** Operations endpoints: liveness and readiness. */
package org.leadgate.web.ops;
