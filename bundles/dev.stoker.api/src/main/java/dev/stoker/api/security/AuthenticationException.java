package dev.stoker.api.security;

/**
 * Credentials were missing, wrong, expired or revoked. The message never says which, so that callers
 * cannot tell an unknown user from a wrong password.
 */
public class AuthenticationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** @param message what to tell the caller */
  public AuthenticationException(String message) {
    super(message);
  }
}
