package dev.stoker.pipelines.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Row of {@code stoker_pipeline_step}: one step of a run, with its log and outputs. */
@Entity
@Table(name = "stoker_pipeline_step")
public class StepEntity {
  @Id
  @Column(name = "id")
  String id;
  @Column(name = "run_id")
  String runId;
  @Column(name = "position")
  int position;
  @Column(name = "stage_index")
  int stageIndex;
  @Column(name = "stage_name")
  String stage;
  @Column(name = "environment")
  String environment;
  @Column(name = "name")
  String name;
  @Column(name = "type")
  String type;
  @Column(name = "status")
  String status;
  @Column(name = "started_at")
  Long startedAt;
  @Column(name = "ended_at")
  Long endedAt;
  @Column(name = "summary")
  String summary;
  @Column(name = "attempts")
  int attempts;
  @Column(name = "log_text")
  String log;
  @Column(name = "outputs_json")
  String outputs;

  public StepEntity() {
    // for JPA
  }
}
