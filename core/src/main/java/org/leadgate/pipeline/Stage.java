package org.leadgate.pipeline;

import org.leadgate.lead.Lead;

/**
 * One step a lead passes through, in the style of OkHttp's interceptors: a stage may change the lead and
 * {@link Chain#proceed proceed} with it, or answer on its own (for example {@link Outcome.Invalid}) without
 * proceeding. It proceeds at most once and never returns null.
 */
public interface Stage {
  Outcome process(Chain chain);

  /** The rest of the pipeline, as seen from one stage. */
  interface Chain {
    Lead lead();

    Outcome proceed(Lead lead);
  }
}
