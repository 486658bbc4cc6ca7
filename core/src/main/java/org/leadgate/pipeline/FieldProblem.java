package org.leadgate.pipeline;

/** Why one submitted field was refused, in words a person filling in the form understands. */
public record FieldProblem(String field, String reason) {}
