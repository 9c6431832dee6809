package dev.stoker.shell.internal;

import dev.stoker.api.common.PageRequest;
import dev.stoker.api.environment.Environment;
import dev.stoker.api.environment.EnvironmentService;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** {@code stoker:env-list}: environments and their state. */
@Service
@Command(scope = "stoker", name = "env-list", description = "Lists environments")
public class EnvListCommand extends StokerCommand {

  @Reference
  EnvironmentService environments;

  @Override
  protected Object run() {
    ShellTable table = new ShellTable();
    for (String c : new String[] {"Id", "Name", "Platform", "Version", "Stage", "State", "HTTP", "Reason"}) {
      table.column(c);
    }
    for (Environment e : environments.list(new PageRequest(0, PageRequest.MAX_LIMIT)).items()) {
      table.addRow().addContent(e.id(), e.spec().name(), e.spec().platform(),
          e.spec().version() == null ? e.spec().image() : e.spec().version(), e.spec().stage().name().toLowerCase(),
          e.state(), e.endpoints().getOrDefault("http", null), e.stateReason());
    }
    table.print(System.out);
    return null;
  }
}
