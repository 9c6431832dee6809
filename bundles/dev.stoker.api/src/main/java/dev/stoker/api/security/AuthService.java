package dev.stoker.api.security;

/**
 * Logs users in and turns bearer credentials (session JWTs and API tokens) into principals.
 *
 * <p>Threading: safe for concurrent use. Failed logins are throttled per user name and per source
 * address; a throttled attempt fails like a wrong password.
 */
@org.osgi.annotation.versioning.ProviderType
public interface AuthService {

  /**
   * @param username user name
   * @param password password; the caller may wipe it afterwards
   * @param source client address, for throttling and the audit log
   * @return a short-lived token
   * @throws AuthenticationException for any failure, with the same message for every cause
   */
  TokenGrant login(String username, char[] password, String source);

  /**
   * @param bearer the credential from an {@code Authorization: Bearer} header
   * @return the caller
   * @throws AuthenticationException when it is invalid, expired or revoked
   */
  StokerPrincipal authenticate(String bearer);

  /**
   * Signs the caller out: ends every session of the user (API tokens stay valid until revoked).
   *
   * @param principal the caller
   */
  void logout(StokerPrincipal principal);
}
