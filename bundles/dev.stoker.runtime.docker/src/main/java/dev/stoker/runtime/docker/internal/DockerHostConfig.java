package dev.stoker.runtime.docker.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One Docker host, configured as a factory configuration of PID {@code dev.stoker.runtime.docker}
 * (e.g. {@code etc/dev.stoker.runtime.docker-local.cfg}, {@code etc/dev.stoker.runtime.docker-site-a.cfg}).
 */
@ObjectClassDefinition(name = "Stoker Docker host",
    description = "A Docker engine Stoker runs environments on; one configuration per host.")
public @interface DockerHostConfig {

  @AttributeDefinition(description = "Stable id of this host (lower-case letters, digits, hyphens), e.g. local, site-a")
  String hostId() default "local";

  @AttributeDefinition(description = "Engine address: unix:///var/run/docker.sock or tcp://host:2376")
  String dockerHost() default "unix:///var/run/docker.sock";

  @AttributeDefinition(description = "Use TLS with client certificates (tcp:// only); certificates come from certPath")
  boolean tlsVerify() default false;

  @AttributeDefinition(description = "Folder holding ca.pem, cert.pem and key.pem (PEM) when tlsVerify is true")
  String certPath() default "";

  @AttributeDefinition(description = "Address Stoker uses to reach ports published on this host")
  String hostAddress() default "127.0.0.1";

  @AttributeDefinition(description = "Host interface published ports bind to; empty = all IPv4 interfaces")
  String publishAddress() default "";

  @AttributeDefinition(description = "Seconds to wait for a connection to the engine")
  int connectTimeoutSeconds() default 5;

  @AttributeDefinition(description = "Seconds to wait for an answer from the engine (not for log streams and pulls)")
  int readTimeoutSeconds() default 60;

  @AttributeDefinition(description = "Seconds an image pull may take before it is given up")
  int pullTimeoutSeconds() default 300;

  @AttributeDefinition(description = "Seconds a container gets between SIGTERM and SIGKILL when stopped")
  int stopGraceSeconds() default 30;

  @AttributeDefinition(description = "Seconds between two background health checks of the engine")
  int healthIntervalSeconds() default 15;
}
