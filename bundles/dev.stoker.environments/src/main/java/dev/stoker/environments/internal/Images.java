package dev.stoker.environments.internal;

import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.common.UnavailableException;
import dev.stoker.api.runtime.RuntimeBackend;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes gateway images present on runtime hosts: once per host backend and image for ten minutes, one pull at a
 * time for concurrent requests. A reconfigured host (a new backend instance) checks its images again.
 */
final class Images implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Images.class);
  private static final long CACHE_NANOS = TimeUnit.MINUTES.toNanos(10);

  /** An image made present by one backend instance (held weakly: a departed backend is not kept alive). */
  private record Ensured(WeakReference<RuntimeBackend> backend, long until) {
    boolean fresh(RuntimeBackend current) {
      return backend.get() == current && until - System.nanoTime() > 0;
    }
  }

  private final Duration checkFor;
  private final Map<String, Ensured> ensured = new ConcurrentHashMap<>();
  private final Map<String, Object> locks = new ConcurrentHashMap<>();
  private final ExecutorService checks = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "stoker-env-image-check");
    t.setDaemon(true);
    return t;
  });

  /** @param checkFor how long a request waits for an image before it goes ahead (the pull goes on) */
  Images(Duration checkFor) {
    this.checkFor = checkFor;
  }

  /** Ensures an image once per host and ten minutes: concurrent callers wait for one pull. */
  void ensure(RuntimeBackend backend, String host, String image) throws IOException {
    String key = host + "|" + image;
    Ensured known = ensured.get(key);
    if (known != null && known.fresh(backend)) {
      return;
    }
    synchronized (locks.computeIfAbsent(key, k -> new Object())) {
      known = ensured.get(key);
      if (known != null && known.fresh(backend)) {
        return;
      }
      backend.ensureImage(image);
      ensured.put(key, new Ensured(new WeakReference<>(backend), System.nanoTime() + CACHE_NANOS));
    }
  }

  /**
   * Makes sure the image exists before anything is recorded, so that an unknown image is a 400 naming
   * {@code field}. A pull that takes longer than the check goes on in the background (a worker waits for it).
   */
  void check(RuntimeBackend backend, String host, String image, String field) {
    Future<?> check = checks.submit(() -> {
      ensure(backend, host, image);
      return null;
    });
    try {
      check.get(checkFor.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException stillPulling) {
      LOG.info("Image {} is still being pulled on {}; the request goes ahead", image, host);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw new InvalidInputException(field + ": " + (cause.getMessage() == null ? cause.toString()
          : cause.getMessage()), cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnavailableException("interrupted while checking image " + image);
    }
  }

  @Override
  public void close() {
    checks.shutdownNow();
  }
}
