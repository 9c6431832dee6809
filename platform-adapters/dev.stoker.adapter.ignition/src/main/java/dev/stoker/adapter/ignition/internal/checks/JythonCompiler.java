package dev.stoker.adapter.ignition.internal.checks;

import java.io.OutputStream;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.python.antlr.base.mod;
import org.python.core.CompileMode;
import org.python.core.CompilerFlags;
import org.python.core.ParserFacade;
import org.python.core.PyException;
import org.python.core.PyObject;
import org.python.core.PySystemState;
import org.python.core.PyTuple;

/**
 * Compiles Python source with Jython 2.7, the language Ignition runs, without running it: the parser builds
 * the tree and the compiler writes bytecode to nowhere, so no class is defined and no project code executes.
 * The compiler pass matters beyond the grammar: it reports what CPython calls symbol-table errors
 * ({@code 'return' outside function}, duplicate arguments, ...).
 *
 * <p>Jython is initialised once, on the first compilation (about half a second), with the site import and
 * the package cache off. Compilations run on a small pool of daemon threads with a large stack, each bounded
 * by a timeout; the caller waits. Thread-safe.
 */
final class JythonCompiler implements AutoCloseable {

  /** Deeply nested source recurses in the parser: give it room, and catch what still overflows. */
  private static final long STACK_BYTES = 16L << 20;

  /** Where compilation failed; {@code line} 1-based in the compiled text, 0 when Jython gives none. */
  record Problem(int line, int column, String message) {
  }

  /** The outcome of one compilation: {@code problem} is {@code null} when it compiled. */
  record Result(Problem problem, boolean timedOut) {
    static final Result OK = new Result(null, false);
  }

  private static volatile boolean initialised;
  private static volatile long initMillis = -1;

  private final ThreadPoolExecutor pool;

  JythonCompiler(int threads) {
    AtomicInteger n = new AtomicInteger();
    ClassLoader loader = JythonCompiler.class.getClassLoader();
    this.pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
        task -> {
          Thread t = new Thread(null, task, "stoker-jython-" + n.incrementAndGet(), STACK_BYTES);
          t.setDaemon(true);
          // Jython finds its own classes through the context loader: inside OSGi that must be this bundle's.
          t.setContextClassLoader(loader);
          return t;
        });
    pool.allowCoreThreadTimeOut(true);
  }

  /** @return milliseconds the one-time Jython initialisation took, or -1 before it ran */
  static long initMillis() {
    return initMillis;
  }

  /**
   * @param source the text to compile, as a module
   * @param filename the name Jython puts in its messages
   * @param timeoutMillis how long to wait for this compilation
   */
  Result compile(String source, String filename, long timeoutMillis) {
    Future<Result> future = pool.submit(() -> compileHere(source, filename));
    try {
      return future.get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      // The parser does not look at interrupts; the worker finishes on its own and the next task reuses it.
      future.cancel(true);
      return new Result(null, true);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      return new Result(new Problem(0, 0, "interrupted"), false);
    } catch (ExecutionException e) {
      return new Result(new Problem(0, 0, "Jython failed: " + e.getCause()), false);
    }
  }

  private static Result compileHere(String source, String filename) {
    initialise();
    CompilerFlags flags = new CompilerFlags();
    try {
      mod tree = ParserFacade.parse(source, CompileMode.exec, filename, flags);
      org.python.compiler.Module.compile(tree, OutputStream.nullOutputStream(), "stoker_check$py", filename,
          true, false, flags, 0L);
      return Result.OK;
    } catch (StackOverflowError e) {
      return new Result(new Problem(0, 0, "nested too deeply for the compiler"), false);
    } catch (PyException e) {
      return new Result(problem(e), false);
    } catch (Throwable t) {
      // The compiler reports some errors (e.g. 'return' outside function) as parse exceptions: let Jython
      // turn them into the SyntaxError its own compile() would raise.
      PyException e;
      try {
        e = ParserFacade.fixParseError(null, t, filename);
      } catch (RuntimeException | StackOverflowError again) {
        return new Result(new Problem(0, 0, String.valueOf(t.getMessage())), false);
      }
      return new Result(problem(e), false);
    }
  }

  /** A SyntaxError's value is {@code (msg, (filename, lineno, offset, text))}; anything else its text. */
  private static Problem problem(PyException e) {
    PyObject value = e.value;
    if (value instanceof PyTuple outer && outer.size() == 2 && outer.pyget(1) instanceof PyTuple where
        && where.size() >= 3) {
      String message = outer.pyget(0).toString();
      return new Problem(asInt(where.pyget(1)), asInt(where.pyget(2)), message);
    }
    String type = e.type == null ? "error" : e.type.toString();
    if (type.startsWith("<type '") && type.endsWith("'>")) {
      type = type.substring(7, type.length() - 2);
    }
    return new Problem(0, 0, type.replace("exceptions.", "") + ": " + value);
  }

  private static int asInt(PyObject o) {
    try {
      return o.asInt();
    } catch (RuntimeException e) {
      return 0;
    }
  }

  private static void initialise() {
    if (initialised) {
      return;
    }
    synchronized (JythonCompiler.class) {
      if (initialised) {
        return;
      }
      long start = System.nanoTime();
      Properties post = new Properties();
      // Nothing is imported or run: no site module, no scan of the class path into a cache directory.
      post.setProperty("python.import.site", "false");
      post.setProperty("python.cachedir.skip", "true");
      post.setProperty("python.console.encoding", "UTF-8");
      post.setProperty("python.security.respectJavaAccessibility", "true");
      PySystemState.initialize(new Properties(), post, new String[0], JythonCompiler.class.getClassLoader());
      initMillis = (System.nanoTime() - start) / 1_000_000;
      initialised = true;
    }
  }

  @Override
  public void close() {
    ExecutorService p = pool;
    p.shutdownNow();
  }
}
