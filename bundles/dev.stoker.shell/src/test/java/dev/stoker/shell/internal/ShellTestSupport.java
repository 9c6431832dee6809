package dev.stoker.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stoker.api.common.Page;
import dev.stoker.api.common.PageRequest;
import dev.stoker.api.security.AuditEntry;
import dev.stoker.api.security.AuditLog;
import dev.stoker.api.security.AuditQuery;
import dev.stoker.api.security.AuditRecord;
import dev.stoker.api.security.ChainVerification;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.apache.karaf.shell.api.console.CommandLine;

/** Helpers for command tests: service stubs, a recording audit log, completion command lines. */
abstract class ShellTestSupport {
  /** What the command under test printed. */
  final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
  private java.io.PrintStream savedOut;

  @org.junit.jupiter.api.BeforeEach
  void captureOut() {
    savedOut = System.out;
    System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
  }

  @org.junit.jupiter.api.AfterEach
  void restoreOut() {
    System.setOut(savedOut);
  }

  static CommandLine line(String... arguments) {
    return new CommandLine() {
      @Override
      public int getCursorArgumentIndex() {
        return arguments.length - 1;
      }

      @Override
      public String getCursorArgument() {
        return arguments[arguments.length - 1];
      }

      @Override
      public int getArgumentPosition() {
        return getCursorArgument().length();
      }

      @Override
      public String[] getArguments() {
        return arguments;
      }

      @Override
      public int getBufferPosition() {
        return String.join(" ", arguments).length();
      }

      @Override
      public String getBuffer() {
        return String.join(" ", arguments);
      }
    };
  }

  /** A service whose named methods answer as given; any other method throws. */
  @SuppressWarnings("unchecked")
  static <T> T stub(Class<T> type, Map<String, Function<Object[], Object>> answers) {
    return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
      Function<Object[], Object> answer = answers.get(method.getName());
      if (answer == null) {
        throw new UnsupportedOperationException(method.getName());
      }
      return answer.apply(args);
    });
  }

  /** An audit log that keeps what it is given. */
  static final class RecordingAudit implements AuditLog {
    final List<AuditRecord> records = new CopyOnWriteArrayList<>();

    @Override
    public AuditEntry append(AuditRecord record) {
      records.add(record);
      return new AuditEntry(records.size(), Instant.now(), record, "", "");
    }

    List<AuditRecord> with(String action) {
      return records.stream().filter(r -> r.action().equals(action)).toList();
    }

    AuditRecord only(String action) {
      List<AuditRecord> found = with(action);
      assertEquals(1, found.size(), action + ": " + found);
      return found.get(0);
    }

    @Override
    public Page<AuditEntry> find(AuditQuery query, PageRequest page) {
      throw new UnsupportedOperationException();
    }

    @Override
    public ChainVerification verify() {
      throw new UnsupportedOperationException();
    }
  }
}
