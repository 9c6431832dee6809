package dev.stoker.integrations.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.spi.Resource;
import org.apache.camel.spi.RoutesLoader;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the Camel YAML DSL route files ({@code *.yaml}, {@code *.yml}) that admins drop into a folder.
 * Each file is loaded on its own: one that fails is logged with its name, its half-added routes are
 * removed, and the others still load.
 */
final class RouteFiles {
  private static final Logger LOG = LoggerFactory.getLogger(RouteFiles.class);

  /**
   * What a load did.
   *
   * @param loaded file names that loaded, with the route ids each added
   * @param failed file names that failed, with the reason
   */
  record Report(Map<String, List<String>> loaded, Map<String, String> failed) {
  }

  private final CamelContext context;
  private final Path folder;
  /** Route ids added by each loaded file, so a changed file can replace its own routes. */
  private final Map<String, List<String>> routesByFile = new LinkedHashMap<>();

  RouteFiles(CamelContext context, Path folder) {
    this.context = context;
    this.folder = folder;
  }

  Path folder() {
    return folder;
  }

  static boolean isRouteFile(Path p) {
    String name = p.getFileName().toString();
    return name.endsWith(".yaml") || name.endsWith(".yml");
  }

  /** Loads every route file of the folder, in name order. */
  synchronized Report loadAll() {
    Map<String, List<String>> loaded = new LinkedHashMap<>();
    Map<String, String> failed = new LinkedHashMap<>();
    if (!Files.isDirectory(folder)) {
      LOG.info("No route folder {}: no admin routes loaded", folder);
      return new Report(loaded, failed);
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(folder)) {
      files = list.filter(Files::isRegularFile).filter(RouteFiles::isRouteFile).sorted().toList();
    } catch (IOException e) {
      LOG.error("Cannot list route folder {}: {}", folder, e.getMessage());
      failed.put(folder.toString(), e.getMessage());
      return new Report(loaded, failed);
    }
    for (Path file : files) {
      load(file, loaded, failed);
    }
    return new Report(loaded, failed);
  }

  /** Replaces the routes of one file (removes them when the file is gone). */
  synchronized Report reload(String fileName) {
    Map<String, List<String>> loaded = new LinkedHashMap<>();
    Map<String, String> failed = new LinkedHashMap<>();
    List<String> old = routesByFile.remove(fileName);
    if (old != null) {
      for (String id : old) {
        remove(id);
      }
      LOG.info("Route file {} changed: removed its routes {}", fileName, old);
    }
    Path file = folder.resolve(fileName);
    if (Files.isRegularFile(file)) {
      load(file, loaded, failed);
    }
    return new Report(loaded, failed);
  }

  private void load(Path file, Map<String, List<String>> loaded, Map<String, String> failed) {
    String name = file.getFileName().toString();
    Resource resource = null;
    try {
      resource = ResourceHelper.resolveMandatoryResource(context, "file:" + file.toAbsolutePath());
      RoutesLoader loader = PluginHelper.getRoutesLoader(context);
      if (name.endsWith(".yml")) { // the YAML loader only claims the .yaml extension
        context.addRoutes(loader.getRoutesLoader("yaml").loadRoutesBuilder(resource));
      } else {
        loader.loadRoutes(resource);
      }
      List<String> added = routesFrom(resource);
      loaded.put(name, added);
      routesByFile.put(name, added);
      LOG.info("Route file {} loaded: routes {}", name, added);
    } catch (Exception | LinkageError e) {
      if (resource != null) {
        routesFrom(resource).forEach(this::remove);
      }
      String reason = reason(e);
      failed.put(name, reason);
      LOG.error("Route file {} failed to load and was skipped: {}", name, reason);
    }
  }

  /** Routes that came from this file (webhook routes may be added concurrently, so no before/after diff). */
  private List<String> routesFrom(Resource resource) {
    List<String> ids = new ArrayList<>();
    for (Route r : context.getRoutes()) {
      Resource source = r.getSourceResource();
      if (source != null && resource.getLocation().equals(source.getLocation())) {
        ids.add(r.getRouteId());
      }
    }
    return ids;
  }

  private void remove(String id) {
    try {
      context.getRouteController().stopRoute(id);
      context.removeRoute(id);
    } catch (Exception e) {
      LOG.warn("Could not remove route {}: {}", id, e.getMessage());
    }
  }

  private static String reason(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String first = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return t == e ? first : first + " (" + t.getClass().getSimpleName() + ": " + t.getMessage() + ")";
  }
}
