package dev.stoker.runtime.docker.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * A validated {@link DockerHostConfig}. Every rejection names the configuration key it is about, so an
 * admin can fix the file it came from.
 *
 * @param hostId host id
 * @param dockerHost engine address ({@code unix://} or {@code tcp://})
 * @param tlsVerify whether TLS client certificates are used
 * @param certPath folder with ca.pem, cert.pem and key.pem, or {@code null}
 * @param hostAddress address Stoker reaches published ports at
 * @param publishAddress interface published ports bind to ({@code ""} = all)
 * @param connectTimeout connect timeout
 * @param readTimeout answer timeout of ordinary calls
 * @param pullTimeout longest image pull
 * @param stopGrace SIGTERM to SIGKILL grace period
 * @param healthInterval time between background health checks
 */
public record DockerHostSettings(String hostId, URI dockerHost, boolean tlsVerify, Path certPath,
    String hostAddress, String publishAddress, Duration connectTimeout, Duration readTimeout,
    Duration pullTimeout, Duration stopGrace, Duration healthInterval) {

  private static final Pattern HOST_ID = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
  private static final String[] TLS_FILES = {"ca.pem", "cert.pem", "key.pem"};

  /**
   * @return the validated settings
   * @throws IllegalArgumentException starting with the name of the bad key
   */
  public static DockerHostSettings from(DockerHostConfig c) {
    String hostId = trim(c.hostId());
    if (!HOST_ID.matcher(hostId).matches()) {
      throw bad("hostId", "must be a DNS label (lower-case letters, digits, hyphens), got '" + hostId + "'");
    }
    URI uri = dockerHost(trim(c.dockerHost()));
    Path certPath = null;
    String certs = trim(c.certPath());
    if (c.tlsVerify()) {
      if (!"tcp".equals(uri.getScheme())) {
        throw bad("tlsVerify", "TLS applies to tcp:// hosts only, but dockerHost is " + uri);
      }
      if (certs.isEmpty()) {
        throw bad("certPath", "is required when tlsVerify is true (a folder with ca.pem, cert.pem and key.pem)");
      }
      certPath = Path.of(certs);
      for (String file : TLS_FILES) {
        if (!Files.isReadable(certPath.resolve(file))) {
          throw bad("certPath", "'" + certPath + "' has no readable " + file
              + " (it must hold ca.pem, cert.pem and key.pem)");
        }
      }
    } else if (!certs.isEmpty()) {
      certPath = Path.of(certs);
    }
    String hostAddress = trim(c.hostAddress());
    if (hostAddress.isEmpty() || hostAddress.contains("/") || hostAddress.contains(" ")) {
      throw bad("hostAddress", "must be a host name or IP address, got '" + hostAddress + "'");
    }
    return new DockerHostSettings(hostId, uri, c.tlsVerify(), certPath, hostAddress, trim(c.publishAddress()),
        seconds("connectTimeoutSeconds", c.connectTimeoutSeconds()),
        seconds("readTimeoutSeconds", c.readTimeoutSeconds()),
        seconds("pullTimeoutSeconds", c.pullTimeoutSeconds()),
        nonNegative("stopGraceSeconds", c.stopGraceSeconds()),
        seconds("healthIntervalSeconds", c.healthIntervalSeconds()));
  }

  private static URI dockerHost(String value) {
    String expected = "must be unix:///path/to/docker.sock or tcp://host:port";
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw bad("dockerHost", expected + ", got '" + value + "' (" + e.getReason() + ")");
    }
    if ("unix".equals(uri.getScheme())) {
      if (uri.getPath() == null || !uri.getPath().startsWith("/") || uri.getPath().length() < 2) {
        throw bad("dockerHost", expected + ", got '" + value + "' (no absolute socket path)");
      }
      return uri;
    }
    if ("tcp".equals(uri.getScheme())) {
      if (uri.getHost() == null || uri.getPort() <= 0) {
        throw bad("dockerHost", expected + ", got '" + value + "' (host and port are required)");
      }
      return uri;
    }
    throw bad("dockerHost", expected + ", got '" + value + "'");
  }

  private static Duration seconds(String key, int value) {
    if (value <= 0) {
      throw bad(key, "must be a positive number of seconds, got " + value);
    }
    return Duration.ofSeconds(value);
  }

  private static Duration nonNegative(String key, int value) {
    if (value < 0) {
      throw bad(key, "must be zero or more seconds, got " + value);
    }
    return Duration.ofSeconds(value);
  }

  private static IllegalArgumentException bad(String key, String why) {
    return new IllegalArgumentException(key + ": " + why);
  }

  private static String trim(String s) {
    return s == null ? "" : s.trim();
  }

  /** @return the settings with another engine address (for tests) */
  public DockerHostSettings withDockerHost(URI uri) {
    return new DockerHostSettings(hostId, uri, tlsVerify, certPath, hostAddress, publishAddress, connectTimeout,
        readTimeout, pullTimeout, stopGrace, healthInterval);
  }
}
