package dev.stoker.api.docs;

import java.util.List;
import java.util.Optional;

/**
 * The facts a document is written from, in a stable order.
 *
 * @param facts the facts
 * @param revisions the input revisions (commit ids) the facts were computed at
 * @param sha256 the SHA-256 (hex) of the facts' canonical JSON
 */
public record FactSet(List<Fact> facts, List<String> revisions, String sha256) {
  public FactSet {
    facts = List.copyOf(facts);
    revisions = List.copyOf(revisions);
  }

  /** @return the fact with this id */
  public Optional<Fact> fact(String id) {
    return facts.stream().filter(f -> f.id().equals(id)).findFirst();
  }

  /** @return the facts of one type, in order */
  public List<Fact> ofType(String type) {
    return facts.stream().filter(f -> f.type().equals(type)).toList();
  }
}
