package dev.stoker.documents.internal;

import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.docs.DocumentWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The writers present now, by id: the built-in template writer always, the others as their services come and
 * go. Two services with one id: the first stays, the second waits behind it (as the platform registry ranks
 * adapters) and takes over when the first leaves.
 */
final class Writers {
  private final DocumentWriter template = new TemplateWriter();
  private final Map<String, List<DocumentWriter>> byId = new ConcurrentHashMap<>();

  void add(DocumentWriter writer) {
    byId.computeIfAbsent(writer.id(), id -> new CopyOnWriteArrayList<>()).add(writer);
  }

  void remove(DocumentWriter writer) {
    byId.computeIfPresent(writer.id(), (id, list) -> {
      list.remove(writer);
      return list.isEmpty() ? null : list;
    });
  }

  DocumentWriter find(String id) {
    if (id == null || id.isBlank() || id.equals(TemplateWriter.ID)) {
      return template;
    }
    List<DocumentWriter> list = byId.get(id);
    if (list == null || list.isEmpty()) {
      throw new InvalidInputException("writer", "no writer '" + id + "' now (present: " + ids() + ")");
    }
    return list.get(0);
  }

  List<String> ids() {
    List<String> ids = new ArrayList<>();
    ids.add(TemplateWriter.ID);
    byId.keySet().stream().filter(id -> !id.equals(TemplateWriter.ID)).sorted().forEach(ids::add);
    return ids;
  }
}
