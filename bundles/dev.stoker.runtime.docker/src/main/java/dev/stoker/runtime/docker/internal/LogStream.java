package dev.stoker.runtime.docker.internal;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A container's output (stdout and stderr interleaved) as an {@link InputStream}. Frames arrive on
 * docker-java's stream thread and wait in a bounded queue (so a slow reader slows the engine, not the heap).
 * The stream ends when the engine ends the output (no follow, or the container exits) and closing it closes the
 * HTTP response, which ends a followed log.
 */
final class LogStream extends InputStream {
  private static final Object END = new Object();

  private final String container;
  private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>(1024);
  private final Callback callback = new Callback();
  private volatile boolean closed;
  private byte[] current = new byte[0];
  private int pos;
  private boolean ended;

  LogStream(String container) {
    this.container = container;
  }

  ResultCallback<Frame> callback() {
    return callback;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (pos >= current.length) {
      if (ended || closed) {
        return -1;
      }
      Object next;
      try {
        next = queue.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("interrupted while reading logs of container '" + container + "'");
      }
      if (next == END) {
        ended = true;
        return -1;
      }
      if (next instanceof Throwable t) {
        ended = true;
        throw new IOException("reading logs of container '" + container + "' failed: " + DockerErrors.reason(t), t);
      }
      current = (byte[]) next;
      pos = 0;
    }
    int n = Math.min(len, current.length - pos);
    System.arraycopy(current, pos, b, off, n);
    pos += n;
    return n;
  }

  @Override
  public int available() {
    return current.length - pos;
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    queue.clear();
    // Unblocks a reader waiting in take().
    queue.offer(END);
    callback.close();
  }

  private void put(Object item) {
    try {
      while (!closed) {
        if (queue.offer(item, 200, TimeUnit.MILLISECONDS)) {
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private final class Callback extends ResultCallback.Adapter<Frame> {
    @Override
    public void onNext(Frame frame) {
      byte[] payload = frame.getPayload();
      if (payload != null && payload.length > 0) {
        put(payload);
      }
    }

    @Override
    public void onError(Throwable throwable) {
      if (!closed) {
        put(throwable);
      }
      try {
        super.close();
      } catch (IOException ignored) {
        // the response is gone either way
      }
    }

    @Override
    public void onComplete() {
      put(END);
      try {
        super.close();
      } catch (IOException ignored) {
        // the response is gone either way
      }
    }
  }
}
