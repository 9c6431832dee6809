package dev.stoker.rest.internal;

import dev.stoker.api.docs.DocumentService;
import dev.stoker.api.docs.ProjectSearch;
import dev.stoker.api.environment.EnvironmentService;
import dev.stoker.api.pipeline.PipelineService;
import dev.stoker.api.repository.RepositoryService;
import dev.stoker.api.security.AuditLog;
import dev.stoker.api.security.Role;
import dev.stoker.api.telemetry.AlertService;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Model Context Protocol endpoint ({@code POST /api/v1/mcp}, Streamable HTTP, JSON answers): an engineer's
 * AI assistant asks about environments, diffs, runs, alerts and documents with the caller's own token and
 * roles; every tool call is audited. Write tools are offered only to the roles in {@code writeTools} of
 * {@code dev.stoker.rest}. GET answers 405 (no server-initiated stream). See {@code docs/mcp.md}.
 */
@Component(service = RestResource.class, configurationPid = "dev.stoker.rest",
    configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Path("mcp")
public class McpResource implements RestResource, McpServices {
  private static final Logger LOG = LoggerFactory.getLogger(McpResource.class);
  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  private volatile EnvironmentService environments;
  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  private volatile RepositoryService repository;
  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  private volatile PipelineService pipelines;
  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  private volatile AlertService alerts;
  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  private volatile DocumentService documents;
  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  private volatile ProjectSearch search;
  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  private volatile AuditLog audit;
  private volatile Set<Role> writeRoles;
  private final McpEndpoint endpoint;

  @Activate
  public McpResource(@Reference ProjectScopes scopes, RestConfig config, BundleContext context) {
    this(scopes, null, null, config.writeTools(), context.getBundle().getVersion().toString());
  }

  /** With other services and audit log than this component's references ({@code null}: its references). */
  McpResource(ProjectScopes scopes, McpServices services, Supplier<AuditLog> auditLog, String writeTools,
      String version) {
    writeRoles = writeRoles(writeTools);
    McpTools tools = new McpTools(services == null ? this : services, scopes,
        auditLog == null ? () -> audit : auditLog);
    endpoint = new McpEndpoint(new McpProtocol(tools, () -> writeRoles, version),
        new McpSessions(System::currentTimeMillis));
  }

  @Modified
  void modified(RestConfig config) {
    writeRoles = writeRoles(config.writeTools());
  }

  /** @return the roles of a {@code writeTools} setting; unknown names are left out (and logged) */
  static Set<Role> writeRoles(String setting) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String name : setting == null ? new String[0] : setting.split("[,\\s]+")) {
      if (name.isBlank()) {
        continue;
      }
      try {
        roles.add(Role.valueOf(name.strip().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        LOG.error("dev.stoker.rest writeTools: unknown role '{}' ignored (admin, lead, engineer, viewer)", name);
      }
    }
    return Set.copyOf(roles);
  }

  /** One JSON-RPC message: a request is answered with JSON, a notification or response with 202. */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Allow(Role.VIEWER)
  public Response post(byte[] body, // raw: a body that is not JSON is a JSON-RPC parse error, not a 400 problem
      @HeaderParam(McpEndpoint.SESSION_HEADER) String session,
      @HeaderParam(McpEndpoint.VERSION_HEADER) String version,
      @Context HttpHeaders headers, @Context SecurityContext security, @Context HttpServletRequest http) {
    McpEndpoint.Post post = new McpEndpoint.Post(headers.getHeaderString(HttpHeaders.ACCEPT), session, version,
        body == null ? "" : new String(body, StandardCharsets.UTF_8), headers.getHeaderString("Origin"),
        headers.getHeaderString(HttpHeaders.HOST));
    return response(endpoint.post(Principals.of(security), post, http == null ? "" : http.getRemoteAddr()));
  }

  /** Ends the caller's session. */
  @DELETE
  @Allow(Role.VIEWER)
  public Response end(@HeaderParam(McpEndpoint.SESSION_HEADER) String session, @Context SecurityContext security) {
    return response(endpoint.delete(Principals.of(security), session));
  }

  private static Response response(McpEndpoint.Answer a) {
    Response.ResponseBuilder r = Response.status(a.status());
    if (a.sessionId() != null) {
      r.header(McpEndpoint.SESSION_HEADER, a.sessionId());
    }
    if (a.body() != null) {
      r.entity(a.body()).type(MediaType.APPLICATION_JSON);
    }
    return r.build();
  }

  @Override
  public EnvironmentService environments() {
    return environments;
  }

  @Override
  public RepositoryService repository() {
    return repository;
  }

  @Override
  public PipelineService pipelines() {
    return pipelines;
  }

  @Override
  public AlertService alerts() {
    return alerts;
  }

  @Override
  public DocumentService documents() {
    return documents;
  }

  @Override
  public ProjectSearch search() {
    return search;
  }
}
