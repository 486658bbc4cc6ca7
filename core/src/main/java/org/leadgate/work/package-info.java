/** Background work: the polling loop that the delivery worker and the confirmation mailer run on. */
package org.leadgate.work;
