package dev.stoker.runtime.docker.internal;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.LogContainerCmd;
import java.io.IOException;
import java.io.InputStream;

/**
 * Container output as a stream ({@link LogStream}). A followed log goes through the client without read
 * timeout, since a quiet container may print nothing for a long time.
 */
final class Logs {
  private final Engine engine;

  Logs(Engine engine) {
    this.engine = engine;
  }

  /**
   * @param tail last lines to return; negative for all
   * @param follow whether to keep streaming until the container stops or the stream is closed
   */
  InputStream open(String containerId, int tail, boolean follow) throws IOException {
    engine.usable();
    Checks.text("containerId", containerId);
    LogStream stream = new LogStream(containerId);
    try {
      LogContainerCmd cmd = (follow ? engine.streams() : engine.api()).logContainerCmd(containerId)
          .withStdOut(true).withStdErr(true).withFollowStream(follow);
      if (tail < 0) {
        cmd.withTailAll();
      } else {
        cmd.withTail(tail);
      }
      ResultCallback<?> unused = cmd.exec(stream.callback());
      return stream;
    } catch (RuntimeException e) {
      stream.close();
      throw engine.failure("reading logs of container '" + containerId + "'", e);
    }
  }
}
