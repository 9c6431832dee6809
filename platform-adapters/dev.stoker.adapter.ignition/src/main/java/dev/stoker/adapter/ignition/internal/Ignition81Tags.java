package dev.stoker.adapter.ignition.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Tags on Ignition 8.1, which has no REST API: exported and imported through the community tag CI/CD module,
 * design-group/ignition-tag-cicd-module (module id {@code tag-cicd}, for 8.1.24 and later; its routes need no
 * API key):
 *
 * <ul>
 *   <li>{@code GET /data/tag-cicd/tags/export?provider=&baseTagPath=&recursive=true&localPropsOnly=true}: the
 *       provider's tags in Ignition's JSON export format (keys sorted);
 *   <li>{@code POST /data/tag-cicd/tags/import?provider=&baseTagPath=&collisionPolicy=&exportMode=singleFile},
 *       body the JSON export: the module imports each tag on its own (UDT definitions first) and answers
 *       {@code {"created_tags":{"<tag path>":["Good"]…}}}, one quality per tag. The collision policy is the
 *       gateway's letter ({@code a}, {@code o}, {@code m}: Abort, Overwrite, MergeOverwrite). {@code exportMode}
 *       is required by the module's 2.x releases and ignored by earlier ones.
 * </ul>
 *
 * Unlike 8.3's import, an Abort does not keep the whole import from being written: the tags that collide are
 * refused (a bad quality each) and the others are imported; the call then fails naming the refused tags.
 */
final class Ignition81Tags {
  static final String EXPORT = "data/tag-cicd/tags/export";
  static final String IMPORT = "data/tag-cicd/tags/import";
  static final String MISSING = "the gateway lacks the tag CI/CD module (design-group/ignition-tag-cicd-module), "
      + "which Ignition 8.1 needs for tag export and import over HTTP: install it (environment modules)";
  private static final Map<String, String> POLICY_LETTERS = Map.of("Abort", "a", "Overwrite", "o",
      "MergeOverwrite", "m");
  private static final int SHOWN = 3;

  private final IgnitionGatewayClient client;

  Ignition81Tags(IgnitionGatewayClient client) {
    this.client = client;
  }

  InputStream exportTags(String provider) throws IOException {
    return client.getPlain(EXPORT + "?provider=" + Urls.encode(provider)
        + "&baseTagPath=&recursive=true&localPropsOnly=true", MISSING);
  }

  /** @param policy the policy in the gateway's spelling ({@link IgnitionGatewayClient#collisionPolicy}) */
  void importTags(String provider, InputStream tags, String policy) throws IOException {
    String path = IMPORT + "?provider=" + Urls.encode(provider) + "&baseTagPath=&collisionPolicy="
        + POLICY_LETTERS.get(policy) + "&exportMode=singleFile";
    JsonNode answer = client.postPlain(path, tags, MISSING);
    List<String> refused = new ArrayList<>();
    int count = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = answer.path("created_tags").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> tag = it.next();
      for (JsonNode quality : tag.getValue()) {
        count++;
        if (!quality.asText().startsWith("Good")) {
          refused.add(tag.getKey() + ": " + IgnitionHealthProbe.abbreviate(quality.asText()));
        }
      }
    }
    if (!refused.isEmpty()) {
      throw new IOException(client.where("POST " + IMPORT) + " refused " + refused.size() + " of " + count
          + " tags (" + String.join("; ", refused.subList(0, Math.min(SHOWN, refused.size())))
          + (refused.size() > SHOWN ? "; …" : "") + ")" + (policy.equals("Abort")
              ? "; the others were imported (the module imports tag by tag)" : ""));
    }
  }
}
