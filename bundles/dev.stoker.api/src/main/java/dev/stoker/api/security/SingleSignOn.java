package dev.stoker.api.security;

import java.net.URI;
import java.util.List;

/**
 * Sign-in through OpenID Connect providers configured by the admin (authorization code flow with PKCE).
 * A user first seen through a provider is created with the role its groups map to; the role follows the
 * groups at every later sign-in and token use.
 *
 * <p>Threading: safe for concurrent use. A started sign-in is remembered by this node for a few minutes.
 */
@org.osgi.annotation.versioning.ProviderType
public interface SingleSignOn {

  /**
   * A configured provider, as the sign-in page shows it.
   *
   * @param name the provider's id in URLs
   * @param displayName the label of its button
   */
  record Provider(String name, String displayName) {
  }

  /** @return the configured providers, by name */
  List<Provider> providers();

  /**
   * Starts a sign-in.
   *
   * @param provider provider name
   * @param redirectUri where the provider sends the browser back (Stoker's callback)
   * @return the provider's authorization URL to send the browser to
   * @throws dev.stoker.api.common.NotFoundException for an unknown provider
   * @throws dev.stoker.api.common.UnavailableException when the provider cannot be reached
   */
  URI start(String provider, URI redirectUri);

  /**
   * Completes a sign-in: redeems the code at the provider, checks its ID token and issues a Stoker session.
   *
   * @param provider provider name
   * @param state the {@code state} the provider sent back
   * @param code the authorization code
   * @param source client address, for the audit log
   * @return the session
   * @throws AuthenticationException when the state is unknown or used, the code or ID token is refused, or
   *     the user's groups map to no role
   */
  TokenGrant complete(String provider, String state, String code, String source);
}
