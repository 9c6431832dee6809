package dev.stoker.rest.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Streams a followed container log as server-sent events: one {@code log} event per line, a comment every
 * 15 s while the gateway is quiet (which is also how a client that went away is noticed), and a final
 * {@code end} event when the log ends (the container stopped or was replaced). Lines are read on their own
 * thread so that a quiet log never blocks the keep-alive.
 */
final class LogEvents {
  private static final long KEEPALIVE_MS = 15_000;
  private static final Object END = new Object();

  private LogEvents() {
  }

  static void pump(InputStream log, OutputStream out, java.time.Duration maxLifetime) throws IOException {
    long end = System.currentTimeMillis() + maxLifetime.toMillis();
    BlockingQueue<Object> lines = new ArrayBlockingQueue<>(1024);
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(log, StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          lines.put(line);
        }
      } catch (IOException e) {
        // the stream was closed (client gone) or the engine ended it
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      lines.offer(END);
    }, "stoker-log-follow");
    reader.setDaemon(true);
    reader.start();
    try {
      write(out, ": following\n\n");
      while (true) {
        Object next;
        try {
          next = lines.poll(KEEPALIVE_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        if (System.currentTimeMillis() > end) {
          write(out, "event: end\ndata: {\"reason\":\"the stream reached its longest time; reconnect to go on\"}\n\n");
          return;
        }
        if (next == null) {
          write(out, ": keep-alive\n\n");
        } else if (next == END) {
          write(out, "event: end\ndata: {\"reason\":\"the log ended (container stopped or replaced)\"}\n\n");
          return;
        } else {
          write(out, "event: log\ndata: " + ((String) next).replace("\r", "") + "\n\n");
        }
      }
    } finally {
      log.close();
      reader.interrupt();
    }
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }
}
