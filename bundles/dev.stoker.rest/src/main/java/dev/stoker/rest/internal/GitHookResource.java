package dev.stoker.rest.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stoker.api.common.NotFoundException;
import dev.stoker.api.pipeline.PipelineFile;
import dev.stoker.api.pipeline.PipelineService;
import dev.stoker.api.pipeline.Run;
import dev.stoker.api.repository.RepositoryService;
import dev.stoker.api.secrets.SecretService;
import dev.stoker.api.secrets.Scopes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.ws.rs.Consumes;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * A push from the Git host that holds a project's mirror ({@code POST /api/v1/hooks/git/{project}}), signed
 * with the project's webhook secret ({@code project:<p>} scope, path {@value #SECRET_PATH}): GitHub and Gitea
 * sign the body ({@code X-Hub-Signature-256: sha256=<hmac>}), GitLab sends the secret itself
 * ({@code X-Gitlab-Token}). When the project's pipeline file enables it ({@code triggers.webhook: true}) and
 * lists the pushed branch, the branch is pulled from the mirror and a run starts.
 *
 * <p>A webhook run acts for no one ({@code webhook:<project>}, which no stage rule knows): steps that need no
 * rights run (validate, checks without a gateway key); deploys and key reads wait for an approval, whose
 * approver's rights the run then uses. Anything unsigned or badly signed is a 401, whether or not the project
 * exists.
 */
@Component(service = RestResource.class)
@Path("hooks/git")
@Produces(MediaType.APPLICATION_JSON)
public class GitHookResource implements RestResource {
  static final String SECRET_PATH = "pipelines/webhook";
  private static final int MAX_BODY = 1 << 20;
  private final ObjectMapper json = ApiServer.objectMapper();
  private final PipelineService pipelines;
  private final RepositoryService repository;
  private final SecretService secrets;

  @Activate
  public GitHookResource(@Reference PipelineService pipelines, @Reference RepositoryService repository,
      @Reference SecretService secrets) {
    this.pipelines = pipelines;
    this.repository = repository;
    this.secrets = secrets;
  }

  /** What the hook did. */
  public record HookAnswer(boolean started, String reason, Run run) {
  }

  @POST
  @Path("{p}")
  @Consumes(MediaType.WILDCARD)
  @Public
  public Response push(@PathParam("p") String project, @HeaderParam("X-Hub-Signature-256") String signature,
      @HeaderParam("X-Gitlab-Token") String gitlabToken, InputStream body) throws IOException {
    byte[] payload = body == null ? new byte[0] : body.readNBytes(MAX_BODY + 1);
    if (payload.length > MAX_BODY) {
      throw new ProblemException(Response.Status.REQUEST_ENTITY_TOO_LARGE, "body: a push event is at most "
          + MAX_BODY + " bytes", "body");
    }
    if (!signedBy(project, payload, signature, gitlabToken)) {
      throw new ProblemException(Response.Status.UNAUTHORIZED, "the push is not signed with the project's "
          + "webhook secret", null);
    }
    String actor = "webhook:" + project;
    JsonNode event = json.readTree(payload);
    String ref = event.path("ref").asText("");
    if (!ref.startsWith("refs/heads/")) {
      return Response.accepted(new HookAnswer(false, "not a branch push: '" + ref + "'", null)).build();
    }
    String branch = ref.substring("refs/heads/".length());
    PipelineFile file = pipelines.pipeline(project, branch);
    if (!file.stored() || file.definition() == null || !file.definition().triggers().webhook()
        || !file.definition().triggers().branches().contains(branch)) {
      return Response.accepted(new HookAnswer(false, "the pipeline file on " + branch
          + " does not enable the webhook for this branch (triggers.webhook and triggers.branches)", null)).build();
    }
    repository.pull(project, branch, actor);
    Run run = pipelines.start(project, branch, "push to " + branch + " (webhook)", actor);
    return Response.accepted(new HookAnswer(true, "pulled " + branch + " from the mirror", run)).build();
  }

  private boolean signedBy(String project, byte[] payload, String signature, String gitlabToken) {
    if (signature == null && gitlabToken == null) {
      return false;
    }
    byte[] key;
    try {
      key = secrets.reveal(Scopes.parse("project:" + project), SECRET_PATH, 0, "webhook:" + project);
    } catch (NotFoundException | IllegalArgumentException e) {
      return false; // no secret (or no such project): the same answer as a bad signature
    }
    try {
      if (signature != null) {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        byte[] expected = ("sha256=" + HexFormat.of().formatHex(mac.doFinal(payload))).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, signature.strip().toLowerCase(java.util.Locale.ROOT)
            .getBytes(StandardCharsets.UTF_8));
      }
      return MessageDigest.isEqual(key, gitlabToken.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }
}
