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

  @AttributeDefinition(description = "Long streams (operation progress, log follow) one user may hold at once; "
      + "one more answers 429")
  int maxStreamsPerUser() default 8;

  @AttributeDefinition(description = "Longest a stream stays open, in minutes; then it ends and the client "
      + "reconnects")
  int maxStreamMinutes() default 60;

  @AttributeDefinition(description = "Requests per minute one principal (user, service account) may make on "
      + "average; one too many answers 429 with Retry-After. 0: no limit")
  int ratePerMinute() default 1200;

  @AttributeDefinition(description = "Requests one principal may make at once before the per-minute rate applies")
  int rateBurst() default 200;

  @AttributeDefinition(description = "MCP endpoint: the roles offered the write tools (start_run, "
      + "create_environment), comma separated, e.g. lead,admin; empty: read-only tools only")
  String writeTools() default "";
}
