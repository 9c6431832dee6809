package dev.stoker.shell.internal;

import dev.stoker.api.platform.PlatformAdapter;
import dev.stoker.api.platform.PlatformDescriptor;
import dev.stoker.api.platform.PlatformVersion;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** {@code stoker:platforms}: the platform adapters installed now. */
@Service
@Command(scope = "stoker", name = "platforms", description = "Lists the platform adapters installed now")
public class PlatformsCommand extends StokerCommand {

  @Reference(optional = true)
  List<PlatformAdapter> adapters;

  @Override
  protected Object run() {
    ShellTable table = new ShellTable();
    table.column("Id");
    table.column("Name");
    table.column("Versions");
    table.column("Capabilities");
    if (adapters != null) {
      adapters.stream().map(PlatformAdapter::descriptor).sorted(Comparator.comparing(PlatformDescriptor::id))
          .forEach(d -> table.addRow().addContent(d.id(), d.displayName(),
              d.versions().stream().map(PlatformVersion::defaultVersion).collect(Collectors.joining(", ")),
              d.capabilities().stream().map(Enum::name).sorted().collect(Collectors.joining(", "))));
    }
    table.print(System.out);
    return null;
  }
}
