/** LeadGate's core: {@link org.leadgate.Gateway} assembles storage, pipelines and plugins from configuration. */
package org.leadgate;
