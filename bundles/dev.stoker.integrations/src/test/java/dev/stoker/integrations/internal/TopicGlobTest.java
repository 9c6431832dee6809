package dev.stoker.integrations.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TopicGlobTest {
  @Test
  void matchesExactWildcardAndLists() {
    TopicGlob audit = TopicGlob.of("dev/stoker/audit");
    assertTrue(audit.matches("dev/stoker/audit"));
    assertFalse(audit.matches("dev/stoker/auditx"));
    assertFalse(audit.matches("dev/stoker/environment"));
    assertFalse(audit.matches(null));

    TopicGlob all = TopicGlob.of("dev/stoker/*");
    assertTrue(all.matches("dev/stoker/audit"));
    assertTrue(all.matches("dev/stoker/pipeline/step"));
    assertFalse(all.matches("org/osgi/framework/BundleEvent"));

    TopicGlob two = TopicGlob.of("dev/stoker/audit, dev/stoker/alert", "dev/stoker/pipe*");
    assertTrue(two.matches("dev/stoker/alert"));
    assertTrue(two.matches("dev/stoker/pipeline"));
    assertFalse(two.matches("dev/stoker/secret"));

    assertTrue(TopicGlob.of("dev.stoker/[x]").matches("dev.stoker/[x]"));
    assertFalse(TopicGlob.of("dev.stoker/[x]").matches("devXstoker/x"));
  }
}
