package dev.stoker.shell.internal;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.console.History;
import org.apache.karaf.shell.api.console.Registry;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.apache.karaf.shell.api.console.Terminal;

/**
 * Karaf {@link Session} for command tests: variables ({@code USER}) and scripted {@link #readLine}
 * answers; it records every prompt. Everything else throws {@link UnsupportedOperationException}.
 */
final class FakeSession implements Session {
  private final Map<String, Object> variables = new HashMap<>();
  private final Deque<String> answers = new ArrayDeque<>();
  final List<String> prompts = new ArrayList<>();

  FakeSession(String user) {
    if (user != null) {
      variables.put("USER", user);
    }
  }

  /** Queues answers for {@link #readLine}; once they run out it returns {@code null} (end of input). */
  FakeSession answer(String... lines) {
    answers.addAll(List.of(lines));
    return this;
  }

  @Override
  public String readLine(String prompt, Character mask) {
    prompts.add(prompt);
    return answers.poll();
  }

  @Override
  public Object get(String name) {
    return variables.get(name);
  }

  @Override
  public void put(String name, Object value) {
    variables.put(name, value);
  }

  @Override
  public Object execute(CharSequence commandline) {
    throw new UnsupportedOperationException();
  }

  @Override
  public InputStream getKeyboard() {
    throw new UnsupportedOperationException();
  }

  @Override
  public PrintStream getConsole() {
    throw new UnsupportedOperationException();
  }

  @Override
  public Terminal getTerminal() {
    throw new UnsupportedOperationException();
  }

  @Override
  public History getHistory() {
    throw new UnsupportedOperationException();
  }

  @Override
  public Registry getRegistry() {
    throw new UnsupportedOperationException();
  }

  @Override
  public SessionFactory getFactory() {
    throw new UnsupportedOperationException();
  }

  @Override
  public String resolveCommand(String name) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Path currentDir() {
    throw new UnsupportedOperationException();
  }

  @Override
  public void currentDir(Path path) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void run() {
    throw new UnsupportedOperationException();
  }

  @Override
  public void close() {
  }
}
