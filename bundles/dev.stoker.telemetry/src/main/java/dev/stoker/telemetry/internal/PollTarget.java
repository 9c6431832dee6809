package dev.stoker.telemetry.internal;

import dev.stoker.api.environment.Environment;
import java.net.URI;
import java.util.Locale;

/**
 * A running environment's gateway as the poller sees it.
 *
 * @param environment the environment as last listed
 * @param http the gateway's HTTP base address, or {@code null} when it publishes none
 */
record PollTarget(Environment environment, URI http) {
  static PollTarget of(Environment env) {
    return new PollTarget(env, env.endpoints().get("http"));
  }

  String id() {
    return environment.id();
  }

  String stage() {
    return environment.spec().stage() == null ? "" : environment.spec().stage().name().toLowerCase(Locale.ROOT);
  }

  String platform() {
    return environment.spec().platform();
  }

  String host() {
    return environment.runtimeHost() == null ? "" : environment.runtimeHost();
  }
}
