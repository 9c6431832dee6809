package dev.stoker.environments.internal;

import dev.stoker.api.common.ForbiddenException;
import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.common.Page;
import dev.stoker.api.common.PageRequest;
import dev.stoker.api.environment.Artifact;
import dev.stoker.api.environment.ArtifactService;
import dev.stoker.api.repository.BlobStore;
import dev.stoker.api.security.Role;
import dev.stoker.api.security.StagePolicy;
import dev.stoker.api.store.Persistence;
import dev.stoker.api.store.Transactions;
import jakarta.persistence.EntityManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;

/**
 * Uploads of modules, JDBC drivers and backups into the blob store, each inspected before it is kept (see
 * {@link ArtifactInspector}), for everyone or for a project (the uploader needs engineer there, by the
 * {@link StagePolicy}'s project roles). Present only while a {@link BlobStore} is. Of its configuration it reads only
 * {@code maxArtifactMegabytes}, which a change applies in place ({@link #modified}).
 */
@Component(service = ArtifactService.class, configurationPid = "dev.stoker.environments",
    configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class ArtifactServiceImpl implements ArtifactService {
  /** The longest project name an upload may name (the column's width). */
  static final int MAX_PROJECT = 128;

  private final EntityManagerFactory emf;
  private final Artifacts artifacts;
  private final StagePolicy policy;

  @Activate
  public ArtifactServiceImpl(@Reference Persistence persistence, @Reference BlobStore blobs,
      @Reference StagePolicy policy, EnvironmentsConfig config) {
    this(persistence, blobs, policy, maxBytes(config), Clock.systemUTC());
  }

  private static long maxBytes(EnvironmentsConfig config) {
    return config.maxArtifactMegabytes() * 1024L * 1024L;
  }

  ArtifactServiceImpl(Persistence persistence, BlobStore blobs, StagePolicy policy, long maxBytes, Clock clock) {
    this.policy = policy;
    this.emf = persistence.createEntityManagerFactory("stoker-artifacts", List.of(ArtifactEntity.class));
    this.artifacts = new Artifacts(new Transactions(emf), () -> blobs,
        new ArtifactInspector(ArtifactInspector.Limits.DEFAULT), clock, maxBytes);
  }

  @Modified
  void modified(EnvironmentsConfig config) {
    artifacts.maxBytes(maxBytes(config));
  }

  @Deactivate
  void stop() {
    emf.close();
  }

  @Override
  public Artifact upload(InputStream content, String fileName, String project, String actor) throws IOException {
    String p = project == null || project.isBlank() ? null : project.strip();
    if (p != null) {
      mayUploadFor(p, actor);
    }
    return artifacts.store(content, fileName, p, actor);
  }

  /** Uploading for a project needs engineer there; a project the actor does not see is answered as unknown. */
  private void mayUploadFor(String project, String actor) {
    if (project.length() > MAX_PROJECT) {
      throw new InvalidInputException("project", "at most " + MAX_PROJECT + " characters");
    }
    Role role = policy.roleOn(actor, project, null)
        .orElseThrow(() -> new InvalidInputException("project", "no project '" + project + "'"));
    if (!role.includes(Role.ENGINEER)) {
      throw new ForbiddenException("project: uploading for project '" + project + "' needs the engineer role "
          + "there (you are " + role.id() + ")");
    }
  }

  @Override
  public Optional<Artifact> get(String sha256) {
    return artifacts.get(sha256);
  }

  @Override
  public List<Artifact> entries(String sha256) {
    return artifacts.entries(sha256);
  }

  @Override
  public Page<Artifact> list(PageRequest page) {
    return artifacts.list(page);
  }
}
