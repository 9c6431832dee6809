package dev.stoker.shell.internal;

import dev.stoker.api.secrets.SecretLease;
import dev.stoker.api.secrets.SecretService;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.apache.karaf.shell.support.table.ShellTable;

/** The lease commands: {@code stoker:secret-leases} and {@code stoker:secret-release}, and lease id completion. */
public final class SecretLeaseCommands {
  private SecretLeaseCommands() {
  }

  /** {@code stoker:secret-leases}: leases in force, never values. */
  @Service
  @Command(scope = "stoker", name = "secret-leases",
      description = "Lists the leases in force: id, expiry and the secrets or files they hold (never values)")
  public static class Leases extends SecretCommand {
    @Override
    protected Object run() {
      ShellTable table = new ShellTable();
      table.column("Id");
      table.column("Expires");
      table.column("Files");
      table.emptyTableText("No leases in force");
      secrets.leases().stream()
          .sorted(Comparator.comparing(SecretLease::expires, Comparator.nullsLast(Comparator.naturalOrder())))
          .forEach(l -> table.addRow().addContent(l.id(), l.expires() == null ? "" : l.expires().toString(),
              String.join(", ", new TreeMap<>(l.files()).keySet())));
      table.print(System.out);
      return null;
    }
  }

  /** {@code stoker:secret-release}: ends a lease now. */
  @Service
  @Command(scope = "stoker", name = "secret-release", description = "Ends a lease now and removes its files")
  public static class Release extends SecretCommand {
    @Argument(index = 0, name = "leaseId", required = true, description = "lease id (stoker:secret-leases)")
    @Completion(LeaseIdCompleter.class)
    String leaseId;

    @Override
    protected Object run() throws Exception {
      if (!secrets.release(leaseId, actor())) {
        throw failure("lease '" + leaseId + "' not found");
      }
      System.out.println("Released lease " + leaseId + "; its files are removed");
      return null;
    }
  }

  /** Completes the ids of the leases in force. */
  @Service
  public static class LeaseIdCompleter implements Completer {
    @Reference
    SecretService secrets;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
      List<String> ids;
      try {
        ids = secrets.leases().stream().map(SecretLease::id).toList();
      } catch (RuntimeException e) {
        return -1;
      }
      return new StringsCompleter(ids).complete(session, commandLine, candidates);
    }
  }
}
