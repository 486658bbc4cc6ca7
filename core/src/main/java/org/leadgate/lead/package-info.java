/** The lead as a value: fields with provenance (who set each value, and when). */
package org.leadgate.lead;
