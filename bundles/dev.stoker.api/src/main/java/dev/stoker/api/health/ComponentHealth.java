package dev.stoker.api.health;

/**
 * The health of one component at one moment.
 *
 * @param component stable component name, e.g. {@code database}, {@code broker}, {@code runtime:local}
 * @param status its status
 * @param detail why, in words an admin can act on (e.g. "connection refused to db.example:5432")
 */
public record ComponentHealth(String component, HealthStatus status, String detail) {
  /** @return an {@link HealthStatus#UP} report */
  public static ComponentHealth up(String component, String detail) {
    return new ComponentHealth(component, HealthStatus.UP, detail);
  }

  /** @return a {@link HealthStatus#DOWN} report */
  public static ComponentHealth down(String component, String detail) {
    return new ComponentHealth(component, HealthStatus.DOWN, detail);
  }
}
