package dev.stoker.shell.internal;

import dev.stoker.api.common.PageRequest;
import dev.stoker.api.docs.Document;
import dev.stoker.api.docs.DocumentKind;
import dev.stoker.api.docs.DocumentRequest;
import dev.stoker.api.docs.DocumentService;
import dev.stoker.api.docs.DocumentSummary;
import dev.stoker.api.docs.Export;
import dev.stoker.api.docs.Fact;
import dev.stoker.api.docs.Finding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;

/**
 * Shell commands for documents (docs/documents.md): generate, list, show, review, accept a finding, sign,
 * export. Console users act as {@code shell:<user>}. Failures are thrown ({@link StokerCommand}).
 */
public final class DocCommands {
  private DocCommands() {
  }

  /** {@code stoker:doc-generate}. */
  @Service
  @Command(scope = "stoker", name = "doc-generate", description = "Writes a document from a project's facts")
  public static class Generate extends StokerCommand {
    @Reference
    DocumentService documents;
    @Reference
    Session session;
    @Argument(index = 0, name = "project", required = true, description = "Project name")
    String project;
    @Option(name = "--kind", required = true, description = "change-summary, release-notes, compliance-report, "
        + "project-manual")
    String kind;
    @Option(name = "--from", description = "Older revision (change summary)")
    String from;
    @Option(name = "--to", description = "Newer revision (default branch when absent)")
    String to;
    @Option(name = "--release", description = "Release name")
    String release;
    @Option(name = "--run", description = "Pipeline run id (compliance report)")
    String run;
    @Option(name = "--period-from", description = "Start of the period, ISO-8601 (compliance report)")
    String periodFrom;
    @Option(name = "--period-to", description = "End of the period, ISO-8601 (default now)")
    String periodTo;
    @Option(name = "--writer", description = "Writer id (default: template)")
    String writer;

    @Override
    protected Object run() {
      Document d = documents.generate(project, new DocumentRequest(DocumentKind.fromId(kind), from, to, release,
          instant("--period-from", periodFrom), instant("--period-to", periodTo), run, writer), actor(session));
      System.out.println("Wrote document " + d.id() + " (" + d.title() + ") with " + d.provenance().writer()
          + ": " + d.openFindings().size() + " open finding(s)");
      return null;
    }

    private Instant instant(String option, String value) {
      try {
        return value == null ? null : Instant.parse(value);
      } catch (java.time.format.DateTimeParseException e) {
        throw new dev.stoker.api.common.InvalidInputException(option, "an ISO-8601 instant, not '" + value + "'");
      }
    }
  }

  /** {@code stoker:doc-list}. */
  @Service
  @Command(scope = "stoker", name = "doc-list", description = "Lists documents, newest first")
  public static class ListDocs extends StokerCommand {
    @Reference
    DocumentService documents;
    @Option(name = "--project", description = "Only this project's documents")
    String project;
    @Option(name = "--limit", description = "Show at most this many (default 20)")
    int limit = 20;

    @Override
    protected Object run() {
      ShellTable table = new ShellTable();
      for (String c : new String[] {"Id", "Project", "Kind", "Version", "Status", "Open findings", "Writer"}) {
        table.column(c);
      }
      var page = documents.list(project, new PageRequest(0, limit));
      for (DocumentSummary d : page.items()) {
        table.addRow().addContent(d.id(), d.project(), d.kind().id(), d.version(), d.status()
            + (d.superseded() ? " (superseded)" : ""), d.openFindings(), d.writer());
      }
      table.print(System.out);
      System.out.println(page.items().size() + " of " + page.total());
      return null;
    }
  }

  /** {@code stoker:doc-show}. */
  @Service
  @Command(scope = "stoker", name = "doc-show", description = "Shows a document, its findings and provenance")
  public static class Show extends StokerCommand {
    @Reference
    DocumentService documents;
    @Argument(index = 0, name = "id", required = true, description = "Document id")
    String id;
    @Option(name = "--facts", description = "Print the facts too")
    boolean facts;

    @Override
    protected Object run() throws Exception {
      Document d = documents.get(id).orElseThrow(() -> failure("document '" + id + "' not found"));
      System.out.println(d.title() + " — v" + d.version() + " " + d.status());
      System.out.println(d.content());
      for (Finding f : d.findings()) {
        System.out.println("finding " + f.id() + " " + f.state() + ": " + f.kind() + " '" + f.text() + "' line "
            + f.line() + (f.note() == null ? "" : " (" + f.acceptedBy() + ": " + f.note() + ")"));
      }
      var p = d.provenance();
      System.out.println("writer " + p.writer() + " (" + p.provider() + ", " + p.model() + "), facts sha256 "
          + p.factsSha256() + (d.signature() == null ? "" : ", signed by " + d.signature().signer() + " sha256 "
              + d.signature().sha256()));
      if (facts) {
        for (Fact f : d.facts().facts()) {
          System.out.println("[" + f.id() + "] " + f.type() + " " + f.subject() + " " + f.attributes());
        }
      }
      return null;
    }
  }

  /** {@code stoker:doc-review}. */
  @Service
  @Command(scope = "stoker", name = "doc-review", description = "submit, comment, approve or request-changes")
  public static class Review extends StokerCommand {
    @Reference
    DocumentService documents;
    @Reference
    Session session;
    @Argument(index = 0, name = "id", required = true, description = "Document id")
    String id;
    @Argument(index = 1, name = "action", required = true, description = "submit, comment, approve, "
        + "request-changes")
    String action;
    @Option(name = "--comment", description = "Comment")
    String comment;

    @Override
    protected Object run() {
      Document d = documents.review(id, action, comment, actor(session));
      System.out.println("Document " + d.id() + " is " + d.status());
      return null;
    }
  }

  /** {@code stoker:doc-accept}. */
  @Service
  @Command(scope = "stoker", name = "doc-accept", description = "Accepts a grounding finding with a note")
  public static class Accept extends StokerCommand {
    @Reference
    DocumentService documents;
    @Reference
    Session session;
    @Argument(index = 0, name = "id", required = true, description = "Document id")
    String id;
    @Argument(index = 1, name = "finding", required = true, description = "Finding id")
    String finding;
    @Option(name = "--note", required = true, description = "Why the finding is acceptable")
    String note;

    @Override
    protected Object run() {
      Document d = documents.accept(id, finding, note, actor(session));
      System.out.println("Accepted; " + d.openFindings().size() + " open finding(s) left");
      return null;
    }
  }

  /** {@code stoker:doc-sign}. */
  @Service
  @Command(scope = "stoker", name = "doc-sign", description = "Signs an approved document without open findings")
  public static class Sign extends StokerCommand {
    @Reference
    DocumentService documents;
    @Reference
    Session session;
    @Argument(index = 0, name = "id", required = true, description = "Document id")
    String id;

    @Override
    protected Object run() {
      Document d = documents.sign(id, actor(session));
      System.out.println("Signed by " + d.signature().signer() + " at " + d.signature().at() + ", sha256 "
          + d.signature().sha256());
      return null;
    }
  }

  /** {@code stoker:doc-export}. */
  @Service
  @Command(scope = "stoker", name = "doc-export", description = "Writes a document as md, html or pdf")
  public static class ExportDoc extends StokerCommand {
    @Reference
    DocumentService documents;
    @Argument(index = 0, name = "id", required = true, description = "Document id")
    String id;
    @Argument(index = 1, name = "file", required = true, description = "File to write")
    String file;
    @Option(name = "--format", description = "md (default), html or pdf")
    String format = "md";

    @Override
    protected Object run() throws Exception {
      Export e = documents.export(id, format);
      Files.write(Path.of(file), e.bytes());
      System.out.println("Wrote " + e.bytes().length + " bytes (" + e.mediaType() + ") to " + file);
      return null;
    }
  }
}
