package dev.stoker.rest.internal;

import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Response;

/** Throw to answer with a problem document. */
public class ProblemException extends WebApplicationException {
  private static final long serialVersionUID = 1L;

  ProblemException(Response.Status status, String detail, String field) {
    super(detail, Problem.of(status, detail, field).toResponse());
  }

  static ProblemException badRequest(String field, String detail) {
    return new ProblemException(Response.Status.BAD_REQUEST, field + ": " + detail, field);
  }

  static ProblemException notFound(String detail) {
    return new ProblemException(Response.Status.NOT_FOUND, detail, null);
  }

  static ProblemException forbidden(String detail) {
    return new ProblemException(Response.Status.FORBIDDEN, detail, null);
  }

  static ProblemException unavailable(String detail) {
    return new ProblemException(Response.Status.SERVICE_UNAVAILABLE, detail, null);
  }
}
