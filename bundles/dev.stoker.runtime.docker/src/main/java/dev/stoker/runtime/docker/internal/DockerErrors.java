package dev.stoker.runtime.docker.internal;

import com.github.dockerjava.api.exception.DockerException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns docker-java's unchecked exceptions into {@link DockerFailure}s whose message an admin can act on. */
final class DockerErrors {
  private static final Pattern MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

  private DockerErrors() {
  }

  /**
   * @param what what was being done, naming the object, e.g. {@code starting container 'gw-1'}
   * @param host host id
   */
  static DockerFailure failure(String what, String host, Throwable e) {
    int status = e instanceof DockerException d ? d.getHttpStatus() : 0;
    String reason = reason(e);
    return new DockerFailure(what + " on docker host '" + host + "' failed: " + reason, kind(status, reason),
        status, e);
  }

  static DockerFailure.Kind kind(int status, String reason) {
    String r = reason.toLowerCase();
    if (status == 0) {
      return DockerFailure.Kind.UNAVAILABLE;
    }
    if (status == 404) {
      return DockerFailure.Kind.NOT_FOUND;
    }
    if (status == 409 || r.contains("port is already allocated") || r.contains("address already in use")) {
      return DockerFailure.Kind.CONFLICT;
    }
    if (status == 400 || status == 422) {
      return DockerFailure.Kind.REJECTED;
    }
    return DockerFailure.Kind.ERROR;
  }

  /** @return the engine's message, or the root cause of a transport failure */
  static String reason(Throwable e) {
    if (e instanceof DockerException d) {
      String text = String.valueOf(d.getMessage());
      Matcher m = MESSAGE.matcher(text);
      String msg = m.find() ? m.group(1).replace("\\\"", "\"").replace("\\n", " ") : text.strip();
      return msg + " (HTTP " + d.getHttpStatus() + ")";
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String msg = root.getMessage();
    String name = root.getClass().getSimpleName();
    if (root instanceof java.net.SocketTimeoutException) {
      return "no answer in time (" + name + (msg == null ? "" : ": " + msg) + ")";
    }
    if (root instanceof java.net.ConnectException || root instanceof java.nio.file.NoSuchFileException
        || root instanceof java.io.FileNotFoundException) {
      return "cannot connect (" + name + (msg == null ? "" : ": " + msg) + ")";
    }
    if (root instanceof javax.net.ssl.SSLException || root instanceof java.security.GeneralSecurityException) {
      return "TLS failure (" + name + (msg == null ? "" : ": " + msg) + ")";
    }
    return msg == null ? name : name + ": " + msg;
  }
}
