package dev.stoker.repository.internal;

import dev.stoker.api.common.ConflictException;
import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.repository.BranchInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;

/** Lists, creates and deletes the branches of a project. */
final class Branches {
  private final Projects projects;
  private final Journal journal;

  Branches(Projects projects, Journal journal) {
    this.projects = projects;
    this.journal = journal;
  }

  List<BranchInfo> list(String project) {
    Repository repo = projects.existing(project);
    try {
      return repo.getRefDatabase().getRefsByPrefix(Constants.R_HEADS).stream()
          .map(r -> new BranchInfo(r.getName().substring(Constants.R_HEADS.length()), r.getObjectId().name()))
          .sorted(Comparator.comparing(BranchInfo::name)).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  BranchInfo create(String project, String name, String from, String actor) {
    Repository repo = projects.existing(project);
    Revisions.checkName("name", name, Revisions.BRANCH_NAME);
    ObjectId start = Revisions.resolve(repo, Revisions.orDefault(repo, from), "from");
    try {
      RefUpdate update = repo.updateRef(Constants.R_HEADS + name);
      update.setNewObjectId(start);
      update.setExpectedOldObjectId(ObjectId.zeroId());
      update.setRefLogMessage("branch: created by " + actor, false);
      RefUpdate.Result result = update.update();
      if (result != RefUpdate.Result.NEW) {
        throw new ConflictException("name: branch '" + name + "' exists");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    journal.audit(actor, "project.branch.create", project + "@" + name, "from " + start.name());
    return new BranchInfo(name, start.name());
  }

  boolean delete(String project, String name, String actor) {
    Repository repo = projects.existing(project);
    if (name.equals(Revisions.defaultBranch(repo))) {
      throw new InvalidInputException("branch: the default branch '" + name + "' cannot be deleted");
    }
    try {
      Ref ref = repo.exactRef(Constants.R_HEADS + name);
      if (ref == null) {
        return false;
      }
      RefUpdate update = repo.updateRef(ref.getName());
      update.setExpectedOldObjectId(ref.getObjectId());
      update.setForceUpdate(true);
      RefUpdate.Result result = update.delete();
      if (result != RefUpdate.Result.FORCED && result != RefUpdate.Result.FAST_FORWARD) {
        throw new ConflictException("branch: '" + name + "' moved meanwhile (" + result + "); try again");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    journal.audit(actor, "project.branch.delete", project + "@" + name, "");
    return true;
  }
}
