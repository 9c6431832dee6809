package dev.stoker.environments.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** Row of {@code stoker_environment}; the spec is kept whole as JSON (it never holds secret values). */
@Entity
@Table(name = "stoker_environment")
public class EnvironmentEntity {
  @Id
  @Column(name = "id")
  String id;
  @Column(name = "name")
  String name;
  @Column(name = "platform")
  String platform;
  @Column(name = "stage")
  String stage;
  @Column(name = "spec_json")
  String specJson;
  @Column(name = "image")
  String image;
  @Column(name = "previous_image")
  String previousImage;
  @Column(name = "state")
  String state;
  @Column(name = "state_reason")
  String stateReason;
  @Column(name = "runtime_host")
  String runtimeHost;
  @Column(name = "container_id")
  String containerId;
  @Column(name = "volume")
  String volume;
  @Column(name = "ports_json")
  String portsJson;
  @Column(name = "created_by")
  String createdBy;
  @Column(name = "created_at")
  long createdAt;
  @Column(name = "updated_at")
  long updatedAt;
  @Column(name = "expires_at")
  Long expiresAt;
  @Column(name = "previous_version")
  String previousVersion;
  @Column(name = "restore_pending")
  String restorePending;
  @Column(name = "idle_timeout_ms")
  Long idleTimeoutMs;
  @Column(name = "last_activity_at")
  Long lastActivityAt;
  @Version
  @Column(name = "version")
  long version;

  public EnvironmentEntity() {
    // for JPA
  }
}
