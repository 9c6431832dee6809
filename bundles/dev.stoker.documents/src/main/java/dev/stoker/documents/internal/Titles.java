package dev.stoker.documents.internal;

import dev.stoker.api.docs.DocumentRequest;

/** A document's title, made from its request. */
final class Titles {
  private Titles() {
  }

  static String of(String project, DocumentRequest r) {
    return switch (r.kind()) {
      case CHANGE_SUMMARY -> "Change summary of " + project + ": " + r.from() + " to "
          + (r.to() == null ? "the default branch" : r.to());
      case RELEASE_NOTES -> "Release notes of " + project + " " + r.release();
      case COMPLIANCE_REPORT -> "Compliance report of " + project + (r.run() != null ? ", run " + r.run()
          : r.release() != null ? ", release " + r.release() : ", " + r.periodFrom() + " to "
              + (r.periodTo() == null ? "now" : r.periodTo()));
      case PROJECT_MANUAL -> "Project manual of " + project + " at "
          + (r.to() == null ? "the default branch" : r.to());
    };
  }
}
