package dev.stoker.adapter.ignition.internal.checks;

import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.pipeline.ProjectCheck;
import dev.stoker.api.pipeline.Severity;
import dev.stoker.api.repository.ResourceTree;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Component;

/**
 * Rule {@code system-functions}: scripts calling {@code system.*} functions that the target version does not
 * have (the list of 8.1 when the settings' platform version is 8.1.x, else 8.3). Comments and string
 * literals are not read. Option {@code allow}: names or {@code module.*} patterns to accept besides the list
 * (functions that third-party modules add).
 */
@Component(service = ProjectCheck.class, property = "stoker.platform=ignition")
public final class SystemFunctionCheck extends IgnitionCheck {

  static final String RULE = "system-functions";

  private static final Pattern REFERENCE = Pattern.compile(
      "(?<![\\w.])system(?:\\s*\\.\\s*[A-Za-z_][A-Za-z0-9_]*)+");

  private static final Rule[] RULES = {new Rule(RULE, Severity.WARNING,
      "scripts calling system.* functions the target Ignition version does not have")};

  private final SystemFunctions functions = SystemFunctions.load();

  public SystemFunctionCheck() {
    super(RULES);
  }

  @Override
  void run(CheckRun run) {
    ResourceTree tree = run.tree();
    String line = SystemFunctions.line(run.settings().platformVersion());
    Collection<String> allow = allow(run.settings().option(RULE, "allow", List.of()));
    for (Script script : ProjectScripts.find(tree, run)) {
      String[] lines = PythonText.code(script.body()).split("\n", -1);
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < lines.length; i++) {
        Matcher m = REFERENCE.matcher(lines[i]);
        while (m.find()) {
          String reference = m.group().replaceAll("\\s+", "");
          SystemFunctions.Verdict verdict = functions.judge(line, reference, allow);
          String message = switch (verdict) {
            case KNOWN -> null;
            case UNKNOWN_FUNCTION -> reference + " is not a function of Ignition " + line;
            case UNKNOWN_MODULE -> module(reference) + " is not a module of Ignition " + line
                + " (a third-party module's? add it to option allow)";
          };
          // One finding per name and script: a loop calling it 50 times is one mistake.
          if (message != null && seen.add(reference)) {
            run.report(RULE, script.resource(), script.file(), script.pointer(), i + 1, message);
          }
        }
      }
    }
  }

  private static String module(String reference) {
    String[] parts = reference.split("\\.");
    return parts.length < 2 ? reference : parts[0] + "." + parts[1];
  }

  private static Collection<String> allow(Object option) {
    List<String> names = new ArrayList<>();
    if (option instanceof Collection<?> items) {
      items.forEach(item -> names.add(String.valueOf(item).strip()));
    } else if (option instanceof String text) {
      for (String item : text.split(",")) {
        if (!item.isBlank()) {
          names.add(item.strip());
        }
      }
    } else {
      throw new InvalidInputException("rules." + RULE + ".allow: a list of names, e.g. [system.kafka.*]");
    }
    return Set.copyOf(names);
  }
}
