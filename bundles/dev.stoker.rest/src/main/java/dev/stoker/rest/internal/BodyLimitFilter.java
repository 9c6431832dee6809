package dev.stoker.rest.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.core.Response;

/**
 * Refuses request bodies over the configured size with 413: at once when Content-Length says so, and
 * while reading for chunked bodies.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
final class BodyLimitFilter implements ContainerRequestFilter {
  private final long maxBytes;

  BodyLimitFilter(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    if (request.getLength() > maxBytes) {
      request.abortWith(tooLarge());
      return;
    }
    if (request.hasEntity()) {
      request.setEntityStream(new Bounded(request.getEntityStream(), maxBytes));
    }
  }

  private Response tooLarge() {
    return Problem.of(Response.Status.REQUEST_ENTITY_TOO_LARGE, "request body larger than " + maxBytes + " bytes",
        null).toResponse();
  }

  private final class Bounded extends FilterInputStream {
    private long left;

    Bounded(InputStream in, long max) {
      super(in);
      this.left = max;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0 && --left < 0) {
        throw new ProblemException(Response.Status.REQUEST_ENTITY_TOO_LARGE,
            "request body larger than " + maxBytes + " bytes", null);
      }
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      int n = super.read(buf, off, len);
      if (n > 0) {
        left -= n;
        if (left < 0) {
          throw new ProblemException(Response.Status.REQUEST_ENTITY_TOO_LARGE,
              "request body larger than " + maxBytes + " bytes", null);
        }
      }
      return n;
    }
  }
}
