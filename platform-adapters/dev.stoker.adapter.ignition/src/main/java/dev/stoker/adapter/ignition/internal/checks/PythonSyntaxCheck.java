package dev.stoker.adapter.ignition.internal.checks;

import dev.stoker.api.pipeline.ProjectCheck;
import dev.stoker.api.pipeline.Severity;
import dev.stoker.api.repository.ResourceTree;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Rule {@code python-syntax}: every Python script of the project compiles under Jython 2.7 (see
 * {@link ProjectScripts} for where scripts are found and how they are wrapped). Scripts are compiled, never
 * run. Options: {@code maxBytes} (a larger script is reported, not compiled; default 1 MiB),
 * {@code timeoutMs} (per script, default 10 s) and {@code budgetSeconds} (whole project, default 300 s;
 * scripts left when it runs out are reported in one finding).
 */
@Component(service = ProjectCheck.class, property = "stoker.platform=ignition")
public final class PythonSyntaxCheck extends IgnitionCheck {

  static final String RULE = "python-syntax";
  static final long MAX_BYTES = 1L << 20;
  static final long TIMEOUT_MS = 10_000;
  static final long BUDGET_SECONDS = 300;

  private static final Rule[] RULES = {new Rule(RULE, Severity.ERROR,
      "every Python script (script library, event scripts, transforms and handlers in views) compiles under "
          + "Jython 2.7")};

  private final JythonCompiler compiler;

  public PythonSyntaxCheck() {
    this(new JythonCompiler(Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()))));
  }

  PythonSyntaxCheck(JythonCompiler compiler) {
    super(RULES);
    this.compiler = compiler;
  }

  @Deactivate
  void deactivate() {
    compiler.close();
  }

  @Override
  void run(CheckRun run) {
    ResourceTree tree = run.tree();
    long maxBytes = run.longOption(RULE, "maxBytes", MAX_BYTES);
    long timeout = run.longOption(RULE, "timeoutMs", TIMEOUT_MS);
    long deadline = System.nanoTime() + run.longOption(RULE, "budgetSeconds", BUDGET_SECONDS) * 1_000_000_000L;
    List<Script> scripts = ProjectScripts.find(tree, run);
    for (int i = 0; i < scripts.size(); i++) {
      Script script = scripts.get(i);
      if (System.nanoTime() > deadline) {
        run.report(RULE, script.resource(), script.file(), script.pointer(), 0, (scripts.size() - i)
            + " script(s) from here on not checked: the time budget ran out (option budgetSeconds)");
        break;
      }
      check(run, script, maxBytes, timeout);
    }
  }

  private void check(CheckRun run, Script script, long maxBytes, long timeout) {
    int size = script.body().getBytes(StandardCharsets.UTF_8).length;
    if (size > maxBytes) {
      run.report(RULE, script.resource(), script.file(), script.pointer(), 0, "not checked: " + size
          + " bytes, more than the limit of " + maxBytes + " (option maxBytes)");
      return;
    }
    if (script.blank()) {
      return;
    }
    String name = script.resource() == null ? script.file() : script.resource() + "/" + script.file();
    JythonCompiler.Result result = compiler.compile(script.compiledText(), name, timeout);
    if (result.timedOut()) {
      run.report(RULE, script.resource(), script.file(), script.pointer(), 0,
          "not checked: compiling took longer than " + timeout + " ms (option timeoutMs)");
    } else if (result.problem() != null) {
      JythonCompiler.Problem problem = result.problem();
      int raw = script.header() == null ? problem.line() : problem.line() - 1;
      int line = problem.line() > 0 ? script.bodyLine(problem.line()) : 0;
      // A column only helps when the line is the one Jython meant (not clamped into the body).
      String where = line > 0 && line == raw ? " (column " + (problem.column() + 1) + ")" : "";
      run.report(RULE, script.resource(), script.file(), script.pointer(), line,
          "does not compile under Jython 2.7: " + problem.message() + where);
    }
  }
}
