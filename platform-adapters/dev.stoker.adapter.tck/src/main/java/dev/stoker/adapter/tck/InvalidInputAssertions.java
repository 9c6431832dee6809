package dev.stoker.adapter.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.stoker.api.platform.PlatformAdapter;
import java.lang.reflect.Method;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.function.Executable;

/**
 * Asserts Stoker's rule for invalid input: an {@link IllegalArgumentException} whose message has the form
 * {@code "field: what is wrong"}, which the REST layer turns into a 400 problem naming that field.
 *
 * <p>Stoker's typed {@code dev.stoker.api.common.InvalidInputException} extends
 * {@code IllegalArgumentException} with the same message form and a {@code field()} accessor. When an
 * adapter throws it, its {@code field()} must agree with the message; the kit finds the type by reflection,
 * so it works against API versions with and without it.
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
  public static IllegalArgumentException assertInvalidInput(String field, Executable call) {
    Throwable thrown = null;
    try {
      call.execute();
    } catch (Throwable t) {
      thrown = t;
    }
    String wanted = field == null ? "a field" : "'" + field + "'";
    if (thrown == null) {
      fail("expected an IllegalArgumentException naming " + wanted + ", but the call succeeded");
    }
    if (!(thrown instanceof IllegalArgumentException invalid)) {
      return fail("expected an IllegalArgumentException naming " + wanted + ", got " + thrown, thrown);
    }
    String named = fieldOf(invalid.getMessage());
    if (named == null) {
      fail("the message must start with the field (\"field: what is wrong\"), got: " + invalid.getMessage(),
          invalid);
    }
    if (field != null) {
      assertEquals(field, named, () -> "wrong field named in: " + invalid.getMessage());
    }
    Object typedField = typedField(invalid);
    if (typedField != null) {
      assertEquals(named, typedField, () -> "field() disagrees with the message: " + invalid.getMessage());
    }
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

  /** The typed exception's {@code field()}, or {@code null} when the exception is not of that type. */
  private static Object typedField(IllegalArgumentException e) {
    try {
      Class<?> typed = Class.forName(TYPED, false, PlatformAdapter.class.getClassLoader());
      if (!typed.isInstance(e)) {
        return null;
      }
      Method accessor = typed.getMethod("field");
      return accessor.invoke(e);
    } catch (ClassNotFoundException absentFromThisApiVersion) {
      return null;
    } catch (ReflectiveOperationException e2) {
      throw new AssertionError("cannot read field() of " + TYPED, e2);
    }
  }
}
