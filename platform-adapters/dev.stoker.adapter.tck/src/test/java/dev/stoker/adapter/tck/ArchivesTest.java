package dev.stoker.adapter.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

class ArchivesTest {

  @Test
  void theDuplicateIsARealSecondEntryOfTheSameName() throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("a.json", "{}".getBytes(StandardCharsets.UTF_8));
    entries.put("folder/b.json", "{\"b\":1}".getBytes(StandardCharsets.UTF_8));
    byte[] zip = Archives.withDuplicate(entries, "folder/b.json");

    List<String> names = new ArrayList<>();
    List<byte[]> contents = new ArrayList<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      ZipEntry e;
      while ((e = in.getNextEntry()) != null) {
        names.add(e.getName());
        contents.add(in.readAllBytes());
      }
    }
    assertEquals(List.of("a.json", "folder/b.json", "folder/b.json"), names);
    assertArrayEquals(contents.get(1), contents.get(2));
  }

  @Test
  void theCentralDirectoryNamesTheDuplicateToo() throws IOException {
    Map<String, byte[]> entries = Map.of("x.json", "[]".getBytes(StandardCharsets.UTF_8));
    java.nio.file.Path file = java.nio.file.Files.createTempFile("tck", ".zip");
    try {
      java.nio.file.Files.write(file, Archives.withDuplicate(entries, "x.json"));
      try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
        assertEquals(List.of("x.json", "x.json"), zip.stream().map(ZipEntry::getName).toList());
      }
    } finally {
      java.nio.file.Files.delete(file);
    }
  }
}
