package dev.stoker.integrations.internal;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads a route file when it is created, changed or deleted in the route folder. Changes are gathered
 * for half a second first, so an editor's save (often several events) causes one reload.
 */
final class RouteFolderWatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RouteFolderWatcher.class);

  private final RouteFiles files;
  private final WatchService watchService;
  private final Thread thread;

  private RouteFolderWatcher(RouteFiles files, WatchService watchService) {
    this.files = files;
    this.watchService = watchService;
    this.thread = new Thread(this::watch, "stoker-integrations-routes-watch");
    thread.setDaemon(true);
  }

  /** @return a running watcher, or null when the folder cannot be watched (reason logged) */
  static RouteFolderWatcher start(RouteFiles files) {
    try {
      WatchService ws = FileSystems.getDefault().newWatchService();
      files.folder().register(ws, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
          StandardWatchEventKinds.ENTRY_DELETE);
      RouteFolderWatcher watcher = new RouteFolderWatcher(files, ws);
      watcher.thread.start();
      return watcher;
    } catch (IOException e) {
      LOG.info("Route folder {} is not watched ({}): changes need a restart of the bundle", files.folder(),
          e.toString());
      return null;
    }
  }

  private void watch() {
    Thread.currentThread().setContextClassLoader(RouteFolderWatcher.class.getClassLoader());
    try {
      while (true) {
        WatchKey key = watchService.take();
        Set<String> changed = new TreeSet<>();
        collect(key, changed);
        WatchKey more;
        while ((more = watchService.poll(500, TimeUnit.MILLISECONDS)) != null) {
          collect(more, changed);
        }
        for (String name : changed) {
          files.reload(name);
        }
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      // closed: stop watching
    }
  }

  private static void collect(WatchKey key, Set<String> changed) {
    for (WatchEvent<?> event : key.pollEvents()) {
      if (event.context() instanceof Path p && RouteFiles.isRouteFile(p)) {
        changed.add(p.getFileName().toString());
      }
    }
    key.reset();
  }

  @Override
  public void close() {
    try {
      watchService.close();
    } catch (IOException e) {
      LOG.debug("Closing the route folder watch failed", e);
    }
    thread.interrupt();
  }
}
