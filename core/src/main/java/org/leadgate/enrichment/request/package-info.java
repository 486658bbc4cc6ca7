/**
 * Request metadata as enrichment fields: language from {@code Accept-Language}, browser, OS and device from the
 * {@code User-Agent}, the referring page and the campaign ({@code utm_*}) parameters. Local and free: nothing
 * leaves the gateway.
 */
package org.leadgate.enrichment.request;
