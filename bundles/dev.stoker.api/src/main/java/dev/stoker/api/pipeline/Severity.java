package dev.stoker.api.pipeline;

/** How much a finding matters: an error fails the step, a warning is reported only. */
public enum Severity {
  INFO, WARNING, ERROR
}
