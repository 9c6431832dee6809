package dev.stoker.queue.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the work queues, PID {@code dev.stoker.queue} ({@code etc/dev.stoker.queue.cfg}). */
@ObjectClassDefinition(name = "Stoker work queues")
@interface QueueConfig {

  @AttributeDefinition(description = "Artemis broker (core protocol) that holds the durable work queues")
  String brokerUrl() default "tcp://127.0.0.1:61616";
}
