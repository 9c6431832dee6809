package dev.stoker.pipelines.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Row of {@code stoker_deployment}. */
@Entity
@Table(name = "stoker_deployment")
public class DeploymentEntity {
  @Id
  @Column(name = "id")
  String id;
  @Column(name = "environment_id")
  String environmentId;
  @Column(name = "environment_name")
  String environmentName;
  @Column(name = "stage")
  String stage;
  @Column(name = "project")
  String project;
  @Column(name = "commit_id")
  String commit;
  @Column(name = "release_name")
  String release;
  @Column(name = "artifact_digest")
  String digest;
  @Column(name = "run_id")
  String runId;
  @Column(name = "deployed_by")
  String deployedBy;
  @Column(name = "approved_by")
  String approvedBy;
  @Column(name = "deployed_at")
  long at;
  @Column(name = "status")
  String status;
  @Column(name = "previous_id")
  String previousId;
  @Column(name = "backup_id")
  String backupId;
  @Column(name = "gateway_project")
  String gatewayProject;
  @Column(name = "tag_provider")
  String tagProvider;
  @Column(name = "api_key_secret")
  String apiKeySecret;

  public DeploymentEntity() {
    // for JPA
  }
}
