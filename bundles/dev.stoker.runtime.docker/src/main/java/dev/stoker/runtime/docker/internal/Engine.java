package dev.stoker.runtime.docker.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.io.IOException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection to one Docker engine: two docker-java clients (one with a read timeout for plain calls, one
 * without for streams, pulls and stops that may take long) and the raw transport, or the reason the
 * configuration is unusable. Every collaborator asks {@link #usable()} before it talks to the engine.
 */
final class Engine implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

  private final String hostId;
  private final DockerHostSettings settings;
  private final String configError;
  private final DockerClient api;
  private final DockerHttpClient apiHttp;
  private final DockerClient streams;

  /**
   * @param settings validated settings, or {@code null} when they did not validate
   * @param error why the settings did not validate, or {@code null}
   */
  Engine(String hostId, DockerHostSettings settings, String error) {
    this.hostId = hostId;
    this.settings = settings;
    DockerClient apiClient = null;
    DockerHttpClient apiTransport = null;
    DockerClient streamClient = null;
    if (settings != null) {
      try {
        DefaultDockerClientConfig config = clientConfig(settings);
        apiTransport = http(config, settings, true);
        apiClient = DockerClientImpl.getInstance(config, apiTransport);
        streamClient = DockerClientImpl.getInstance(config, http(config, settings, false));
      } catch (RuntimeException e) {
        // e.g. unreadable TLS key material
        error = "cannot set up the client for " + settings.dockerHost() + ": " + DockerErrors.reason(e);
      }
    }
    this.configError = error;
    this.api = configError == null ? apiClient : null;
    this.apiHttp = configError == null ? apiTransport : null;
    this.streams = configError == null ? streamClient : null;
  }

  private static DefaultDockerClientConfig clientConfig(DockerHostSettings s) {
    DefaultDockerClientConfig.Builder b = DefaultDockerClientConfig.createDefaultConfigBuilder()
        .withDockerHost(s.dockerHost().toString())
        .withDockerTlsVerify(s.tlsVerify());
    if (s.tlsVerify()) {
      b.withDockerCertPath(s.certPath().toString());
    }
    return b.build();
  }

  private static DockerHttpClient http(DefaultDockerClientConfig config, DockerHostSettings s,
      boolean withReadTimeout) {
    ZerodepDockerHttpClient.Builder http = new ZerodepDockerHttpClient.Builder()
        .dockerHost(config.getDockerHost())
        .sslConfig(config.getSSLConfig())
        .maxConnections(64)
        .connectionTimeout(s.connectTimeout());
    if (withReadTimeout) {
      http.responseTimeout(s.readTimeout());
    }
    return http.build();
  }

  String hostId() {
    return hostId;
  }

  /** @return the validated settings, or {@code null} when the configuration is invalid */
  DockerHostSettings settings() {
    return settings;
  }

  /** @return why this engine cannot be used, or {@code null} */
  String configError() {
    return configError;
  }

  /** @return the client with a read timeout */
  DockerClient api() {
    return api;
  }

  /** @return the client without a read timeout, for calls that may last */
  DockerClient streams() {
    return streams;
  }

  /** @return the raw transport of {@link #api()}, for requests docker-java cannot make */
  DockerHttpClient apiHttp() {
    return apiHttp;
  }

  /** @throws DockerFailure of kind {@code UNAVAILABLE} when the configuration is not usable */
  void usable() throws IOException {
    if (configError != null) {
      throw new DockerFailure("docker host '" + hostId + "' is misconfigured (" + DockerRuntimeBackend.PID + "): "
          + configError, DockerFailure.Kind.UNAVAILABLE, 0, null);
    }
  }

  /** @return {@code labels} plus those that mark an object as made by Stoker on this host */
  Map<String, String> managed(Map<String, String> labels) {
    return Labels.managed(hostId, labels);
  }

  /** @see DockerErrors#failure(String, String, Throwable) */
  DockerFailure failure(String what, Throwable e) {
    return DockerErrors.failure(what, hostId, e);
  }

  @Override
  public void close() {
    for (DockerClient c : new DockerClient[] {api, streams}) {
      if (c != null) {
        try {
          c.close();
        } catch (IOException | RuntimeException e) {
          LOG.debug("closing docker client of host {}", hostId, e);
        }
      }
    }
  }
}
