package dev.stoker.adapter.example.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void theNormalFormSortsKeysAndKeepsValues() {
    Object doc = Json.parse("f", "{\"b\": [1, 2.50, -3e2], \"a\": {\"z\": null, \"y\": true}, \"s\": \"q\\\"\\n\\u00e9/\"}");
    assertEquals("{\n  \"a\": {\n    \"y\": true,\n    \"z\": null\n  },\n  \"b\": [\n    1,\n    2.50,\n    -3E+2\n  ],\n"
        + "  \"s\": \"q\\\"\\né/\"\n}\n", Json.write(doc));
    assertEquals("{\"a\":{\"y\":true,\"z\":null},\"b\":[1,2.50,-3E+2],\"s\":\"q\\\"\\né/\"}", Json.compact(doc));
    assertEquals(doc, Json.parse("f", Json.write(doc)), "the normal form reads back as the same value");
  }

  @Test
  void emptyContainersAndScalars() {
    assertEquals(Map.of(), Json.parse("f", " {} "));
    assertEquals(List.of(), Json.parse("f", "[]"));
    assertEquals("{}", Json.compact(Map.of()));
  }

  @Test
  void malformedTextNamesTheField() {
    for (String bad : List.of("", "{", "{\"a\":1,}", "[1 2]", "{\"a\":1,\"a\":2}", "tru", "01", "\"\\x\"", "1 2",
        "[".repeat(100) + "]".repeat(100))) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse("export", bad), bad);
      assertTrue(e.getMessage().startsWith("export: not JSON"), e.getMessage());
    }
  }
}
