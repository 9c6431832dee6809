package dev.stoker.api.platform;

/** What a health probe learned about a gateway. */
public enum Readiness {
  /** Not answering yet, or booting. */
  STARTING,
  /** Up, but waiting for commissioning (EULA, credentials, licences): not usable. */
  COMMISSIONING,
  /** Up and usable. */
  READY,
  /** Answering that it has failed. */
  FAULTED
}
