/**
 * Data quality: checks and normalisation of typed values (email, phone, address, company names), each answering
 * the tidy value and flags with reasons; pure functions, no I/O except the optional MX check.
 */
package org.leadgate.quality;
