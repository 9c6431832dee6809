package dev.stoker.shell.internal;

import dev.stoker.api.common.PageRequest;
import dev.stoker.api.repository.PropertyChange;
import dev.stoker.api.repository.Release;
import dev.stoker.api.repository.ResourceDiff;
import dev.stoker.api.repository.Revision;
import dev.stoker.api.repository.ImportResult;
import dev.stoker.api.repository.ProjectInfo;
import dev.stoker.api.repository.RepositoryService;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;

/** Shell commands for project repositories. Failures are thrown ({@link StokerCommand}). */
public final class ProjectCommands {
  private ProjectCommands() {
  }

  /** {@code stoker:project-list}. */
  @Service
  @Command(scope = "stoker", name = "project-list", description = "Lists projects")
  public static class ListProjects extends StokerCommand {
    @Reference
    RepositoryService repository;

    @Override
    protected Object run() {
      ShellTable table = new ShellTable();
      for (String c : new String[] {"Name", "Platform", "Default branch", "Head", "Description"}) {
        table.column(c);
      }
      for (ProjectInfo p : repository.list(new PageRequest(0, PageRequest.MAX_LIMIT)).items()) {
        table.addRow().addContent(p.name(), p.platform(), p.defaultBranch(),
            p.head() == null ? "" : p.head().substring(0, 12), p.description());
      }
      table.print(System.out);
      return null;
    }
  }

  /** {@code stoker:project-create}. */
  @Service
  @Command(scope = "stoker", name = "project-create", description = "Creates a project repository")
  public static class Create extends StokerCommand {
    @Reference
    RepositoryService repository;
    @Reference
    Session session;
    @Argument(index = 0, name = "name", required = true, description = "Project name ([a-z0-9-])")
    String name;
    @Option(name = "--platform", description = "Platform adapter id (default ignition)")
    String platform = "ignition";
    @Option(name = "--description", description = "What the project is")
    String description;

    @Override
    protected Object run() {
      ProjectInfo p = repository.create(name, platform, description, actor(session));
      System.out.println("Created project " + p.name() + " (" + p.platform() + ", branch " + p.defaultBranch() + ")");
      return null;
    }
  }

  /** {@code stoker:project-import}. */
  @Service
  @Command(scope = "stoker", name = "project-import",
      description = "Imports an Ignition project export zip and/or a tag export JSON as one revision")
  public static class Import extends StokerCommand {
    @Reference
    RepositoryService repository;
    @Reference
    Session session;
    @Argument(index = 0, name = "project", required = true, description = "Project name")
    String project;
    @Argument(index = 1, name = "zip", description = "Project export zip file")
    String zip;
    @Option(name = "--tags", description = "Tag export JSON file")
    String tags;
    @Option(name = "--folder", description = "A gateway's project folder on this host (under importRoots)")
    String folder;
    @Option(name = "--branch", description = "Branch (default: the default branch)")
    String branch;
    @Option(name = "-m", aliases = "--message", description = "Commit message")
    String message;

    @Override
    protected Object run() throws IOException {
      if (folder != null) {
        ImportResult r = repository.importFolder(project, branch, Path.of(folder), actor(session), message);
        System.out.println((r.changed() ? "Committed " : "No change; head is ") + r.revision().id());
        return null;
      }
      try (InputStream z = zip == null ? null : Files.newInputStream(Path.of(zip));
          InputStream t = tags == null ? null : Files.newInputStream(Path.of(tags))) {
        ImportResult r = repository.importExport(project, branch, z, t, null, actor(session), message);
        System.out.println((r.changed() ? "Committed " : "No change; head is ") + r.revision().id());
      }
      return null;
    }
  }

  /** {@code stoker:project-history}. */
  @Service
  @Command(scope = "stoker", name = "project-history", description = "Shows the history of a branch, newest first")
  public static class History extends StokerCommand {
    @Reference
    RepositoryService repository;
    @Argument(index = 0, name = "project", required = true, description = "Project name")
    String project;
    @Option(name = "--branch", description = "Branch or revision")
    String branch;
    @Option(name = "--offset", description = "Skip this many")
    int offset;
    @Option(name = "--limit", description = "Show at most this many (default 20)")
    int limit = 20;

    @Override
    protected Object run() {
      ShellTable table = new ShellTable();
      for (String c : new String[] {"Commit", "Author", "Time", "Message"}) {
        table.column(c);
      }
      var page = repository.log(project, branch, new PageRequest(offset, limit));
      for (Revision r : page.items()) {
        table.addRow().addContent(r.id().substring(0, 12), r.author(), r.time(), r.message().lines().findFirst().orElse(""));
      }
      table.print(System.out);
      System.out.println(page.items().size() + " of " + page.total());
      return null;
    }
  }

  /** {@code stoker:project-diff}. */
  @Service
  @Command(scope = "stoker", name = "project-diff", description = "Shows what changed between two revisions")
  public static class Diff extends StokerCommand {
    @Reference
    RepositoryService repository;
    @Argument(index = 0, name = "project", required = true, description = "Project name")
    String project;
    @Argument(index = 1, name = "from", required = true, description = "Older revision")
    String from;
    @Argument(index = 2, name = "to", required = true, description = "Newer revision")
    String to;

    @Override
    protected Object run() {
      for (ResourceDiff d : repository.diff(project, from, to)) {
        System.out.println(d.kind() + " " + (d.oldPath() == null ? "" : d.oldPath() + " -> ") + d.path());
        for (PropertyChange c : d.properties()) {
          System.out.println("    " + c.pointer() + ": " + c.oldValue() + " -> " + c.newValue());
        }
        if (d.textDiff() != null) {
          d.textDiff().lines().forEach(l -> System.out.println("    " + l));
        }
      }
      return null;
    }
  }

  /** {@code stoker:project-release}. */
  @Service
  @Command(scope = "stoker", name = "project-release", description = "Tags a revision as a release with provenance")
  public static class ReleaseCommand extends StokerCommand {
    @Reference
    RepositoryService repository;
    @Reference
    Session session;
    @Argument(index = 0, name = "project", required = true, description = "Project name")
    String project;
    @Argument(index = 1, name = "name", required = true, description = "Release name, e.g. v1.2.0")
    String name;
    @Option(name = "--rev", description = "Revision (default: head of the default branch)")
    String rev;
    @Option(name = "--env", description = "Environment the release was tested in")
    String environment;
    @Option(name = "-m", aliases = "--message", description = "Release notes")
    String message;

    @Override
    protected Object run() throws IOException {
      Release r = repository.release(project, name, rev, environment, message, actor(session));
      System.out.println("Released " + r.name() + " at " + r.revision() + ", artifact sha256 " + r.artifactSha256());
      return null;
    }
  }

  /** {@code stoker:project-export}. */
  @Service
  @Command(scope = "stoker", name = "project-export", description = "Writes a revision as an Ignition project export zip")
  public static class Export extends StokerCommand {
    @Reference
    RepositoryService repository;
    @Argument(index = 0, name = "project", required = true, description = "Project name")
    String project;
    @Argument(index = 1, name = "file", required = true, description = "Zip file to write")
    String file;
    @Option(name = "--rev", description = "Revision or release (default: head of the default branch)")
    String rev;

    @Override
    protected Object run() throws IOException {
      Path target = Path.of(file);
      Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), ".export-", ".zip");
      try (OutputStream out = Files.newOutputStream(tmp)) {
        repository.export(project, rev, out);
      } catch (RuntimeException e) {
        Files.deleteIfExists(tmp);
        throw e;
      }
      Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      System.out.println("Wrote " + target + " (" + Files.size(target) + " bytes)");
      return null;
    }
  }
}
