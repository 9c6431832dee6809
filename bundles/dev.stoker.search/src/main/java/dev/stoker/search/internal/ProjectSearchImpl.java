package dev.stoker.search.internal;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.stoker.api.common.ConflictException;
import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.common.NotFoundException;
import dev.stoker.api.common.UnavailableException;
import dev.stoker.api.docs.ProjectSearch;
import dev.stoker.api.docs.SearchResult;
import dev.stoker.api.repository.ProjectInfo;
import dev.stoker.api.repository.RepositoryService;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Searches the head of a project's default branch by meaning. The index of a project is built at the first
 * search of a revision and kept until the head moves (one index per project, the newest). The model is loaded
 * at the first search, with this bundle's class loader as the thread's context loader (the ONNX runtime and the
 * tokenizer find their native libraries through it).
 */
@Component(service = ProjectSearch.class)
public class ProjectSearchImpl implements ProjectSearch {
  static final String MODEL = "all-MiniLM-L6-v2";
  static final int MAX_QUERY = 500;
  private static final Logger LOG = LoggerFactory.getLogger(ProjectSearchImpl.class);
  private final RepositoryService repository;
  private final Supplier<EmbeddingModel> modelFactory;
  private final Map<String, ProjectIndex> indexes = new ConcurrentHashMap<>();
  private final Map<String, Object> locks = new ConcurrentHashMap<>();
  private volatile EmbeddingModel model;

  @Activate
  public ProjectSearchImpl(@Reference RepositoryService repository) {
    this(repository, AllMiniLmL6V2EmbeddingModel::new);
  }

  ProjectSearchImpl(RepositoryService repository, Supplier<EmbeddingModel> modelFactory) {
    this.repository = repository;
    this.modelFactory = modelFactory;
  }

  @Override
  public SearchResult search(String project, String query, int limit) {
    String q = query == null ? "" : query.strip();
    if (q.isEmpty()) {
      throw new InvalidInputException("q", "required: what to look for, in words");
    }
    if (q.length() > MAX_QUERY) {
      throw new InvalidInputException("q", "at most " + MAX_QUERY + " characters, not " + q.length());
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidInputException("limit", "between 1 and " + MAX_LIMIT + ", not " + limit);
    }
    ProjectInfo info = repository.get(project).orElseThrow(() -> new NotFoundException("project '" + project
        + "' not found"));
    if (info.head() == null) {
      throw new ConflictException("project '" + project + "' has no revision on " + info.defaultBranch()
          + " yet: nothing to search");
    }
    ProjectIndex index = index(info.name(), info.head());
    return withBundleLoader(() -> new SearchResult(info.name(), index.revision(), q, index.size(), MODEL,
        index.search(q, limit)));
  }

  private ProjectIndex index(String project, String head) {
    ProjectIndex current = indexes.get(project);
    if (current != null && current.revision().equals(head)) {
      return current;
    }
    synchronized (locks.computeIfAbsent(project, k -> new Object())) {
      current = indexes.get(project);
      if (current != null && current.revision().equals(head)) {
        return current;
      }
      long started = System.nanoTime();
      ProjectIndex built = withBundleLoader(() -> {
        try {
          return ProjectIndex.build(head, repository.read(project, head), model());
        } catch (IOException e) {
          throw new UnavailableException("could not read revision " + head + " of '" + project + "': "
              + e.getMessage(), e);
        }
      });
      LOG.info("search index of {} at {}: {} resources in {} ms", project, head, built.size(),
          (System.nanoTime() - started) / 1_000_000);
      indexes.put(project, built);
      return built;
    }
  }

  private EmbeddingModel model() {
    EmbeddingModel m = model;
    if (m == null) {
      synchronized (this) {
        m = model;
        if (m == null) {
          try {
            m = modelFactory.get();
          } catch (RuntimeException | LinkageError e) {
            throw new UnavailableException("the embedding model " + MODEL + " could not be loaded: " + e, e);
          }
          model = m;
        }
      }
    }
    return m;
  }

  private static <T> T withBundleLoader(Supplier<T> work) {
    Thread t = Thread.currentThread();
    ClassLoader before = t.getContextClassLoader();
    t.setContextClassLoader(ProjectSearchImpl.class.getClassLoader());
    try {
      return work.get();
    } finally {
      t.setContextClassLoader(before);
    }
  }
}
