package dev.stoker.repository.internal;

import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.common.NotFoundException;
import dev.stoker.api.repository.Revision;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Names in a project: which project, branch and release names are valid, and how a revision name given by
 * a user (a branch, a release, a commit id or an expression such as {@code main~1}) becomes a commit.
 */
final class Revisions {
  static final Pattern PROJECT_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");
  static final Pattern BRANCH_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}(/[A-Za-z0-9][A-Za-z0-9._-]{0,62}){0,3}");
  static final Pattern RELEASE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
  static final String DEFAULT_BRANCH = "main";
  /** The section of a repository's Git configuration that holds Stoker's settings of the project. */
  static final String SECTION = "stoker";

  private Revisions() {
  }

  static String defaultBranch(Repository repo) {
    String b = repo.getConfig().getString(SECTION, null, "defaultBranch");
    return b == null ? DEFAULT_BRANCH : b;
  }

  /** @return the revision named, or the default branch when none is */
  static String orDefault(Repository repo, String rev) {
    return rev == null || rev.isBlank() ? defaultBranch(repo) : rev;
  }

  static Optional<ObjectId> headOf(Repository repo, String branch) {
    try {
      Ref ref = repo.exactRef(Constants.R_HEADS + branch);
      return ref == null ? Optional.empty() : Optional.of(ref.getObjectId());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @return the commit a revision name stands for, or empty when it names none */
  static Optional<ObjectId> tryResolve(Repository repo, String rev) {
    try {
      Ref branch = repo.exactRef(Constants.R_HEADS + rev);
      if (branch != null) {
        return Optional.of(branch.getObjectId());
      }
      ObjectId id = repo.resolve(rev.matches("[0-9a-fA-F]{4,40}") ? rev : Constants.R_TAGS + rev + "^{commit}");
      if (id == null && !rev.matches("[0-9a-fA-F]{4,40}")) {
        id = repo.resolve(rev + "^{commit}");
      }
      if (id == null) {
        return Optional.empty();
      }
      try (RevWalk walk = new RevWalk(repo)) {
        return Optional.of(walk.parseCommit(id).getId());
      }
    } catch (RevisionSyntaxException | IncorrectObjectTypeException | MissingObjectException
        | AmbiguousObjectException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * @param field the request field that named the revision, for the message
   * @return the commit a revision name stands for
   */
  static ObjectId resolve(Repository repo, String rev, String field) {
    if (rev == null || rev.isBlank()) {
      throw new InvalidInputException(field + ": required (a branch, tag or commit)");
    }
    if (rev.length() > 200 || rev.contains("..") || rev.startsWith("-")) {
      throw new InvalidInputException(field + ": not a revision name");
    }
    return tryResolve(repo, rev).orElseThrow(() -> new NotFoundException(field + ": revision '" + rev
        + "' not found"));
  }

  static ObjectId parseId(String field, String id) {
    if (!ObjectId.isId(id.toLowerCase())) {
      throw new InvalidInputException(field + ": not a full commit id (40 hex digits)");
    }
    return ObjectId.fromString(id.toLowerCase());
  }

  static void checkName(String field, String value, Pattern pattern) {
    if (value == null || value.isBlank()) {
      throw new InvalidInputException(field + ": required");
    }
    if (!pattern.matcher(value).matches() || value.endsWith(".lock") || value.contains("..")) {
      throw new InvalidInputException(field + ": '" + value + "' must match " + pattern.pattern());
    }
  }

  static void checkMessage(String message) {
    if (message != null && message.length() > 10_000) {
      throw new InvalidInputException("message: at most 10000 characters");
    }
  }

  static Revision revision(RevCommit c) {
    PersonIdent a = c.getAuthorIdent();
    return new Revision(c.name(), a.getName(), c.getFullMessage().strip(), a.getWhenAsInstant());
  }
}
