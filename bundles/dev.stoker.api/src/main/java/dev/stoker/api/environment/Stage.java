package dev.stoker.api.environment;

/** Delivery stages, in promotion order. */
public enum Stage {
  DEV, TEST, STAGING, QA, PROD
}
