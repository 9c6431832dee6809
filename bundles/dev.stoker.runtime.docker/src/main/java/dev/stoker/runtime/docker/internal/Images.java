package dev.stoker.runtime.docker.internal;

import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.transport.DockerHttpClient;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Images on one engine: presence, pulls (bounded by the pull timeout), the built-in helper image. */
final class Images {
  /** The empty image used as copy helper when no image is named. */
  static final String HELPER_IMAGE = "stoker/volume-helper:1";
  /** Where the empty helper mounts a volume. */
  static final String HELPER_MOUNT = "/stoker-volume";

  private static final Logger LOG = LoggerFactory.getLogger(Images.class);

  private final Engine engine;

  Images(Engine engine) {
    this.engine = engine;
  }

  /** Pulls {@code image} unless the engine has it. */
  void ensure(String image) throws IOException {
    engine.usable();
    Checks.text("image", image);
    if (present(image)) {
      return;
    }
    pull(image);
    if (!present(image)) {
      throw new DockerFailure("image '" + image + "' is still not present on docker host '" + engine.hostId()
          + "' after a pull that reported success", DockerFailure.Kind.NOT_FOUND, 404, null);
    }
  }

  private boolean present(String image) throws IOException {
    try {
      engine.api().inspectImageCmd(image).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    } catch (RuntimeException e) {
      throw engine.failure("looking up image '" + image + "'", e);
    }
  }

  private void pull(String image) throws IOException {
    String what = "image '" + image + "' is not present on docker host '" + engine.hostId() + "' and pulling it";
    LOG.info("Pulling image {} on docker host {}", image, engine.hostId());
    PullImageResultCallback callback = new PullImageResultCallback();
    try {
      int at = image.indexOf('@');
      int colon = image.lastIndexOf(':');
      if (at < 0 && colon > image.lastIndexOf('/')) {
        engine.streams().pullImageCmd(image.substring(0, colon)).withTag(image.substring(colon + 1)).exec(callback);
      } else if (at < 0) {
        // Without a tag the engine would pull every tag of the repository.
        engine.streams().pullImageCmd(image).withTag("latest").exec(callback);
      } else {
        engine.streams().pullImageCmd(image).exec(callback);
      }
      var timeout = engine.settings().pullTimeout();
      if (!callback.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new DockerFailure(what + " did not finish within " + timeout.toSeconds() + " s",
            DockerFailure.Kind.UNAVAILABLE, 0, null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException(what + " was interrupted");
    } catch (RuntimeException e) {
      int status = e instanceof DockerException d ? d.getHttpStatus() : 0;
      throw new DockerFailure(what + " failed: " + DockerErrors.reason(e), notFoundUnlessUnreachable(e), status, e);
    } finally {
      try {
        callback.close();
      } catch (IOException | RuntimeException e) {
        // nothing left to release
      }
    }
  }

  /** A failed pull means "no such image here" unless the engine itself could not be reached. */
  private static DockerFailure.Kind notFoundUnlessUnreachable(RuntimeException e) {
    if (e instanceof DockerException || e instanceof DockerClientException) {
      return DockerFailure.Kind.NOT_FOUND;
    }
    return DockerFailure.Kind.UNAVAILABLE;
  }

  /** @return the empty helper image, imported once from a one-folder archive (no registry needed) */
  String helper() throws IOException {
    if (present(HELPER_IMAGE)) {
      return HELPER_IMAGE;
    }
    int colon = HELPER_IMAGE.lastIndexOf(':');
    // docker-java 3.5.0's CreateImageCmd serialises the stream as JSON: talk to the transport directly.
    String path = "/images/create?fromSrc=-&repo=" + HELPER_IMAGE.substring(0, colon) + "&tag="
        + HELPER_IMAGE.substring(colon + 1) + "&changes=" + URLEncoder.encode(
            "LABEL " + Labels.MANAGED_BY + "=stoker", StandardCharsets.UTF_8);
    DockerHttpClient.Request request = DockerHttpClient.Request.builder()
        .method(DockerHttpClient.Request.Method.POST)
        .path(path)
        .putHeader("Content-Type", "application/x-tar")
        .bodyBytes(Tars.emptyRootFs(HELPER_MOUNT.substring(1)))
        .build();
    try (DockerHttpClient.Response response = engine.apiHttp().execute(request)) {
      String body = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
      if (response.getStatusCode() != 200 || body.contains("\"error")) {
        throw new DockerFailure("importing helper image '" + HELPER_IMAGE + "' on docker host '" + engine.hostId()
            + "' failed: HTTP " + response.getStatusCode() + " " + body.strip(), DockerFailure.Kind.ERROR,
            response.getStatusCode(), null);
      }
    } catch (RuntimeException e) {
      throw engine.failure("importing helper image '" + HELPER_IMAGE + "'", e);
    }
    LOG.info("Imported helper image {} on docker host {}", HELPER_IMAGE, engine.hostId());
    return HELPER_IMAGE;
  }

  /** @return the image's {@code USER} when numeric ({@code 2003:2003}), else root */
  FileOwner user(String image) throws IOException {
    try {
      InspectImageResponse r = engine.api().inspectImageCmd(image).exec();
      String user = r.getConfig() == null ? null : r.getConfig().getUser();
      FileOwner owner = FileOwner.parse(user);
      return owner == null ? FileOwner.ROOT : owner;
    } catch (RuntimeException e) {
      throw engine.failure("looking up image '" + image + "'", e);
    }
  }
}
