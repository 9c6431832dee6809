package dev.stoker.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OsgiConfigsTest {
  @interface Sample {
    int limit() default 7;

    String name() default "x";

    String[] topics() default {"a", "b"};

    String store_target() default "";
  }

  @Test
  void overridesComeOnTopOfTheDefaults() {
    Sample s = OsgiConfigs.of(Sample.class, Map.of("limit", "9", "store.target", "(n=1)"));
    assertEquals(9, s.limit());
    assertEquals("x", s.name());
    assertArrayEquals(new String[] {"a", "b"}, s.topics());
    assertEquals("(n=1)", s.store_target());
    assertEquals(7, OsgiConfigs.defaults(Sample.class).limit());
  }

  @Test
  void attributeNamesFollowDeclarativeServices() {
    assertEquals("store.target", OsgiConfigs.propertyName("store_target"));
    assertEquals("a_b", OsgiConfigs.propertyName("a__b"));
    assertEquals("a-b", OsgiConfigs.propertyName("a$_$b"));
    assertEquals("ab", OsgiConfigs.propertyName("a$b"));
  }
}
