package dev.stoker.rest.internal;

import java.util.UUID;
import java.util.regex.Pattern;
import javax.annotation.Priority;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.container.PreMatching;
import org.slf4j.MDC;

/**
 * Gives every request an id: the caller's {@code X-Request-Id} when it is a plain token (at most 64 letters,
 * digits, {@code . _ : -}; anything else is replaced, so that a caller cannot inject text into logs), a new UUID
 * otherwise. The id is put in the logging MDC as {@value #MDC_KEY} for the time the request runs (every log line
 * written for it, in the text or the JSON layout, carries it), recorded in its audit rows, and sent back in the
 * answer's {@code X-Request-Id}.
 */
@PreMatching
@Priority(100)
final class RequestIds implements ContainerRequestFilter, ContainerResponseFilter {
  static final String HEADER = "X-Request-Id";
  static final String MDC_KEY = "requestId";
  private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  @Override
  public void filter(ContainerRequestContext request) {
    String given = request.getHeaderString(HEADER);
    String id = given != null && ACCEPTED.matcher(given).matches() ? given : UUID.randomUUID().toString();
    request.setProperty(MDC_KEY, id);
    MDC.put(MDC_KEY, id);
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    Object id = request.getProperty(MDC_KEY);
    if (id != null) {
      response.getHeaders().putSingle(HEADER, id.toString());
    }
    MDC.remove(MDC_KEY);
  }

  /** @return the id of the request, or {@code ""} when it has none (the filter did not run) */
  static String of(ContainerRequestContext request) {
    Object id = request.getProperty(MDC_KEY);
    return id == null ? "" : id.toString();
  }
}
