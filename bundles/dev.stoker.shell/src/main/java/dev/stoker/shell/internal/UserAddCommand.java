package dev.stoker.shell.internal;

import dev.stoker.api.security.AuditLog;
import dev.stoker.api.security.AuditOutcome;
import dev.stoker.api.security.AuditRecord;
import dev.stoker.api.security.Role;
import dev.stoker.api.security.User;
import dev.stoker.api.security.UserService;
import java.util.Arrays;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

/** {@code stoker:user-add}: creates a Stoker user; audited like the REST call. */
@Service
@Command(scope = "stoker", name = "user-add", description = "Creates a Stoker user")
public class UserAddCommand extends StokerCommand {

  @Reference
  UserService users;

  @Reference
  AuditLog audit;

  @Reference
  Session session;

  @Option(name = "--role", description = "admin, lead, engineer or viewer (default viewer)")
  String role = "viewer";

  @Argument(index = 0, name = "username", required = true, description = "user name")
  String username;

  @Argument(index = 1, name = "password", description = "password; asked for when omitted")
  String password;

  @Override
  protected Object run() throws Exception {
    char[] pw = password != null ? password.toCharArray()
        : session.readLine("Password for " + username + ": ", '*').toCharArray();
    String actor = actor(session);
    try {
      User user = users.create(username, Role.fromId(role), pw, actor);
      audit.append(new AuditRecord(actor, "user.create", user.username(), "", AuditOutcome.SUCCESS, "role " + role));
      System.out.println("Created user " + user.username() + " (" + user.role().id() + ")");
    } catch (IllegalArgumentException | IllegalStateException e) {
      audit.append(new AuditRecord(actor, "user.create", username, "", AuditOutcome.FAILED, e.getMessage()));
      throw e;
    } finally {
      Arrays.fill(pw, '\0');
    }
    return null;
  }
}
