package dev.stoker.security.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One OpenID Connect provider, factory PID {@code dev.stoker.security.oidc}
 * ({@code etc/dev.stoker.security.oidc-<name>.cfg}). Changes apply without a restart.
 */
@ObjectClassDefinition(name = "Stoker OpenID Connect provider")
@interface OidcProviderConfig {

  @AttributeDefinition(description = "The provider's name in URLs (/api/v1/auth/oidc/<name>/login): lower-case "
      + "letters, digits and '-'")
  String name();

  @AttributeDefinition(description = "Label of the provider's button on the sign-in page; empty: the name")
  String displayName() default "";

  @AttributeDefinition(description = "Issuer URL; its /.well-known/openid-configuration is read at first use")
  String issuer();

  @AttributeDefinition(description = "Client id of Stoker at the provider")
  String clientId();

  @AttributeDefinition(description = "File holding the client secret (first line); empty: a public client "
      + "(PKCE only)")
  String clientSecretFile() default "";

  @AttributeDefinition(description = "Audience that API access tokens must name; empty: the client id")
  String audience() default "";

  @AttributeDefinition(description = "Claim holding the Stoker user name")
  String usernameClaim() default "preferred_username";

  @AttributeDefinition(description = "Claim holding the user's groups (a list of strings)")
  String groupsClaim() default "groups";

  @AttributeDefinition(description = "Group to role mappings, 'group=role', comma-separated; a user gets the "
      + "highest role of their groups")
  String[] roles() default {};

  @AttributeDefinition(description = "Role of a user whose groups map to no role; empty: such a user is refused")
  String defaultRole() default "";

  @AttributeDefinition(description = "Scopes asked for at sign-in")
  String scopes() default "openid profile email";

  @AttributeDefinition(description = "Least time between two fetches of the provider's keys when a token "
      + "names an unknown key (key rotation), in seconds")
  int keyRefreshSeconds() default 30;
}
