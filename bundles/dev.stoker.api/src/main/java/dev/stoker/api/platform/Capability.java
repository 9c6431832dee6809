package dev.stoker.api.platform;

/** What an adapter can do. The console and pipelines offer only what the adapter declares. */
public enum Capability {
  /** Supplies a {@link RuntimeProfile} to run gateways as containers. */
  RUNTIME,
  /** Talks to a running gateway through a {@link GatewayClient}. */
  GATEWAY_CLIENT,
  /** Reads and writes project exports through an {@link ArtifactCodec}. */
  PROJECT_CODEC,
  /** Diffs and merges resources through a {@link ResourceMerger}. */
  SEMANTIC_MERGE,
  /** Exports and imports tags. */
  TAGS,
  /** Takes and restores gateway backups. */
  BACKUP,
  /** Reports gateway metrics. */
  METRICS
}
