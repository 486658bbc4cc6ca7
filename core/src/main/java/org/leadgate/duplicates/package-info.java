/**
 * Duplicates and progressive profiling, the pure part: the keys under which a lead is found again
 * ({@link org.leadgate.duplicates.MatchKeys}) and the merge of a new submission into the lead it matches, with
 * what an undo needs ({@link org.leadgate.duplicates.ProfileMerge}). No storage, no consent: a merge never touches
 * permissions.
 */
package org.leadgate.duplicates;
