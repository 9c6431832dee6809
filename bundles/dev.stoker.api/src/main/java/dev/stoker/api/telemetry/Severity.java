package dev.stoker.api.telemetry;

/** Alert severity. */
public enum Severity {
  INFO, WARNING, CRITICAL
}
