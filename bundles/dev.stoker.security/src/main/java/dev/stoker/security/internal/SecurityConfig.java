package dev.stoker.security.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of authentication, PID {@code dev.stoker.security} ({@code etc/dev.stoker.security.cfg}).
 * Changes apply without a restart, except {@code signingKeyFile}.
 */
@ObjectClassDefinition(name = "Stoker security")
@interface SecurityConfig {

  @AttributeDefinition(description = "Lifetime of session tokens issued at login, in minutes")
  int sessionMinutes() default 15;

  @AttributeDefinition(description = "Environment variable holding the first admin's password")
  String adminPasswordEnv() default "STOKER_ADMIN_PASSWORD";

  @AttributeDefinition(description = "File holding the first admin's password; when neither is set a random "
      + "password is written to data/initial-admin-password (first start only)")
  String adminPasswordFile() default "";

  @AttributeDefinition(description = "Longest lifetime of an API token in days; a token asked for without "
      + "an expiry gets this one. 0: no maximum")
  int maxTokenDays() default 0;

  @AttributeDefinition(description = "File of the session signing key; empty: etc/keys/jwt-signing.key "
      + "(outside data/, so that a backup of data/ alone never holds it); read when the bundle starts")
  String signingKeyFile() default "";

  @AttributeDefinition(description = "Minimum password length")
  int minPasswordLength() default 12;

  @AttributeDefinition(description = "Failed logins per user name or address before delays start")
  int loginFreeAttempts() default 5;

  @AttributeDefinition(description = "Longest delay imposed after failed logins, in seconds")
  int loginMaxDelaySeconds() default 300;

  @AttributeDefinition(description = "Whether local accounts (user name and password) may sign in; when false "
      + "only the break-glass users may, and everyone else signs in through an OpenID Connect provider")
  boolean localAccounts() default true;

  @AttributeDefinition(description = "Local accounts that may sign in even when localAccounts is false")
  String[] breakGlassUsers() default {"admin"};
}
