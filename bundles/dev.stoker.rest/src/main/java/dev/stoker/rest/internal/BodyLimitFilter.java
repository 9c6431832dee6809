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
 * while reading for chunked bodies. Uploads (multipart forms, zip and octet-stream bodies) have their own,
 * larger limit.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
final class BodyLimitFilter implements ContainerRequestFilter {
  private final long maxJsonBytes;
  private final long maxUploadBytes;

  BodyLimitFilter(long maxJsonBytes, long maxUploadBytes) {
    this.maxJsonBytes = maxJsonBytes;
    this.maxUploadBytes = maxUploadBytes;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    javax.ws.rs.core.MediaType type = request.getMediaType();
    boolean upload = type != null && (type.isCompatible(javax.ws.rs.core.MediaType.MULTIPART_FORM_DATA_TYPE)
        || type.isCompatible(javax.ws.rs.core.MediaType.APPLICATION_OCTET_STREAM_TYPE)
        || "zip".equals(type.getSubtype()));
    long maxBytes = upload ? maxUploadBytes : maxJsonBytes;
    if (request.getLength() > maxBytes) {
      request.abortWith(tooLarge(maxBytes));
      return;
    }
    if (request.hasEntity()) {
      request.setEntityStream(new Bounded(request.getEntityStream(), maxBytes));
    }
  }

  private static Response tooLarge(long maxBytes) {
    return Problem.of(Response.Status.REQUEST_ENTITY_TOO_LARGE, "request body larger than " + maxBytes + " bytes",
        null).toResponse();
  }

  private static final class Bounded extends FilterInputStream {
    private final long maxBytes;
    private long left;

    Bounded(InputStream in, long max) {
      super(in);
      this.maxBytes = max;
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
