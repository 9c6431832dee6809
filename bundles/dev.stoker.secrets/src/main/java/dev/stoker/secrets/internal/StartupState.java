package dev.stoker.secrets.internal;

/**
 * Why the secret service is not active, for {@link SecretsHealth}: DS does not register a component whose
 * activation failed, so the reason is kept here (one per bundle class loader).
 */
final class StartupState {
  private static volatile String problem;

  private StartupState() {
  }

  static void failed(String why) {
    problem = why;
  }

  static void started() {
    problem = null;
  }

  static String problem() {
    return problem;
  }
}
