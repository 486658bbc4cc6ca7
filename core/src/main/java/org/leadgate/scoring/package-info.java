/**
 * Lead scoring: fit and behaviour points from configured rules, with decay over time, an optional A–D grade, the
 * buying-center role from the job title, and the funnel stage the score reaches. Pure functions of their inputs
 * (the lead, its events, the time now): no storage, no HTTP. Start with {@link org.leadgate.scoring.ScoringConfig},
 * then {@link org.leadgate.scoring.Scorer} and {@link org.leadgate.scoring.Stages}.
 */
package org.leadgate.scoring;
