package dev.stoker.search.internal;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import dev.stoker.api.docs.Document;
import dev.stoker.api.docs.DocumentSummary;
import dev.stoker.api.docs.SearchHit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The current documents of one project, embedded passage by passage (the title with each passage of the text), so
 * a hit names the document and quotes its passage closest to the query. {@link #sync} brings it up to the
 * documents as they are now: a document whose text, status or version changed is embedded again, one that a new
 * version superseded or that is gone is dropped. Callers sync and search under the project's lock.
 */
final class DocumentIndex {
  static final int MAX_PASSAGES = 40;
  static final int PASSAGE = 700;
  private static final int EXCERPT = 200;
  private final EmbeddingModel model;
  private final InMemoryEmbeddingStore<TextSegment> store = new InMemoryEmbeddingStore<>();
  /** document id → what it was indexed as, and the ids of its passages in the store */
  private final Map<String, Indexed> indexed = new HashMap<>();

  private record Indexed(DocumentSummary summary, List<String> passages) {
  }

  DocumentIndex(EmbeddingModel model) {
    this.model = model;
  }

  /**
   * @param current the project's documents now, superseded ones left out
   * @param read the whole document of a summary (empty when it vanished meanwhile)
   */
  void sync(List<DocumentSummary> current, Function<String, Optional<Document>> read) {
    Set<String> ids = current.stream().map(DocumentSummary::id).collect(Collectors.toSet());
    for (String gone : List.copyOf(indexed.keySet())) {
      if (!ids.contains(gone)) {
        store.removeAll(indexed.remove(gone).passages());
      }
    }
    for (DocumentSummary s : current) {
      Indexed before = indexed.get(s.id());
      if (before != null && before.summary().equals(s)) {
        continue;
      }
      if (before != null) {
        store.removeAll(before.passages());
        indexed.remove(s.id());
      }
      read.apply(s.id()).ifPresent(d -> add(s, d));
    }
  }

  private void add(DocumentSummary summary, Document d) {
    List<TextSegment> segments = new ArrayList<>();
    for (String passage : passages(d.content())) {
      segments.add(TextSegment.from(d.title() + ". " + passage, Metadata.from("documentId", d.id())
          .put("passage", passage)));
    }
    if (segments.isEmpty()) {
      segments.add(TextSegment.from(d.title(), Metadata.from("documentId", d.id()).put("passage", d.title())));
    }
    List<Embedding> embeddings = model.embedAll(segments).content();
    indexed.put(d.id(), new Indexed(summary, store.addAll(embeddings, segments)));
  }

  /** Paragraphs of the Markdown joined up to {@link #PASSAGE} characters; code blocks (Mermaid) left out. */
  static List<String> passages(String markdown) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean code = false;
    for (String line : markdown.split("\n")) {
      if (line.strip().startsWith("```")) {
        code = !code;
        continue;
      }
      String text = line.strip().replaceFirst("^#+\\s*", "").replaceFirst("^[-*]\\s+", "");
      if (code || text.isEmpty() || text.equals("---")) {
        continue;
      }
      if (!current.isEmpty() && current.length() + text.length() > PASSAGE) {
        out.add(current.toString());
        current.setLength(0);
      }
      current.append(current.isEmpty() ? "" : " ").append(text.length() > PASSAGE ? text.substring(0, PASSAGE)
          : text);
      if (out.size() == MAX_PASSAGES) {
        return out;
      }
    }
    if (!current.isEmpty() && out.size() < MAX_PASSAGES) {
      out.add(current.toString());
    }
    return out;
  }

  int size() {
    return indexed.size();
  }

  /** @return the documents closest to the query, one hit each (its best passage), best first */
  List<SearchHit> search(Embedding query, int limit) {
    if (indexed.isEmpty()) {
      return List.of();
    }
    Map<String, SearchHit> best = new LinkedHashMap<>();
    for (EmbeddingMatch<TextSegment> m : store.search(EmbeddingSearchRequest.builder().queryEmbedding(query)
        .maxResults(limit * MAX_PASSAGES).build()).matches()) {
      String id = m.embedded().metadata().getString("documentId");
      Indexed doc = indexed.get(id);
      if (doc == null || best.containsKey(id) || best.size() == limit) {
        continue;
      }
      DocumentSummary s = doc.summary();
      String passage = m.embedded().metadata().getString("passage");
      best.put(id, SearchHit.document(id, s.kind(), s.title(), s.status(), ProjectIndex.round(m.score()),
          passage.length() > EXCERPT ? passage.substring(0, EXCERPT) + "…" : passage));
    }
    return List.copyOf(best.values());
  }
}
