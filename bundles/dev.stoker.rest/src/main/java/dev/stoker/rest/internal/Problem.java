package dev.stoker.rest.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.stoker.api.common.Nullable;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

/**
 * An RFC 9457 problem detail. {@code field} names the request field at fault, when one is.
 *
 * @param type a URI naming the problem type
 * @param title short summary of the type
 * @param status HTTP status
 * @param detail what went wrong with this request
 * @param field the offending field, or {@code null}
 * @param stage the stage whose access rule refused the request (403 only), or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, @Nullable String field,
    @Nullable String stage) {
  static final MediaType PROBLEM_JSON = MediaType.valueOf("application/problem+json");

  static Problem of(Response.Status status, String detail, String field) {
    return of(status.getStatusCode(), status.getReasonPhrase(), detail, field);
  }

  static Problem of(int status, String title, String detail, String field) {
    String slug = title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    return new Problem("https://stoker.dev/problems/" + slug, title, status, detail, field, null);
  }

  static Problem forbidden(String detail, String stage) {
    Problem p = of(Response.Status.FORBIDDEN, detail, null);
    return new Problem(p.type(), p.title(), p.status(), p.detail(), null, stage);
  }

  /**
   * Splits messages of the form {@code "field: what is wrong"}, the convention of Stoker's services,
   * into field and detail.
   */
  static Problem fromMessage(Response.Status status, String message) {
    String msg = message == null ? status.getReasonPhrase() : message;
    int colon = msg.indexOf(": ");
    if (colon > 0 && msg.substring(0, colon).matches("[A-Za-z][A-Za-z0-9_.\\[\\]]*")) {
      return of(status, msg, msg.substring(0, colon));
    }
    return of(status, msg, null);
  }

  Response toResponse() {
    return Response.status(status).type(PROBLEM_JSON).entity(this).build();
  }
}
