package dev.stoker.shell.internal;

import dev.stoker.api.security.ApiToken;
import dev.stoker.api.security.AuditLog;
import dev.stoker.api.security.AuditOutcome;
import dev.stoker.api.security.AuditRecord;
import dev.stoker.api.security.IssuedToken;
import dev.stoker.api.security.Role;
import dev.stoker.api.security.ServiceAccount;
import dev.stoker.api.security.ServiceAccountService;
import dev.stoker.api.security.StokerPrincipal;
import dev.stoker.api.security.User;
import dev.stoker.api.security.UserService;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;

/**
 * Shell commands for service accounts (see {@code docs/identity.md}). The console acts as admin; an account
 * is created for an owning lead, whose rules apply (its role is never above the owner's). Each change is
 * audited under the console user, like the REST calls.
 */
public final class ServiceAccountCommands {
  private ServiceAccountCommands() {
  }

  /** The console user, acting as admin (the Karaf console is admin access). */
  static StokerPrincipal admin(Session session) {
    return new StokerPrincipal(StokerCommand.actor(session), Role.ADMIN, Set.of(), null);
  }

  /** {@code stoker:service-account-add}. */
  @Service
  @Command(scope = "stoker", name = "service-account-add", description = "Creates a service account for a lead")
  public static class Add extends StokerCommand {
    @Reference
    ServiceAccountService accounts;
    @Reference
    UserService users;
    @Reference
    AuditLog audit;
    @Reference
    Session session;
    @Option(name = "--owner", required = true, description = "The owning lead or admin")
    String owner;
    @Option(name = "--role", description = "admin, lead, engineer or viewer (default viewer); at most the owner's")
    String role = "viewer";
    @Argument(index = 0, name = "name", required = true, description = "Account name")
    String name;

    @Override
    protected Object run() throws Exception {
      User lead = users.find(owner).orElseThrow(() -> failure("owner: user '" + owner + "' not found"));
      ServiceAccount created = accounts.create(name, Role.fromId(role),
          new StokerPrincipal(lead.username(), lead.role(), Set.of(), null));
      audit.append(new AuditRecord(actor(session), "serviceaccount.create", created.name(), "", AuditOutcome.SUCCESS,
          "owner " + created.owner() + ", role " + created.role().id()));
      System.out.println("Created service account " + created.name() + " (" + created.role().id() + ", owner "
          + created.owner() + ")");
      return null;
    }
  }

  /** {@code stoker:service-account-list}. */
  @Service
  @Command(scope = "stoker", name = "service-account-list", description = "Lists service accounts and tokens")
  public static class ListAccounts extends StokerCommand {
    @Reference
    ServiceAccountService accounts;
    @Reference
    Session session;

    @Override
    protected Object run() throws Exception {
      StokerPrincipal admin = admin(session);
      ShellTable table = new ShellTable();
      Arrays.asList("Name", "Role", "Owner", "Token", "Token name", "Expires", "Revoked").forEach(table::column);
      for (ServiceAccount a : accounts.list(admin)) {
        table.addRow().addContent(a.name(), a.role().id(), a.owner(), "", "", "", "");
        for (ApiToken t : accounts.tokens(a.name(), admin)) {
          table.addRow().addContent("", "", "", t.id(), t.name(), String.valueOf(t.expires()),
              t.revoked() == null ? "" : t.revoked().toString());
        }
      }
      table.print(System.out);
      return null;
    }
  }

  /** {@code stoker:service-account-token}. */
  @Service
  @Command(scope = "stoker", name = "service-account-token", description = "Issues a token of a service account")
  public static class Issue extends StokerCommand {
    @Reference
    ServiceAccountService accounts;
    @Reference
    AuditLog audit;
    @Reference
    Session session;
    @Option(name = "--scopes", description = "Comma-separated: read, write, admin, metrics (default read)")
    String scopes = "read";
    @Option(name = "--days", description = "Lifetime in days (default: the longest allowed, 90 at most)")
    Integer days;
    @Argument(index = 0, name = "account", required = true, description = "Service account")
    String account;
    @Argument(index = 1, name = "name", required = true, description = "Token name")
    String tokenName;

    @Override
    protected Object run() throws Exception {
      IssuedToken issued = accounts.issueToken(account, tokenName, new LinkedHashSet<>(Arrays.asList(scopes.split(
          "\\s*,\\s*"))), days == null ? null : Duration.ofDays(days), admin(session));
      audit.append(new AuditRecord(actor(session), "serviceaccount.token.issue", account, "", AuditOutcome.SUCCESS,
          "token " + issued.token().id() + " expires " + issued.token().expires()));
      System.out.println("Token " + issued.token().id() + " expires " + issued.token().expires()
          + "; shown once:\n" + issued.secret());
      return null;
    }
  }

  /** {@code stoker:service-account-revoke}. */
  @Service
  @Command(scope = "stoker", name = "service-account-revoke", description = "Revokes a token of a service account")
  public static class Revoke extends StokerCommand {
    @Reference
    ServiceAccountService accounts;
    @Reference
    AuditLog audit;
    @Reference
    Session session;
    @Argument(index = 0, name = "account", required = true, description = "Service account")
    String account;
    @Argument(index = 1, name = "token", required = true, description = "Token id")
    String token;

    @Override
    protected Object run() throws Exception {
      if (!accounts.revokeToken(account, token, admin(session))) {
        throw failure("token '" + token + "' is revoked already");
      }
      audit.append(new AuditRecord(actor(session), "serviceaccount.token.revoke", account, "", AuditOutcome.SUCCESS,
          "token " + token));
      System.out.println("Revoked token " + token + " of " + account);
      return null;
    }
  }
}
