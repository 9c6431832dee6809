package dev.stoker.integrations.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the integration runtime, PID {@code dev.stoker.integrations} ({@code etc/dev.stoker.integrations.cfg}). */
@ObjectClassDefinition(name = "Stoker integrations", description = "Camel runtime that carries Stoker events outside")
@interface IntegrationsConfig {

  @AttributeDefinition(description = "Folder of Camel YAML DSL route files (*.yaml, *.yml) loaded at start; "
      + "empty means ${karaf.etc}/stoker-routes")
  String routesFolder() default "";

  @AttributeDefinition(description = "Reload the route files when a file in the folder changes")
  boolean watchRoutes() default true;

  @AttributeDefinition(description = "Publish every event to the Artemis broker (address brokerAddress)")
  boolean brokerEnabled() default true;

  @AttributeDefinition(description = "Artemis core URL")
  String brokerUrl() default "tcp://127.0.0.1:61616";

  @AttributeDefinition(description = "Broker user (empty when the broker has security off)")
  String brokerUser() default "";

  @AttributeDefinition(description = "Name of an environment variable holding the broker password")
  String brokerPasswordEnv() default "STOKER_BROKER_PASSWORD";

  @AttributeDefinition(description = "Multicast address (JMS topic) the events are published to")
  String brokerAddress() default "stoker.events";

  @AttributeDefinition(description = "Milliseconds between attempts to reach the broker until it answers")
  long brokerPollMillis() default 5000;

  @AttributeDefinition(description = "Events waiting to enter Camel beyond which new ones are dropped")
  int eventQueueSize() default 10000;

  @AttributeDefinition(description = "Connect and response timeout of webhook calls, in milliseconds")
  long httpTimeoutMillis() default 10000;
}
