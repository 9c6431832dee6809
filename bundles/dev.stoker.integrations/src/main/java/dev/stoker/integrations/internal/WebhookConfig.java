package dev.stoker.integrations.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One webhook, factory PID {@code dev.stoker.integrations.webhook}
 * ({@code etc/dev.stoker.integrations.webhook-NAME.cfg}).
 */
@ObjectClassDefinition(name = "Stoker webhook", description = "POSTs Stoker events as JSON to a URL")
@interface WebhookConfig {

  @AttributeDefinition(description = "Name used in logs and the route id (default: the configuration's PID)")
  String name() default "";

  @AttributeDefinition(description = "Absolute http(s) URL that receives the events")
  String url();

  @AttributeDefinition(description = "Topic globs to deliver, e.g. dev/stoker/audit; * matches anything")
  String[] topics() default {"dev/stoker/*"};

  @AttributeDefinition(description = "Name of an environment variable whose value signs each body "
      + "(header X-Stoker-Signature: sha256=<hex HMAC-SHA256>); empty sends unsigned")
  String secretEnv() default "";

  @AttributeDefinition(description = "Body shape: stoker (the event JSON, signed), slack (a Slack "
      + "incoming-webhook message) or teams (a Microsoft Teams MessageCard)")
  String format() default "stoker";

  @AttributeDefinition(description = "Redeliveries after a failed attempt (connection error, 5xx, 408, 429)")
  int maxRetries() default 5;

  @AttributeDefinition(description = "Milliseconds before the first redelivery; doubles each time")
  long retryDelayMillis() default 1000;

  @AttributeDefinition(description = "Upper bound of the redelivery delay in milliseconds")
  long maxRetryDelayMillis() default 60000;

  @AttributeDefinition(description = "Events waiting for this webhook beyond which new ones are dropped")
  int queueSize() default 1000;
}
