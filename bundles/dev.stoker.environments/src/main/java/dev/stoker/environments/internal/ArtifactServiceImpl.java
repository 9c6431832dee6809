package dev.stoker.environments.internal;

import dev.stoker.api.common.Page;
import dev.stoker.api.common.PageRequest;
import dev.stoker.api.environment.Artifact;
import dev.stoker.api.environment.ArtifactService;
import dev.stoker.api.repository.BlobStore;
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
 * {@link ArtifactInspector}). Present only while a {@link BlobStore} is. Of its configuration it reads only
 * {@code maxArtifactMegabytes}, which a change applies in place ({@link #modified}).
 */
@Component(service = ArtifactService.class, configurationPid = "dev.stoker.environments",
    configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class ArtifactServiceImpl implements ArtifactService {
  private final EntityManagerFactory emf;
  private final Artifacts artifacts;

  @Activate
  public ArtifactServiceImpl(@Reference Persistence persistence, @Reference BlobStore blobs,
      EnvironmentsConfig config) {
    this(persistence, blobs, maxBytes(config), Clock.systemUTC());
  }

  private static long maxBytes(EnvironmentsConfig config) {
    return config.maxArtifactMegabytes() * 1024L * 1024L;
  }

  ArtifactServiceImpl(Persistence persistence, BlobStore blobs, long maxBytes, Clock clock) {
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
  public Artifact upload(InputStream content, String fileName, String actor) throws IOException {
    return artifacts.store(content, fileName, actor);
  }

  @Override
  public Optional<Artifact> get(String sha256) {
    return artifacts.get(sha256);
  }

  @Override
  public Page<Artifact> list(PageRequest page) {
    return artifacts.list(page);
  }
}
