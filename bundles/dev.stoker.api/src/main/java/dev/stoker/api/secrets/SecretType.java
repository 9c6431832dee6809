package dev.stoker.api.secrets;

/** Kinds of secret; the type decides how a value is validated and what metadata is parsed from it. */
public enum SecretType {
  PASSWORD, KEY_VALUE, API_TOKEN, LICENSE_KEY, ACTIVATION_TOKEN, CERTIFICATE, SSH_KEY
}
