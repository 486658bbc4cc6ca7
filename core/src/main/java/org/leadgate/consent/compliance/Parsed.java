package org.leadgate.consent.compliance;

import java.util.List;
import org.leadgate.pipeline.FieldProblem;

/** A request's parameters, either understood or refused with a problem per parameter. */
public sealed interface Parsed<T> {
  /** The parameters were understood. */
  record Valid<T>(T value) implements Parsed<T> {}

  /** The parameters were refused; {@code problems} name each parameter at fault. Nothing may be exported. */
  record Invalid<T>(List<FieldProblem> problems) implements Parsed<T> {
    public Invalid {
      problems = List.copyOf(problems);
    }
  }
}
