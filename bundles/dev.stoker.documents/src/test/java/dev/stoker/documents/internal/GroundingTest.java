package dev.stoker.documents.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stoker.api.docs.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the grounding check flags, and what it lets through. */
class GroundingTest {
  private final FactsBuilder facts = new FactsBuilder();
  private final Grounding grounding;

  GroundingTest() {
    facts.revision(World.C3);
    facts.add("commit", World.C3, "revision", World.C3, "author", "ann", "message", "Speed limit 1,500 rpm",
        "time", "2026-11-02T10:00:00Z");
    facts.add("change", World.MAIN, "path", World.MAIN, "kind", "modified");
    grounding = new Grounding(facts.build());
  }

  private List<String> flags(String text) {
    return grounding.check(text, List.of()).stream().map(f -> f.kind() + ":" + f.text() + "@" + f.line())
        .toList();
  }

  @Test
  void quotedFactsAreGrounded() {
    assertEquals(List.of(), flags("""
        # Changes
        1. `c3d4e5f` by ann on 2026-11-02T10:00:00Z: speed limit 1,500 rpm [c1]
        2. `com.inductiveautomation.perspective/views` folder, `%s` modified [d1]
        """.formatted(World.MAIN)));
  }

  @Test
  void inventedRevisionsPathsPeopleNumbersTimesAndCitationsAreFlagged() {
    assertEquals(List.of("citation:c9@1", "number:2026-11-05@2", "path:views/Alarms@3", "revision:deadbeef1@3",
        "person:mallory@4", "number:1,600@4"), flags("""
        Speed changed [c9].
        Deployed on 2026-11-05.
        See views/Alarms at deadbeef1.
        Approved by mallory at 1,600 rpm.
        """));
  }

  @Test
  void acceptedFindingsStayAcceptedWhileTheirTextStays() {
    List<Finding> first = grounding.check("reviewed by mallory", List.of());
    Finding accepted = new Finding(first.get(0).id(), "person", "mallory", 1, Finding.ACCEPTED, "lee", "auditor");
    assertEquals(List.of(accepted), grounding.check("reviewed by mallory", List.of(accepted)));
    assertEquals(List.of(), grounding.check("reviewed by ann", List.of(accepted)));
  }
}
