package dev.stoker.adapter.ignition.internal.checks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stoker.api.pipeline.ProjectCheck;
import dev.stoker.api.pipeline.Severity;
import dev.stoker.api.repository.Resource;
import dev.stoker.api.repository.ResourceTree;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.osgi.service.component.annotations.Component;

/**
 * The shape of the project's files, before anything reaches a gateway:
 * <ul>
 *   <li>{@code json-parse}: {@code project.json}, the tag export and every {@code .json} file of a resource
 *       is one JSON value;
 *   <li>{@code resource-files}: each resource has a {@code resource.json} whose {@code files} list names
 *       exactly the files present beside it;
 *   <li>{@code view-root}: each Perspective view has a root container.
 * </ul>
 */
@Component(service = ProjectCheck.class, property = "stoker.platform=ignition")
public final class ResourceStructureCheck extends IgnitionCheck {

  static final String JSON_PARSE = "json-parse";
  static final String RESOURCE_FILES = "resource-files";
  static final String VIEW_ROOT = "view-root";
  static final String VIEWS = "com.inductiveautomation.perspective/views";

  private static final Rule[] RULES = {
      new Rule(JSON_PARSE, Severity.ERROR, "every JSON file of the project parses"),
      new Rule(RESOURCE_FILES, Severity.ERROR, "resource.json lists exactly the files of its resource"),
      new Rule(VIEW_ROOT, Severity.WARNING, "every Perspective view has a root container")};

  public ResourceStructureCheck() {
    super(RULES);
  }

  @Override
  void run(CheckRun run) {
    ResourceTree tree = run.tree();
    if (run.on(JSON_PARSE)) {
      parse(run, null, "project.json", tree.manifest());
      if (tree.tags() != null) {
        parse(run, null, ProjectScripts.TAGS_FILE, tree.tags());
      }
    }
    for (Resource resource : tree.resources().values()) {
      if (run.on(JSON_PARSE)) {
        for (Map.Entry<String, byte[]> file : resource.files().entrySet()) {
          if (file.getKey().endsWith(".json")) {
            parse(run, resource.path(), file.getKey(), file.getValue());
          }
        }
      }
      if (run.on(RESOURCE_FILES)) {
        files(run, resource);
      }
      if (run.on(VIEW_ROOT) && resource.type().equals(VIEWS) && resource.files().containsKey(ProjectScripts.VIEW)) {
        root(run, resource);
      }
    }
  }

  private static void parse(CheckRun run, String resource, String file, byte[] bytes) {
    if (bytes == null) {
      run.report(JSON_PARSE, resource, file, null, 0, "missing");
      return;
    }
    Json.Error error = Json.error(bytes);
    if (error != null) {
      run.report(JSON_PARSE, resource, file, null, error.line(), "not valid JSON: " + error.message());
    }
  }

  private static void files(CheckRun run, Resource resource) {
    byte[] raw = resource.files().get("resource.json");
    if (raw == null) {
      run.report(RESOURCE_FILES, resource.path(), null, null, 0, "no resource.json");
      return;
    }
    JsonNode descriptor = run.json(resource, "resource.json");
    if (descriptor == null) {
      return; // json-parse reports it
    }
    JsonNode listed = descriptor.get("files");
    if (listed == null || !listed.isArray()) {
      run.report(RESOURCE_FILES, resource.path(), "resource.json", "/files", 0, "no \"files\" list");
      return;
    }
    Set<String> names = new TreeSet<>();
    for (int i = 0; i < listed.size(); i++) {
      JsonNode name = listed.get(i);
      if (!name.isTextual()) {
        run.report(RESOURCE_FILES, resource.path(), "resource.json", "/files/" + i, 0, "not a file name: " + name);
      } else if (!names.add(name.asText())) {
        run.report(RESOURCE_FILES, resource.path(), "resource.json", "/files/" + i, 0,
            "lists '" + name.asText() + "' twice");
      } else if (!resource.files().containsKey(name.asText()) || name.asText().equals("resource.json")) {
        run.report(RESOURCE_FILES, resource.path(), "resource.json", "/files/" + i, 0,
            "lists '" + name.asText() + "', which the resource does not have");
      }
    }
    for (String present : resource.files().keySet()) {
      if (!present.equals("resource.json") && !names.contains(present)) {
        run.report(RESOURCE_FILES, resource.path(), "resource.json", "/files", 0,
            "'" + present + "' is present but not listed in files");
      }
    }
  }

  /** A view needs {@code root}, an object with a component {@code type}; Perspective's own types are checked. */
  private static void root(CheckRun run, Resource resource) {
    JsonNode view = run.json(resource, ProjectScripts.VIEW);
    if (view == null) {
      return; // json-parse reports it
    }
    JsonNode root = view.get("root");
    if (root == null || !root.isObject()) {
      run.report(VIEW_ROOT, resource.path(), ProjectScripts.VIEW, "/root", 0, "the view has no root container");
      return;
    }
    JsonNode type = root.get("type");
    if (type == null || !type.isTextual() || type.asText().isBlank()) {
      run.report(VIEW_ROOT, resource.path(), ProjectScripts.VIEW, "/root/type", 0,
          "the view's root has no component type");
    } else if (type.asText().startsWith("ia.") && !type.asText().startsWith("ia.container.")) {
      run.report(VIEW_ROOT, resource.path(), ProjectScripts.VIEW, "/root/type", 0,
          "the view's root is a " + type.asText() + ", not a container");
    }
  }
}
