/** The admin API of duplicates: the merges of a lead and their undo. */
package org.leadgate.web.duplicates;
