package dev.stoker.runtime.docker.internal;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one command in a running container through the engine's exec API, as an argument vector (no shell), and
 * fails unless it exits 0 within the timeout. Keeps the first few KiB of its output.
 */
final class Execs {
  private static final int MAX_OUTPUT = 4096;

  private final Engine engine;

  Execs(Engine engine) {
    this.engine = engine;
  }

  /**
   * @param user {@code uid:gid} to run as, or {@code null} for the image's user
   * @param what what the command is for, for the error
   * @return what it printed (stdout and stderr)
   */
  String run(String containerId, String user, long timeoutSeconds, String what, String... command)
      throws IOException {
    String line = String.join(" ", List.of(command));
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    try {
      var create = engine.api().execCreateCmd(containerId).withCmd(command)
          .withAttachStdout(true).withAttachStderr(true);
      if (user != null) {
        create.withUser(user);
      }
      String exec = create.exec().getId();
      boolean done = engine.streams().execStartCmd(exec).exec(new ResultCallback.Adapter<Frame>() {
        @Override
        public void onNext(Frame frame) {
          if (output.size() < MAX_OUTPUT) {
            output.writeBytes(frame.getPayload());
          }
        }
      }).awaitCompletion(timeoutSeconds, TimeUnit.SECONDS);
      if (!done) {
        throw new DockerFailure(what + " on docker host '" + engine.hostId() + "' failed: '" + line
            + "' did not finish within " + timeoutSeconds + " s", DockerFailure.Kind.UNAVAILABLE, 0, null);
      }
      Long code = engine.api().inspectExecCmd(exec).exec().getExitCodeLong();
      String printed = new String(output.toByteArray(), StandardCharsets.UTF_8);
      if (code == null || code != 0) {
        throw new DockerFailure(what + " on docker host '" + engine.hostId() + "' failed: '" + line + "' exited with "
            + code + ": " + printed.strip(), DockerFailure.Kind.CONFLICT, 0, null);
      }
      return printed;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while " + what);
    } catch (RuntimeException e) {
      throw engine.failure(what, e);
    }
  }
}
