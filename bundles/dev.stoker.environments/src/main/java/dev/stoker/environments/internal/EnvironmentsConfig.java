package dev.stoker.environments.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the environment service, PID {@code dev.stoker.environments}
 * ({@code etc/dev.stoker.environments.cfg}).
 */
@ObjectClassDefinition(name = "Stoker environments")
@interface EnvironmentsConfig {

  @AttributeDefinition(description = "Runtime host new environments go to")
  String defaultHost() default "local";

  @AttributeDefinition(description = "Address at which Stoker reaches ports published on the runtime hosts")
  String publishedAddress() default "127.0.0.1";

  @AttributeDefinition(description = "No longer read (set brokerUrl in dev.stoker.queue); a value here is warned about")
  String brokerUrl() default "";

  @AttributeDefinition(description = "Concurrent provisioning workers in this node; 0 = max(16, 4 x processors); each holds one operation until its gateway is ready")
  int workers() default 0;

  @AttributeDefinition(description = "Seconds a gateway may take from container start to ready")
  int readyTimeoutSeconds() default 300;

  @AttributeDefinition(description = "Seconds between reconciliations with the runtime hosts (and ttl checks); at least 5")
  int reconcileSeconds() default 30;

  @AttributeDefinition(description = "What happens at the end of a ttl or idle timeout: stop or destroy")
  String teardownPolicy() default "stop";

  @AttributeDefinition(description = "Milliseconds between health probes of a starting gateway; at least 50")
  int probeIntervalMillis() default 100;

  @AttributeDefinition(description = "Seconds a create request waits for the image check (a pull of a missing image)"
      + " before it answers; a pull still running then goes on in the background")
  int imageCheckSeconds() default 20;

  @AttributeDefinition(description = "Largest artifact (upload or backup taken from a gateway), in MiB")
  int maxArtifactMegabytes() default 2048;

  @AttributeDefinition(description = "Secret reference (scope:path) of the gateway API key backups use when a"
      + " request names none, e.g. workspace:ignition/api-key; empty: requests must name one")
  String backupApiKeySecret() default "";
}
