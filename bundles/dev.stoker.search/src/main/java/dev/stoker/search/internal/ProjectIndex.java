package dev.stoker.search.internal;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import dev.stoker.api.docs.SearchHit;
import dev.stoker.api.repository.Resource;
import dev.stoker.api.repository.ResourceTree;
import java.util.ArrayList;
import java.util.List;

/** The embedded resources of one revision: built once, searched many times (thread-safe once built). */
final class ProjectIndex {
  private static final int BATCH = 256;
  private static final int EXCERPT = 200;
  private final String revision;
  private final InMemoryEmbeddingStore<TextSegment> store = new InMemoryEmbeddingStore<>();
  private final int size;

  private ProjectIndex(String revision, int size) {
    this.revision = revision;
    this.size = size;
  }

  /** Embeds the views, scripts and named queries of a revision's tree. */
  static ProjectIndex build(String revision, ResourceTree tree, EmbeddingModel model) {
    List<TextSegment> segments = new ArrayList<>();
    for (Resource r : tree.resources().values()) {
      String category = ResourceText.category(r.type());
      if (category != null) {
        segments.add(TextSegment.from(ResourceText.of(r, category), Metadata.from("path", r.path())
            .put("category", category)));
      }
    }
    ProjectIndex index = new ProjectIndex(revision, segments.size());
    for (int i = 0; i < segments.size(); i += BATCH) {
      List<TextSegment> batch = segments.subList(i, Math.min(segments.size(), i + BATCH));
      List<Embedding> embeddings = model.embedAll(batch).content();
      index.store.addAll(embeddings, batch);
    }
    return index;
  }

  String revision() {
    return revision;
  }

  int size() {
    return size;
  }

  /** @return the resources closest to the query's embedding, best first */
  List<SearchHit> search(Embedding q, int limit) {
    if (size == 0) {
      return List.of();
    }
    List<SearchHit> hits = new ArrayList<>();
    for (EmbeddingMatch<TextSegment> m : store.search(EmbeddingSearchRequest.builder().queryEmbedding(q)
        .maxResults(limit).build()).matches()) {
      TextSegment s = m.embedded();
      String text = s.text();
      hits.add(new SearchHit(s.metadata().getString("path"), s.metadata().getString("category"),
          round(m.score()), text.length() > EXCERPT ? text.substring(0, EXCERPT) + "…"
              : text));
    }
    return hits;
  }

  static double round(double score) {
    return Math.round(score * 10000) / 10000.0;
  }
}
