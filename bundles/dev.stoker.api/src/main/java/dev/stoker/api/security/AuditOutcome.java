package dev.stoker.api.security;

/** How an audited action ended. */
public enum AuditOutcome {
  SUCCESS, DENIED, FAILED
}
