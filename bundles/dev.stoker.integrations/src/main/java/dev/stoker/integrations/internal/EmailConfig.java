package dev.stoker.integrations.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One e-mail notification, factory PID {@code dev.stoker.integrations.email}
 * ({@code etc/dev.stoker.integrations.email-NAME.cfg}).
 */
@ObjectClassDefinition(name = "Stoker e-mail notification", description = "Sends Stoker events as e-mails over SMTP")
@interface EmailConfig {

  @AttributeDefinition(description = "Name used in logs and the route id (default: the configuration's PID)")
  String name() default "";

  @AttributeDefinition(description = "SMTP server host")
  String host();

  @AttributeDefinition(description = "SMTP server port")
  int port() default 587;

  @AttributeDefinition(description = "none, starttls (required STARTTLS) or ssl (SMTPS)")
  String security() default "starttls";

  @AttributeDefinition(description = "SMTP user name; empty for none")
  String username() default "";

  @AttributeDefinition(description = "Name of an environment variable that holds the SMTP password")
  String passwordEnv() default "";

  @AttributeDefinition(description = "Sender address")
  String from();

  @AttributeDefinition(description = "Recipient addresses")
  String[] to();

  @AttributeDefinition(description = "Topic globs to send, e.g. dev/stoker/alert; * matches anything")
  String[] topics() default {"dev/stoker/alert"};

  @AttributeDefinition(description = "Events waiting for this notification beyond which new ones are dropped")
  int queueSize() default 1000;
}
