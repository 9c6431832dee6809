package dev.stoker.adapter.tck;

import static dev.stoker.adapter.tck.InvalidInputAssertions.assertInvalidInput;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.stoker.api.common.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

class InvalidInputAssertionsTest {

  @Test
  void aFieldMessagePasses() {
    assertInvalidInput("version", () -> {
      throw new InvalidInputException("version", "9.0 is not supported");
    });
    assertInvalidInput(null, () -> {
      throw new InvalidInputException("ports.http: taken");
    });
  }

  @Test
  void everythingElseFails() {
    assertThrows(AssertionFailedError.class, () -> assertInvalidInput("version", () -> { }));
    assertThrows(AssertionFailedError.class, () -> assertInvalidInput("version", () -> {
      throw new IllegalStateException("version: wrong type");
    }));
    assertThrows(AssertionFailedError.class, () -> assertInvalidInput(null, () -> {
      throw new InvalidInputException("9.0 is not supported");
    }));
    assertThrows(AssertionFailedError.class, () -> assertInvalidInput("version", () -> {
      throw new IllegalArgumentException("version: a plain JDK exception is a 500 at the REST layer");
    }), "only the typed exception counts");
    assertThrows(AssertionFailedError.class, () -> assertInvalidInput("version", () -> {
      throw new InvalidInputException("image: not found");
    }));
  }

  @Test
  void theFieldIsTheMessagePrefix() {
    assertEquals("labels", InvalidInputAssertions.fieldOf("labels: ignition.edition must be standard"));
    assertEquals("secrets.DB_PASSWORD", InvalidInputAssertions.fieldOf("secrets.DB_PASSWORD: no path"));
    assertNull(InvalidInputAssertions.fieldOf("no field here"));
    assertNull(InvalidInputAssertions.fieldOf("two words: no"));
  }
}
