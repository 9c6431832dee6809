package dev.stoker.telemetry.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of telemetry, PID {@code dev.stoker.telemetry}: the gateway poller, the metrics exposition
 * and the embedded store. {@code store.target} picks the {@link dev.stoker.api.telemetry.MetricsStore}:
 * {@code (store.name=jpa)} (default, the relational database) or {@code (store.name=victoriametrics)}.
 */
@ObjectClassDefinition(name = "Stoker telemetry")
@interface TelemetryConfig {

  @AttributeDefinition(name = "Metrics store", description = "Filter that selects the metrics store: "
      + "(store.name=jpa) keeps samples in Stoker's database, (store.name=victoriametrics) in VictoriaMetrics")
  String store_target() default "(" + dev.stoker.api.telemetry.MetricsStore.STORE_NAME + "=" + JpaMetricsStore.NAME + ")";

  @AttributeDefinition(description = "How often every running gateway is polled, in seconds (at least 1)")
  int pollIntervalSeconds() default 10;

  @AttributeDefinition(description = "Longest a poll of one gateway may take, in seconds; a gateway that takes "
      + "longer counts as down (up=0)")
  int pollTimeoutSeconds() default 5;

  @AttributeDefinition(description = "Gateways polled at the same time (threads; 1 to 256)")
  int pollThreads() default 8;

  @AttributeDefinition(description = "Let anyone read GET /metrics without credentials (otherwise an admin or "
      + "an API token with the 'metrics' scope)")
  boolean anonymousMetrics() default false;

  @AttributeDefinition(description = "Include the JVM's own metrics (memory, threads, GC) in GET /metrics")
  boolean jvmMetrics() default true;

  @AttributeDefinition(description = "Embedded store: how long raw samples are kept, in hours")
  int rawRetentionHours() default 24;

  @AttributeDefinition(description = "Embedded store: how long one-minute rollups are kept, in days")
  int rollupRetentionDays() default 30;

  @AttributeDefinition(description = "Embedded store: how often rollups are computed and old rows removed, in seconds")
  int maintenanceSeconds() default 60;

  @AttributeDefinition(description = "Alerts: how often the rules are evaluated against the last polls, in seconds")
  int alertEvaluationSeconds() default 10;

  @AttributeDefinition(description = "Alerts: how long resolved alerts are kept, in days")
  int alertHistoryDays() default 30;

  @AttributeDefinition(description = "VictoriaMetrics store: base URL of the single-node server")
  String victoriaMetricsUrl() default "http://127.0.0.1:8428";

  @AttributeDefinition(description = "VictoriaMetrics store: timeout of one request, in seconds")
  int victoriaMetricsTimeoutSeconds() default 10;

  @AttributeDefinition(description = "Logs: follow the container logs of running gateways and keep them")
  boolean logsEnabled() default true;

  @AttributeDefinition(description = "Logs: how long collected gateway log lines are kept, in hours")
  int logRetentionHours() default 72;

  @AttributeDefinition(description = "Logs: most collected lines kept in all; the oldest go first")
  int logMaxEntries() default 1000000;
}
