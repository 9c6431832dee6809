package dev.stoker.security.internal;

import dev.stoker.api.environment.Stage;
import dev.stoker.api.security.ProjectMember;
import dev.stoker.api.security.Role;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/** Row of {@code stoker_project_member}; {@code stage} is empty for a binding on the whole project. */
@Entity
@Table(name = "stoker_project_member")
@IdClass(MemberEntity.Key.class)
public class MemberEntity {
  @Id
  @Column(name = "project")
  String project;
  @Id
  @Column(name = "kind")
  String kind;
  @Id
  @Column(name = "name")
  String name;
  @Id
  @Column(name = "stage")
  String stage;
  @Column(name = "role")
  String role;
  @Column(name = "created_by")
  String createdBy;
  @Column(name = "created_at")
  long createdAt;

  public MemberEntity() {
    // for JPA
  }

  MemberEntity(String project, ProjectMember.Kind kind, String name, Stage stage) {
    this.project = project;
    this.kind = kind.name();
    this.name = name;
    this.stage = stageColumn(stage);
  }

  static String stageColumn(Stage stage) {
    return stage == null ? "" : stage.name().toLowerCase(Locale.ROOT);
  }

  ProjectMember toMember() {
    return new ProjectMember(project, ProjectMember.Kind.valueOf(kind), name, Role.fromId(role),
        stage.isEmpty() ? null : Stage.valueOf(stage.toUpperCase(Locale.ROOT)), createdBy,
        Instant.ofEpochMilli(createdAt));
  }

  /** The composite key. */
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;
    public String project;
    public String kind;
    public String name;
    public String stage;

    public Key() {
      // for JPA
    }

    Key(String project, ProjectMember.Kind kind, String name, Stage stage) {
      this.project = project;
      this.kind = kind.name();
      this.name = name;
      this.stage = stageColumn(stage);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && project.equals(k.project) && kind.equals(k.kind) && name.equals(k.name)
          && stage.equals(k.stage);
    }

    @Override
    public int hashCode() {
      return Objects.hash(project, kind, name, stage);
    }
  }
}
