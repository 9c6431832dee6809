package dev.stoker.search.internal;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.stoker.api.common.ConflictException;
import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.common.NotFoundException;
import dev.stoker.api.common.UnavailableException;
import dev.langchain4j.data.embedding.Embedding;
import dev.stoker.api.common.Page;
import dev.stoker.api.common.PageRequest;
import dev.stoker.api.docs.DocumentService;
import dev.stoker.api.docs.DocumentSummary;
import dev.stoker.api.docs.ProjectSearch;
import dev.stoker.api.docs.SearchHit;
import dev.stoker.api.docs.SearchResult;
import dev.stoker.api.repository.ProjectInfo;
import dev.stoker.api.repository.RepositoryService;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Searches the head of a project's default branch and the project's documents by meaning. The resource index of
 * a project is built at the first search of a revision and kept until the head moves (one index per project, the
 * newest); the document index is brought up to the documents as they are at each search (only what changed is
 * embedded again). The model is loaded
 * at the first search, with this bundle's class loader as the thread's context loader (the ONNX runtime and the
 * tokenizer find their native libraries through it).
 */
@Component(service = ProjectSearch.class)
public class ProjectSearchImpl implements ProjectSearch {
  static final String MODEL = "all-MiniLM-L6-v2";
  static final int MAX_QUERY = 500;
  private static final int PAGE = 200;
  private static final Logger LOG = LoggerFactory.getLogger(ProjectSearchImpl.class);
  private final RepositoryService repository;
  private final Supplier<EmbeddingModel> modelFactory;
  private final Map<String, ProjectIndex> indexes = new ConcurrentHashMap<>();
  private final Map<String, DocumentIndex> documentIndexes = new ConcurrentHashMap<>();
  private final Map<String, Object> locks = new ConcurrentHashMap<>();
  private volatile EmbeddingModel model;
  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  volatile DocumentService documents;

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
    return withBundleLoader(() -> {
      Embedding embedded = model().embed(q).content();
      List<SearchHit> hits = new ArrayList<>(index.search(embedded, limit));
      int documentCount = 0;
      DocumentService docs = documents;
      if (docs != null) {
        synchronized (lock(info.name())) {
          DocumentIndex d = documentIndexes.computeIfAbsent(info.name(), p -> new DocumentIndex(model()));
          d.sync(currentDocuments(docs, info.name()), docs::get);
          hits.addAll(d.search(embedded, limit));
          documentCount = d.size();
        }
      }
      hits.sort(Comparator.comparingDouble(SearchHit::score).reversed());
      return new SearchResult(info.name(), index.revision(), q, index.size(), MODEL,
          hits.subList(0, Math.min(limit, hits.size())), documentCount);
    });
  }

  /** @return the project's documents now, each at its current version (superseded ones left out) */
  private static List<DocumentSummary> currentDocuments(DocumentService docs, String project) {
    List<DocumentSummary> all = new ArrayList<>();
    for (int offset = 0; ; offset += PAGE) {
      Page<DocumentSummary> page = docs.list(project, new PageRequest(offset, PAGE));
      page.items().stream().filter(s -> !s.superseded()).forEach(all::add);
      if (page.items().isEmpty() || offset + page.items().size() >= page.total()) {
        return all;
      }
    }
  }

  private Object lock(String project) {
    return locks.computeIfAbsent(project, k -> new Object());
  }

  private ProjectIndex index(String project, String head) {
    ProjectIndex current = indexes.get(project);
    if (current != null && current.revision().equals(head)) {
      return current;
    }
    synchronized (lock(project)) {
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
