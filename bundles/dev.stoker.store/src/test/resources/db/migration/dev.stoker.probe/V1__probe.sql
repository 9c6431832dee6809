-- A migration set owned by a test "bundle" (dev.stoker.probe): one script for H2 and PostgreSQL.
CREATE TABLE probe_item (
  id    VARCHAR(32)  NOT NULL PRIMARY KEY,
  label VARCHAR(200) NOT NULL
);
