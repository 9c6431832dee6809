package dev.stoker.rest.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.stoker.api.common.ConflictException;
import dev.stoker.api.common.ForbiddenException;
import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.common.NotFoundException;
import dev.stoker.api.common.UnavailableException;
import dev.stoker.api.security.AuthenticationException;
import java.util.stream.Collectors;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps every failure to problem+json, once for the whole API. Services throw the typed exceptions of
 * {@code dev.stoker.api.common} (invalid input 400 with its field, not found 404, conflict 409, forbidden
 * 403 with its stage, unavailable 503); only those carry their message to the caller. Anything else,
 * JDK exceptions from a library included, is an internal error: logged, answered 500 without its text.
 */
public class ProblemMapper implements ExceptionMapper<Throwable> {
  private static final Logger LOG = LoggerFactory.getLogger(ProblemMapper.class);

  @Override
  public Response toResponse(Throwable e) {
    if (e instanceof WebApplicationException wae) {
      Response r = wae.getResponse();
      if (r.hasEntity() && r.getEntity() instanceof Problem) {
        return r;
      }
      Throwable cause = wae.getCause();
      if (cause instanceof JsonProcessingException jpe) {
        return json(jpe);
      }
      Response.Status status = Response.Status.fromStatusCode(r.getStatus());
      int code = r.getStatus();
      String title = status == null ? "Error" : status.getReasonPhrase();
      return Problem.of(code, title, wae.getMessage() == null ? title : wae.getMessage(), null).toResponse();
    }
    if (e instanceof JsonProcessingException jpe) {
      return json(jpe);
    }
    if (e instanceof dev.stoker.api.secrets.SecretIntegrityException) {
      LOG.error("Secret integrity failure: {}", e.getMessage());
      return Problem.of(Response.Status.INTERNAL_SERVER_ERROR, e.getMessage(), null).toResponse();
    }
    if (e instanceof UnavailableException) {
      return Problem.of(Response.Status.SERVICE_UNAVAILABLE, e.getMessage(), null).toResponse();
    }
    if (e instanceof AuthenticationException) {
      return Problem.of(Response.Status.UNAUTHORIZED, e.getMessage(), null).toResponse();
    }
    if (e instanceof InvalidInputException iie) {
      return Problem.of(Response.Status.BAD_REQUEST, iie.getMessage(), iie.field()).toResponse();
    }
    if (e instanceof NotFoundException nfe) {
      return Problem.of(Response.Status.NOT_FOUND, nfe.getMessage(), nfe.field()).toResponse();
    }
    if (e instanceof ConflictException ce) {
      return Problem.of(Response.Status.CONFLICT, ce.getMessage(), ce.field()).toResponse();
    }
    if (e instanceof ForbiddenException fe) {
      return Problem.forbidden(fe.getMessage(), fe.stage()).toResponse();
    }
    LOG.error("Unhandled error in the REST API", e);
    return Problem.of(Response.Status.INTERNAL_SERVER_ERROR, "internal error; see the server log", null)
        .toResponse();
  }

  private static Response json(JsonProcessingException e) {
    if (e instanceof UnrecognizedPropertyException upe) {
      return Problem.of(Response.Status.BAD_REQUEST, upe.getPropertyName() + ": unknown field",
          upe.getPropertyName()).toResponse();
    }
    if (e instanceof JsonMappingException jme && !jme.getPath().isEmpty()) {
      String field = jme.getPath().stream()
          .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
          .collect(Collectors.joining(".")).replace(".[", "[");
      return Problem.of(Response.Status.BAD_REQUEST, field + ": wrong type or format", field).toResponse();
    }
    String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
        + e.getLocation().getColumnNr();
    return Problem.of(Response.Status.BAD_REQUEST, "malformed JSON" + where, null).toResponse();
  }
}
