package dev.stoker.adapter.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.stoker.api.common.InvalidInputException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.function.Executable;

/**
 * Asserts Stoker's rule for invalid input: a {@link InvalidInputException} whose message has the form
 * {@code "field: what is wrong"} and whose {@link InvalidInputException#field()} names that field. The REST
 * layer turns only this type into a 400 problem naming the field; any other exception an adapter lets
 * escape (a plain {@code IllegalArgumentException} included) becomes a 500, so the kit refuses it.
 */
public final class InvalidInputAssertions {

  /** The field prefix of a message, as the REST layer reads it. */
  public static final Pattern FIELD_MESSAGE = Pattern.compile("([A-Za-z][A-Za-z0-9_.\\[\\]-]*): .*",
      Pattern.DOTALL);

  private static final String TYPED = "dev.stoker.api.common.InvalidInputException";

  private InvalidInputAssertions() {
  }

  /**
   * Runs {@code call} and asserts that it rejects its input naming {@code field}.
   *
   * @param field the field the message must start with, or {@code null} for any field
   * @param call the call that must fail
   * @return the exception, for further checks
   */
  public static InvalidInputException assertInvalidInput(String field, Executable call) {
    Throwable thrown = null;
    try {
      call.execute();
    } catch (Throwable t) {
      thrown = t;
    }
    String wanted = field == null ? "a field" : "'" + field + "'";
    if (thrown == null) {
      fail("expected an InvalidInputException naming " + wanted + ", but the call succeeded");
    }
    if (!(thrown instanceof InvalidInputException invalid)) {
      return fail("expected an InvalidInputException naming " + wanted + ", got " + thrown, thrown);
    }
    String named = fieldOf(invalid.getMessage());
    if (named == null) {
      fail("the message must start with the field (\"field: what is wrong\"), got: " + invalid.getMessage(),
          invalid);
    }
    if (field != null) {
      assertEquals(field, named, () -> "wrong field named in: " + invalid.getMessage());
    }
    assertEquals(named, invalid.field(), () -> "field() disagrees with the message: " + invalid.getMessage());
    return invalid;
  }

  /** @return the field a {@code "field: detail"} message starts with, or {@code null} */
  public static String fieldOf(String message) {
    if (message == null) {
      return null;
    }
    Matcher m = FIELD_MESSAGE.matcher(message);
    return m.matches() ? m.group(1) : null;
  }
}
