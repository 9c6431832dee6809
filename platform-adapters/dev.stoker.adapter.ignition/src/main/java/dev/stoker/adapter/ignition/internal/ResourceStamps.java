package dev.stoker.adapter.ignition.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.repository.Resource;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The modification stamp of a resource Stoker changed: {@code attributes/lastModification} becomes the acting
 * user and the time (whole seconds, UTC, as Ignition writes it) and {@code attributes/lastModificationSignature}
 * is recomputed over the resource as it now is ({@link ResourceSignatures}). The rest of {@code resource.json}
 * keeps its keys and their order; only this file is rewritten.
 */
final class ResourceStamps {
  private ResourceStamps() {
  }

  /** @return the resource with a stamped {@code resource.json}, or as it is when it has none */
  static Resource stamp(Resource resource, String actor, Instant at) {
    byte[] descriptor = resource.files().get(IgnitionProjectCodec.RESOURCE);
    if (descriptor == null) {
      return resource;
    }
    SortedMap<String, byte[]> files = new TreeMap<>(resource.files());
    files.put(IgnitionProjectCodec.RESOURCE, stamped(resource.path(), descriptor, resource.files(), actor, at));
    return new Resource(resource.path(), resource.type(), files);
  }

  /** @return whether a {@code resource.json} carries a signature at all */
  static boolean signed(JsonNode descriptor) {
    return descriptor.path("attributes").has(ResourceSignatures.SIGNATURE);
  }

  /**
   * @param files the resource's files (the listed ones are signed)
   * @return {@code resource.json} stamped and signed
   */
  static byte[] stamped(String path, byte[] descriptor, Map<String, byte[]> files, String actor, Instant at) {
    JsonNode parsed = NormalJson.parseOrNull(descriptor);
    if (parsed == null || !parsed.isObject()) {
      throw new InvalidInputException("resources: " + path + " has no valid " + IgnitionProjectCodec.RESOURCE);
    }
    ObjectNode doc = (ObjectNode) parsed;
    ObjectNode attributes = doc.get("attributes") instanceof ObjectNode a ? a : doc.putObject("attributes");
    // set() keeps a key where it stands, so a stamped file differs from the original only in the values.
    attributes.set(ResourceSignatures.MODIFICATION, NormalJson.MAPPER.createObjectNode()
        .put("actor", actor == null || actor.isBlank() ? IgnitionProjectCodec.ACTOR : actor)
        .put("timestamp", at.truncatedTo(ChronoUnit.SECONDS).toString()));
    try {
      attributes.put(ResourceSignatures.SIGNATURE, ResourceSignatures.compute(doc, files));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("resources: " + path + ": " + e.getMessage(), e);
    }
    byte[] written = NormalJson.written(doc);
    boolean newline = descriptor.length > 0 && descriptor[descriptor.length - 1] == '\n';
    return newline ? concat(written, (byte) '\n') : written;
  }

  private static byte[] concat(byte[] bytes, byte last) {
    byte[] out = java.util.Arrays.copyOf(bytes, bytes.length + 1);
    out[bytes.length] = last;
    return out;
  }
}
