package dev.stoker.api.environment;

import java.util.Locale;

/** What an uploaded file is, as found by looking inside it (not only at its name). */
public enum ArtifactKind {
  /** A platform module, e.g. an Ignition {@code .modl}. */
  MODULE,
  /** A JDBC driver jar. */
  JDBC,
  /** A full gateway backup, e.g. an Ignition {@code .gwbk}. */
  BACKUP;

  /** @return the lower-case name used in the API */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
