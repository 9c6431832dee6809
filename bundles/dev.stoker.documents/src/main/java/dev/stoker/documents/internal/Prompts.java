package dev.stoker.documents.internal;

import dev.stoker.api.docs.DocumentKind;
import dev.stoker.api.docs.FactSet;
import java.util.Map;

/** The prompt a language model gets: what to write, the rules of grounding, then the facts as JSON. */
final class Prompts {
  static final String VERSION = "prompt-1";
  private static final Map<DocumentKind, String> ASK = Map.of(
      DocumentKind.CHANGE_SUMMARY, "a change summary for the engineers and operators of the plant: what changed "
          + "between the two revisions and why, grouped by area",
      DocumentKind.RELEASE_NOTES, "release notes: what the release changes since the previous one, and where it "
          + "was deployed",
      DocumentKind.COMPLIANCE_REPORT, "an audit-ready compliance report: who changed what, who approved, which "
          + "tests and checks ran with their results, deployments, secrets rotated (names only), alerts, and the "
          + "audit chain verification result",
      DocumentKind.PROJECT_MANUAL, "a project manual: the inventory of views, scripts, named queries, tags and "
          + "UDTs, and how they depend on each other");

  private Prompts() {
  }

  static String prompt(DocumentKind kind, String title, FactSet facts) {
    return "You write " + ASK.get(kind) + ", in Markdown, titled \"" + title + "\".\n"
        + "Rules:\n"
        + "- Use only the facts below. Do not state any resource path, revision, person, number or time that is "
        + "not in them; every such statement is checked and anything else blocks the document.\n"
        + "- Cite the fact each sentence rests on by its id in square brackets, e.g. [c1].\n"
        + "- Write revisions, paths and names exactly as in the facts.\n"
        + "- If the facts do not say something, say that it is not recorded; do not guess.\n\n"
        + "Facts (JSON):\n" + Json.pretty(facts.facts()) + "\n";
  }
}
