package dev.stoker.api.health;

/** Health of one component. Ordered from best to worst. */
public enum HealthStatus {
  UP, DEGRADED, DOWN;

  /** @return the worse of this and {@code other} */
  public HealthStatus worst(HealthStatus other) {
    return other.ordinal() > ordinal() ? other : this;
  }
}
