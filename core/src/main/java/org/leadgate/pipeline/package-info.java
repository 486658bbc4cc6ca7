/**
 * The stage chain every lead runs through ({@link org.leadgate.pipeline.Stage}, checked by
 * {@link org.leadgate.pipeline.RealStageChain}) and its outcomes as values.
 */
package org.leadgate.pipeline;
