-- Generated documents: facts, text, provenance, findings and review as JSON next to the searchable columns.
-- Portable SQL for H2 and PostgreSQL; times in epoch ms.

CREATE TABLE stoker_document (
  id             VARCHAR(36)     NOT NULL PRIMARY KEY,
  project        VARCHAR(100)    NOT NULL,
  kind           VARCHAR(40)     NOT NULL,
  title          VARCHAR(300)    NOT NULL,
  doc_version    INTEGER         NOT NULL,
  status         VARCHAR(20)     NOT NULL,
  writer         VARCHAR(100)    NOT NULL,
  open_findings  INTEGER         NOT NULL,
  request_json   VARCHAR(4000)   NOT NULL,
  content        VARCHAR(1000000) NOT NULL,
  facts_json     VARCHAR(1000000) NOT NULL,
  provenance_json VARCHAR(20000) NOT NULL,
  findings_json  VARCHAR(200000) NOT NULL,
  reviews_json   VARCHAR(200000) NOT NULL,
  signature_json VARCHAR(2000),
  supersedes     VARCHAR(36),
  superseded_by  VARCHAR(36),
  stale          BOOLEAN         NOT NULL,
  created_by     VARCHAR(100)    NOT NULL,
  created_at     BIGINT          NOT NULL,
  updated_at     BIGINT          NOT NULL,
  version        BIGINT          NOT NULL
);
CREATE INDEX stoker_document_project ON stoker_document (project, updated_at);
