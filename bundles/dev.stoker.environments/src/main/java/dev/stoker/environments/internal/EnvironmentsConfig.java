package dev.stoker.environments.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the environment service, PID {@code dev.stoker.environments}. */
@ObjectClassDefinition(name = "Stoker environments")
@interface EnvironmentsConfig {

  @AttributeDefinition(description = "Runtime host new environments go to")
  String defaultHost() default "local";

  @AttributeDefinition(description = "Address at which Stoker reaches ports published on the runtime hosts")
  String publishedAddress() default "127.0.0.1";

  @AttributeDefinition(description = "Artemis broker carrying the durable work queue")
  String brokerUrl() default "tcp://127.0.0.1:61616";

  @AttributeDefinition(description = "Concurrent provisioning workers in this node")
  int workers() default 2;

  @AttributeDefinition(description = "Seconds a gateway may take from container start to ready")
  int readyTimeoutSeconds() default 300;

  @AttributeDefinition(description = "Seconds between reconciliations with the runtime hosts (and ttl checks)")
  int reconcileSeconds() default 30;

  @AttributeDefinition(description = "What happens at the end of a ttl or idle timeout: stop or destroy")
  String teardownPolicy() default "stop";
}
