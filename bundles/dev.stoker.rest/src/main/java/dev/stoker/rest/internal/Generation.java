package dev.stoker.rest.internal;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.servlet.ServletConfig;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One build of the API endpoint: a CXF bus, its JAX-RS server and the servlet that feeds it, and the
 * resource classes it routes to. A newer build replaces it in {@link ApiServlet}; the old one is
 * torn down once the requests it is still serving (progress and log streams included) have ended.
 */
final class Generation {
  private static final Logger LOG = LoggerFactory.getLogger(Generation.class);

  /** What a generation consists of; closed when it is torn down. */
  interface Parts extends AutoCloseable {
    void init(ServletConfig config) throws ServletException;

    void service(ServletRequest request, ServletResponse response) throws ServletException, IOException;

    @Override
    void close();
  }

  private final Parts parts;
  private final Set<Class<?>> routes;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicBoolean destroyed = new AtomicBoolean();
  private volatile boolean retired;

  Generation(Parts parts, Set<Class<?>> routes) {
    this.parts = parts;
    this.routes = Set.copyOf(routes);
  }

  /** @return the resource classes this generation routes requests to */
  Set<Class<?>> routes() {
    return routes;
  }

  void init(ServletConfig config) throws ServletException {
    parts.init(config);
  }

  /** @return whether a request may be served here; if so, call {@link #exit()} when it is done */
  boolean enter() {
    inFlight.incrementAndGet();
    if (retired) {
      exit();
      return false;
    }
    return true;
  }

  void exit() {
    if (inFlight.decrementAndGet() == 0 && retired) {
      destroy();
    }
  }

  void service(ServletRequest request, ServletResponse response) throws ServletException, IOException {
    parts.service(request, response);
  }

  /** Takes no new requests; torn down as soon as the last running one ends. */
  void retire() {
    retired = true;
    if (inFlight.get() == 0) {
      destroy();
    }
  }

  /** Tears down now, whatever is still running. */
  void destroy() {
    retired = true;
    if (destroyed.compareAndSet(false, true)) {
      try {
        parts.close();
      } catch (RuntimeException e) {
        LOG.warn("Tearing down an API endpoint failed", e);
      }
    }
  }

  boolean destroyed() {
    return destroyed.get();
  }
}
