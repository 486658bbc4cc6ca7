/** Taking form posts: parsing bodies into submissions, and the submission as a value. */
package org.leadgate.intake;
