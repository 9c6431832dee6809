package dev.stoker.rest.internal;

import dev.stoker.api.backup.BackupInfo;
import dev.stoker.api.backup.BackupRequest;
import dev.stoker.api.backup.BackupService;
import dev.stoker.api.common.Nullable;
import dev.stoker.api.security.Role;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.StreamingOutput;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Stoker's own backups, for admins only: write one now, list them, download or delete one. Restoring is an
 * offline step ({@code bin/stoker-restore}, docs/admin.md).
 */
@Component(service = RestResource.class)
@Path("admin/backups")
@Produces(MediaType.APPLICATION_JSON)
public class BackupResource implements RestResource {
  private final BackupService backups;

  @Activate
  public BackupResource(@Reference BackupService backups) {
    this.backups = backups;
  }

  /** Backup list. */
  public record Backups(List<BackupInfo> items) {
  }

  /** What to include: the keys only when asked, then sealed with the passphrase (12 characters at least). */
  public record NewBackup(@Nullable Boolean includeKeys, @Nullable String passphrase) {
    @Override
    public String toString() {
      return "NewBackup[includeKeys=" + includeKeys + "]";
    }
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Allow(value = Role.ADMIN, scope = "admin")
  public Response create(NewBackup body, @Context SecurityContext security) {
    boolean keys = body != null && Boolean.TRUE.equals(body.includeKeys());
    BackupInfo info = backups.create(new BackupRequest(keys, body == null ? null : body.passphrase()),
        Principals.of(security).username());
    return Response.status(Response.Status.CREATED).entity(info).build();
  }

  @GET
  @Allow(value = Role.ADMIN, scope = "admin")
  public Backups list() {
    return new Backups(backups.list());
  }

  @GET
  @Path("{name}")
  @Produces("application/zip")
  @Allow(value = Role.ADMIN, scope = "admin")
  public Response download(@PathParam("name") String name) throws IOException {
    InputStream in = backups.open(name);
    StreamingOutput body = out -> {
      try (in) {
        in.transferTo(out);
      }
    };
    return Response.ok(body, "application/zip").header("Content-Disposition", "attachment; filename=\"" + name
        + "\"").build();
  }

  @DELETE
  @Path("{name}")
  @Allow(value = Role.ADMIN, scope = "admin")
  public Response delete(@PathParam("name") String name) throws IOException {
    backups.delete(name);
    return Response.noContent().build();
  }
}
