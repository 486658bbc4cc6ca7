/**
 * Duplicates at work: the delivery preparation step that merges a new lead into the earlier lead of the same person
 * (match keys and merge records in storage), and the admin's undo.
 */
package org.leadgate.duplicates.engine;
