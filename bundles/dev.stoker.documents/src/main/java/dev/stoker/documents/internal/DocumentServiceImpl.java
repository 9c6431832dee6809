package dev.stoker.documents.internal;

import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.common.NotFoundException;
import dev.stoker.api.common.Page;
import dev.stoker.api.common.PageRequest;
import dev.stoker.api.docs.Document;
import dev.stoker.api.docs.DocumentRequest;
import dev.stoker.api.docs.DocumentService;
import dev.stoker.api.docs.DocumentStatus;
import dev.stoker.api.docs.DocumentSummary;
import dev.stoker.api.docs.DocumentWriter;
import dev.stoker.api.docs.Export;
import dev.stoker.api.docs.FactSet;
import dev.stoker.api.docs.Finding;
import dev.stoker.api.docs.Provenance;
import dev.stoker.api.docs.Review;
import dev.stoker.api.docs.WritingTask;
import dev.stoker.api.docs.Written;
import dev.stoker.api.pipeline.PipelineService;
import dev.stoker.api.repository.ProjectInfo;
import dev.stoker.api.repository.RepositoryService;
import dev.stoker.api.security.AuditLog;
import dev.stoker.api.security.AuditOutcome;
import dev.stoker.api.security.AuditRecord;
import dev.stoker.api.security.Role;
import dev.stoker.api.security.User;
import dev.stoker.api.security.UserService;
import dev.stoker.api.store.Persistence;
import dev.stoker.api.store.Transactions;
import dev.stoker.api.telemetry.AlertService;
import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The document service: facts, a writer, the grounding check, the review rules and the rows. Writers are
 * dynamic: the template writer is built in, language model writers arrive as {@link DocumentWriter} services.
 */
@Component(service = DocumentService.class)
public class DocumentServiceImpl implements DocumentService {
  private final EntityManagerFactory emf;
  private final DocumentStore store;
  private final Writers writers = new Writers();
  private final Clock clock;
  private final FactCollector collector;
  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
  volatile RepositoryService repository;
  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
  volatile PipelineService pipelines;
  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
  volatile AlertService alerts;
  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
  volatile AuditLog audit;
  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
  volatile UserService users;
  private final Sources sources = new Sources(() -> repository, () -> pipelines, () -> alerts, () -> audit,
      () -> users);

  @Activate
  public DocumentServiceImpl(@Reference Persistence persistence) {
    this(persistence, Clock.systemUTC());
  }

  DocumentServiceImpl(Persistence persistence, Clock clock) {
    this.clock = clock;
    this.emf = persistence.createEntityManagerFactory("stoker-documents", List.of(DocumentEntity.class));
    this.store = new DocumentStore(new Transactions(emf));
    this.collector = new FactCollector(sources, clock);
  }

  @Deactivate
  void close() {
    emf.close();
  }

  @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
  void addWriter(DocumentWriter writer) {
    writers.add(writer);
  }

  void removeWriter(DocumentWriter writer) {
    writers.remove(writer);
  }

  @Override
  public Document generate(String project, DocumentRequest request, String actor) {
    Workflow.need(role(actor), Role.ENGINEER, actor, "generate a document");
    if (request == null || request.kind() == null) {
      throw new InvalidInputException("kind", "required: change-summary, release-notes, compliance-report or "
          + "project-manual");
    }
    DocumentWriter writer = writers.find(request.writer());
    ProjectInfo info = sources.needRepository().get(project)
        .orElseThrow(() -> new NotFoundException("project '" + project + "' not found"));
    Instant now = now();
    Document doc = written(new Document(UUID.randomUUID().toString(), info.name(), request.kind(), request,
        Titles.of(info.name(), request), 1, DocumentStatus.DRAFT, "", null, null, List.of(),
        List.of(new Review(actor, "generate", null, now)), null, null, null, false, actor, now, now), info, writer,
        now);
    audit(actor, "document.generate", doc, request.kind().id() + " by " + writer.id() + ", "
        + doc.findings().size() + " finding(s)");
    store.insert(doc);
    return doc;
  }

  /** The document with text, facts, provenance and findings newly written from the project as it is now. */
  private Document written(Document d, ProjectInfo info, DocumentWriter writer, Instant now) {
    FactSet facts = collector.collect(info, d.request());
    String prompt = Prompts.prompt(d.kind(), d.title(), facts);
    Written w = writer.write(new WritingTask(d.kind(), d.title(), facts, prompt, Prompts.VERSION));
    String version = w.provider().equals(TemplateWriter.ID) ? TemplateWriter.VERSION : Prompts.VERSION;
    Provenance provenance = new Provenance(writer.id(), w.provider(), w.model(), version, Json.sha256(prompt),
        facts.sha256(), facts.revisions(), now, w.inputTokens(), w.outputTokens(), List.of(), null);
    List<Finding> findings = new Grounding(facts).check(w.content(), List.of());
    return new Document(d.id(), d.project(), d.kind(), d.request(), d.title(), d.version(), d.status(),
        w.content(), facts, provenance, findings, d.reviews(), null, d.supersedes(), null, false, d.createdBy(),
        d.created(), now);
  }

  @Override
  public int refresh(String project, String branch, String actor) {
    ProjectInfo info = sources.needRepository().get(project).orElse(null);
    if (info == null || branch == null || !branch.equals(info.defaultBranch())) {
      return 0;
    }
    int touched = 0;
    for (String id : store.current(project)) {
      Document d = store.find(id).orElse(null);
      if (d == null || !Freshness.follows(d.request(), branch)) {
        continue;
      }
      Instant now = now();
      if (Freshness.untouchedDraft(d)) {
        Document again = written(d, info, writers.find(d.provenance().writer()), now);
        List<Review> reviews = new java.util.ArrayList<>(d.reviews());
        reviews.add(new Review(actor, "refresh", branch + " moved", now));
        store.update(id, x -> audited(actor, "document.refresh", new Document(again.id(), again.project(),
            again.kind(), again.request(), again.title(), again.version(), again.status(), again.content(),
            again.facts(), again.provenance(), again.findings(), reviews, null, again.supersedes(), null, false,
            again.createdBy(), again.created(), now), "written again"));
        touched++;
      } else if (!d.stale()) {
        store.update(id, x -> audited(actor, "document.stale", Freshness.stale(x, now), branch + " moved"));
        touched++;
      }
    }
    return touched;
  }

  @Override
  public Optional<Document> get(String id) {
    return id == null ? Optional.empty() : store.find(id);
  }

  @Override
  public Page<DocumentSummary> list(String project, PageRequest page) {
    return store.list(project == null || project.isBlank() ? null : project, page);
  }

  @Override
  public Document edit(String id, String content, String actor) {
    Role role = role(actor);
    return store.update(id, d -> audited(actor, "document.edit", Workflow.edit(d, content, actor, role,
        now()), "v" + d.version()));
  }

  @Override
  public Document review(String id, String action, String comment, String actor) {
    Role role = role(actor);
    return store.update(id, d -> audited(actor, "document.review", Workflow.review(d, action, comment, actor,
        role, now()), String.valueOf(action)));
  }

  @Override
  public Document accept(String id, String findingId, String note, String actor) {
    Role role = role(actor);
    return store.update(id, d -> audited(actor, "document.finding.accept", Workflow.accept(d, findingId, note,
        actor, role, now()), findingId));
  }

  @Override
  public Document sign(String id, String actor) {
    Role role = role(actor);
    return store.update(id, d -> {
      Document signed = Workflow.sign(d, actor, role, now());
      return audited(actor, "document.sign", signed, "sha256 " + signed.signature().sha256());
    });
  }

  @Override
  public Document supersede(String id, String actor) {
    Workflow.need(role(actor), Role.ENGINEER, actor, "start a new version of a document");
    Document old = get(id).orElseThrow(() -> new NotFoundException("document '" + id + "' not found"));
    if (old.status() != DocumentStatus.SIGNED) {
      throw new dev.stoker.api.common.ConflictException("status: only a SIGNED document gets a new version; "
          + "this one is " + old.status() + " and can be edited");
    }
    Instant now = now();
    Document next = new Document(UUID.randomUUID().toString(), old.project(), old.kind(), old.request(),
        old.title(), old.version() + 1, DocumentStatus.DRAFT, old.content(), old.facts(),
        old.provenance().signedBy(null, true),
        new Grounding(old.facts()).check(old.content(), old.findings()),
        List.of(new Review(actor, "new-version", "supersedes " + old.id(), now)), null, old.id(), null, false, actor,
        now, now);
    audit(actor, "document.supersede", next, "supersedes " + old.id());
    store.supersede(old.id(), next);
    return next;
  }

  @Override
  public Export export(String id, String format) {
    return Exports.export(get(id).orElseThrow(() -> new NotFoundException("document '" + id + "' not found")),
        format);
  }

  /** Now, to the millisecond the rows keep. */
  private Instant now() {
    return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
  }

  @Override
  public List<String> writers() {
    return writers.ids();
  }

  /**
   * The actor's role now: the service checks it itself, not only the REST layer. Karaf console users
   * ({@code shell:<user>}) administer the machine and count as admins, as the stage policy treats them.
   */
  private Role role(String actor) {
    if (actor != null && actor.startsWith("shell:")) {
      return Role.ADMIN;
    }
    UserService u = Sources.need(users, "the user directory");
    return u.find(actor).filter(x -> !x.disabled()).map(User::role).orElse(null);
  }

  private Document audited(String actor, String action, Document d, String detail) {
    audit(actor, action, d, detail);
    return d;
  }

  /** Fails closed: a change the audit log cannot record is not made (callers audit before they store). */
  private void audit(String actor, String action, Document d, String detail) {
    sources.needAudit().append(new AuditRecord(actor, action, "document:" + d.id() + " " + d.project(), "",
        AuditOutcome.SUCCESS, d.status() + "; " + detail));
  }
}
