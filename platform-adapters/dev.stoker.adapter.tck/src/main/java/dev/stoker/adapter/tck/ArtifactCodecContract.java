package dev.stoker.adapter.tck;

import static dev.stoker.adapter.tck.InvalidInputAssertions.assertInvalidInput;
import static dev.stoker.adapter.tck.TreeAssertions.assertTreeEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.stoker.api.platform.ArtifactCodec;
import dev.stoker.api.platform.Capability;
import dev.stoker.api.repository.Resource;
import dev.stoker.api.repository.ResourceTree;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The artifact codec contract: the vendor's sample export decodes into a normalised tree with resources;
 * decoding is stable and {@code decode(encode(tree))} gives back {@code tree}; archives with unsafe entry
 * names (zip slip), duplicate entries or no archive at all are refused with an exception that names a field;
 * and tag exports normalise idempotently.
 *
 * <p>Skipped unless the adapter declares {@link Capability#PROJECT_CODEC} (the tag tests:
 * {@link Capability#TAGS}). Fixtures: {@link #adapter()}, {@link #sampleExport()}, {@link #sampleTags()}
 * when tags are declared, and {@link #exportIsZip()} for platforms whose exports are not zip archives.
 */
public abstract class ArtifactCodecContract extends AdapterContract {

  /**
   * @return a real project export of the platform, as its gateway writes it, holding at least one resource
   */
  protected abstract byte[] sampleExport();

  /** @return a tag export of the platform; required when the adapter declares {@link Capability#TAGS} */
  protected byte[] sampleTags() {
    return null;
  }

  /** @return whether exports are zip archives (then the kit builds hostile archives from the sample) */
  protected boolean exportIsZip() {
    return true;
  }

  @BeforeEach
  void requireCodec() {
    assumeCapability(Capability.PROJECT_CODEC);
  }

  @Test
  void theSampleDecodesIntoResources() throws IOException {
    ResourceTree tree = decode(sample());
    assertNotNull(tree.manifest(), "manifest");
    assertFalse(tree.resources().isEmpty(), "the sample export must hold at least one resource");
    tree.resources().forEach((path, r) -> {
      assertNotNull(r, path);
      assertEquals(path, r.path(), "a resource is keyed by its path");
      assertTrue(r.type() != null && !r.type().isBlank(), () -> "type of " + path);
      assertFalse(r.files().isEmpty(), () -> path + " has no files");
      r.files().forEach((name, bytes) -> assertNotNull(bytes, path + "/" + name));
    });
  }

  @Test
  void decodingIsStable() throws IOException {
    assertTreeEquals(decode(sample()), decode(sample()));
  }

  @Test
  void encodeThenDecodeGivesTheTreeBack() throws IOException {
    ResourceTree tree = decode(sample());
    ResourceTree again = decode(encode(tree));
    assertTreeEquals(tree, again);
    assertTreeEquals(tree, decode(encode(again)));
  }

  @Test
  void anEncodedTreeKeepsEveryResource() throws IOException {
    ResourceTree tree = decode(sample());
    Resource first = tree.resources().values().iterator().next();
    java.util.SortedMap<String, Resource> one = new java.util.TreeMap<>(Map.of(first.path(), first));
    ResourceTree single = decode(encode(new ResourceTree(tree.manifest(), one, tree.tags())));
    assertEquals(one.keySet(), single.resources().keySet(), "a tree of one resource");
  }

  @TestFactory
  Stream<DynamicTest> hostileArchivesAreRefusedNamingAField() throws IOException {
    Assumptions.assumeTrue(exportIsZip(), "exports are not zip archives");
    Map<String, byte[]> entries = Archives.read(sample());
    assertFalse(entries.isEmpty(), "the sample export is no zip archive (override exportIsZip())");
    String victim = entries.keySet().iterator().next();
    byte[] content = entries.get(victim);
    byte[] noise = new byte[4096];
    new Random(3).nextBytes(noise);
    Map<String, byte[]> cases = new LinkedHashMap<>();
    cases.put("zip slip ../" + victim, Archives.write(plus(entries, "../" + victim, content)));
    cases.put("zip slip nested/../../" + victim, Archives.write(plus(entries, "nested/../../" + victim, content)));
    cases.put("absolute /" + victim, Archives.write(plus(entries, "/" + victim, content)));
    cases.put("backslash ..\\" + victim, Archives.write(plus(entries, "..\\" + victim, content)));
    cases.put("duplicate entry " + victim, Archives.withDuplicate(entries, victim));
    // The last entry: a file inside the project, which a reader fooled by the local header would keep.
    String inner = List.copyOf(entries.keySet()).get(entries.size() - 1);
    cases.put("local header names " + inner + " otherwise than the central directory",
        Archives.withLocalNameMismatch(entries, inner));
    cases.put("symbolic link " + inner, Archives.withSymlink(entries, inner));
    cases.put("no archive at all", noise);
    return Stream.concat(
        // The control: the same entries, re-archived without the hostile part, decode as the sample does.
        Stream.of(dynamicTest("control: the re-archived sample decodes",
            () -> assertTreeEquals(decode(sample()), decode(Archives.write(entries))))),
        cases.entrySet().stream().map(c -> dynamicTest(c.getKey(),
            () -> assertInvalidInput(null, () -> codec().decode(new ByteArrayInputStream(c.getValue()))))));
  }

  @Test
  void tagExportsNormaliseIdempotently() throws IOException {
    assumeCapability(Capability.TAGS);
    byte[] tags = sampleTags();
    assertNotNull(tags, "TAGS is declared: override sampleTags()");
    byte[] normal = codec().decodeTags(new ByteArrayInputStream(tags));
    assertNotNull(normal, "decodeTags");
    assertArrayEquals(normal, codec().decodeTags(new ByteArrayInputStream(normal)),
        "the normal form of a normal form is itself");
  }

  @Test
  void somethingElseIsNoTagExport() {
    assumeCapability(Capability.TAGS);
    assertInvalidInput(null, () -> codec().decodeTags(new ByteArrayInputStream(
        "this is not a tag export".getBytes(java.nio.charset.StandardCharsets.UTF_8))));
  }

  private ArtifactCodec codec() {
    ArtifactCodec codec = adapter().codec();
    assertNotNull(codec, "codec()");
    return codec;
  }

  private byte[] sample() {
    byte[] sample = sampleExport();
    assertNotNull(sample, "sampleExport()");
    return sample;
  }

  private ResourceTree decode(byte[] export) throws IOException {
    ResourceTree tree = codec().decode(new ByteArrayInputStream(export));
    assertNotNull(tree, "decode gave no tree");
    return tree;
  }

  private byte[] encode(ResourceTree tree) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    codec().encode(tree, out);
    assertTrue(out.size() > 0, "encode wrote nothing");
    return out.toByteArray();
  }

  private static Map<String, byte[]> plus(Map<String, byte[]> entries, String name, byte[] content) {
    Map<String, byte[]> all = new LinkedHashMap<>(entries);
    all.put(name, content);
    return all;
  }
}
