package dev.stoker.repository.internal;

import dev.stoker.api.repository.BlobRef;
import dev.stoker.api.repository.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The default {@link BlobStore}: files under {@code data/blobs} (PID {@code dev.stoker.repository},
 * {@code blobRoot}). Another store registered with a higher service ranking replaces it.
 */
@Component(service = BlobStore.class, configurationPid = "dev.stoker.repository",
    property = {"service.ranking:Integer=0", "type=filesystem"})
public class FileBlobStoreService implements BlobStore {
  private final FileBlobStore store;

  @Activate
  public FileBlobStoreService(RepositoryConfig config, BundleContext context) throws IOException {
    this.store = new FileBlobStore(config.blobRoot().isBlank() ? dataDir(context).resolve("blobs")
        : Path.of(config.blobRoot()));
  }

  static Path dataDir(BundleContext context) {
    String data = context.getProperty("karaf.data");
    return Path.of(data == null ? "data" : data);
  }

  @Override
  public BlobRef put(InputStream content, long maxBytes) throws IOException {
    return store.put(content, maxBytes);
  }

  @Override
  public Optional<InputStream> open(String sha256) throws IOException {
    return store.open(sha256);
  }

  @Override
  public boolean contains(String sha256) throws IOException {
    return store.contains(sha256);
  }
}
