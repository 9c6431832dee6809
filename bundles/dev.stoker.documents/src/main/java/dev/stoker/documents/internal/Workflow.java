package dev.stoker.documents.internal;

import dev.stoker.api.common.ConflictException;
import dev.stoker.api.common.ForbiddenException;
import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.docs.Document;
import dev.stoker.api.docs.DocumentStatus;
import dev.stoker.api.docs.Finding;
import dev.stoker.api.docs.Provenance;
import dev.stoker.api.docs.Review;
import dev.stoker.api.docs.Signature;
import dev.stoker.api.security.Role;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The review rules, as pure functions from a document to the next: who may do what in which status. The service
 * stores and audits the result.
 */
final class Workflow {
  static final int MAX_CONTENT = 500_000;
  static final int MAX_COMMENT = 4000;

  private Workflow() {
  }

  static Document edit(Document d, String content, String actor, Role role, Instant now) {
    need(role, Role.ENGINEER, actor, "edit a document");
    notSigned(d);
    if (content == null || content.isBlank()) {
      throw new InvalidInputException("content", "required: the document's new text");
    }
    if (content.length() > MAX_CONTENT) {
      throw new InvalidInputException("content", "at most " + MAX_CONTENT + " characters");
    }
    List<Finding> findings = new Grounding(d.facts()).check(content, d.findings());
    DocumentStatus status = d.status() == DocumentStatus.APPROVED ? DocumentStatus.IN_REVIEW : d.status();
    return with(d, status, content, findings, add(d.reviews(), actor, "edit", null, now), d.provenance(), null,
        now);
  }

  static Document review(Document d, String action, String comment, String actor, Role role, Instant now) {
    String a = action == null ? "" : action.toLowerCase(Locale.ROOT).replace('_', '-');
    if (comment != null && comment.length() > MAX_COMMENT) {
      throw new InvalidInputException("comment", "at most " + MAX_COMMENT + " characters");
    }
    notSigned(d);
    DocumentStatus next = switch (a) {
      case "submit" -> {
        need(role, Role.ENGINEER, actor, "submit a document for review");
        status(d, DocumentStatus.DRAFT, a);
        yield DocumentStatus.IN_REVIEW;
      }
      case "comment" -> {
        need(role, Role.ENGINEER, actor, "comment on a document");
        if (comment == null || comment.isBlank()) {
          throw new InvalidInputException("comment", "required for a comment");
        }
        yield d.status();
      }
      case "approve" -> {
        need(role, Role.LEAD, actor, "approve a document");
        status(d, DocumentStatus.IN_REVIEW, a);
        yield DocumentStatus.APPROVED;
      }
      case "request-changes" -> {
        need(role, Role.LEAD, actor, "send a document back");
        if (d.status() == DocumentStatus.DRAFT) {
          throw new ConflictException("status: the document is already a DRAFT");
        }
        yield DocumentStatus.DRAFT;
      }
      default -> throw new InvalidInputException("action", "one of submit, comment, approve, request-changes, "
          + "not '" + action + "'");
    };
    Provenance p = a.equals("approve") || a.equals("request-changes") ? d.provenance().withReviewer(actor)
        : d.provenance();
    return with(d, next, d.content(), d.findings(), add(d.reviews(), actor, a, comment, now), p, null, now);
  }

  static Document accept(Document d, String findingId, String note, String actor, Role role, Instant now) {
    need(role, Role.LEAD, actor, "accept a finding");
    notSigned(d);
    if (note == null || note.isBlank()) {
      throw new InvalidInputException("note", "required: say why the finding is acceptable");
    }
    List<Finding> findings = new ArrayList<>();
    boolean hit = false;
    for (Finding f : d.findings()) {
      if (f.id().equals(findingId)) {
        hit = true;
        findings.add(new Finding(f.id(), f.kind(), f.text(), f.line(), Finding.ACCEPTED, actor, note));
      } else {
        findings.add(f);
      }
    }
    if (!hit) {
      throw new dev.stoker.api.common.NotFoundException("finding '" + findingId + "' not found in document "
          + d.id());
    }
    return with(d, d.status(), d.content(), findings, add(d.reviews(), actor, "accept-finding",
        findingId + ": " + note, now), d.provenance().withReviewer(actor), null, now);
  }

  static Document sign(Document d, String actor, Role role, Instant now) {
    need(role, Role.LEAD, actor, "sign a document");
    notSigned(d);
    status(d, DocumentStatus.APPROVED, "sign");
    if (!d.openFindings().isEmpty()) {
      throw new ConflictException("findings: " + d.openFindings().size() + " open finding(s) block signing; edit "
          + "the text or accept them (first: " + d.openFindings().get(0).kind() + " '"
          + d.openFindings().get(0).text() + "')");
    }
    Signature signature = new Signature(actor, now, digest(d.content(), d.facts().sha256()));
    Provenance signed = d.provenance().signedBy(actor, false);
    return with(d, DocumentStatus.SIGNED, d.content(), d.findings(), add(d.reviews(), actor, "sign", null, now),
        signed, signature, now);
  }

  /** SHA-256 of the content's UTF-8 bytes, a newline and the facts' SHA-256: what a signature covers. */
  static String digest(String content, String factsSha256) {
    return Json.sha256(content + "\n" + factsSha256);
  }

  static void need(Role role, Role required, String actor, String what) {
    if (role == null || !role.includes(required)) {
      throw new ForbiddenException("role: " + actor + " may not " + what + " (needs " + required.id() + ")");
    }
  }

  private static void notSigned(Document d) {
    if (d.status() == DocumentStatus.SIGNED) {
      throw new ConflictException("status: document " + d.id() + " is signed and immutable; start a new version");
    }
  }

  private static void status(Document d, DocumentStatus needed, String action) {
    if (d.status() != needed) {
      throw new ConflictException("status: " + action + " needs a " + needed + " document, this one is "
          + d.status());
    }
  }

  private static List<Review> add(List<Review> reviews, String actor, String action, String comment, Instant now) {
    List<Review> all = new ArrayList<>(reviews);
    all.add(new Review(actor, action, comment, now));
    return all;
  }

  private static Document with(Document d, DocumentStatus status, String content, List<Finding> findings,
      List<Review> reviews, Provenance provenance, Signature signature, Instant now) {
    return new Document(d.id(), d.project(), d.kind(), d.request(), d.title(), d.version(), status, content,
        d.facts(), provenance, findings, reviews, signature, d.supersedes(), d.supersededBy(), d.stale(), d.createdBy(),
        d.created(), now);
  }
}
