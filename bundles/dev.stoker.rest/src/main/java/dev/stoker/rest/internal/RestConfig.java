package dev.stoker.rest.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the HTTP API, PID {@code dev.stoker.rest}. */
@ObjectClassDefinition(name = "Stoker REST API")
@interface RestConfig {

  @AttributeDefinition(description = "Largest accepted JSON request body, in bytes")
  long maxBodyBytes() default 1_048_576;

  @AttributeDefinition(description = "Largest accepted upload (multipart, zip or octet-stream body), in bytes")
  long maxUploadBytes() default 268_435_456;
}
