/**
 * Shapes of the documents part of Stoker's REST API (docs/documents.md) as the console uses them; held against
 * the OpenAPI snapshot by types.test-d.ts like types.ts.
 */

export type DocumentKind = 'CHANGE_SUMMARY' | 'RELEASE_NOTES' | 'COMPLIANCE_REPORT' | 'PROJECT_MANUAL';
export type DocumentStatus = 'DRAFT' | 'IN_REVIEW' | 'APPROVED' | 'SIGNED';
/** What a request names as `kind`. */
export type DocumentKindId = 'change-summary' | 'release-notes' | 'compliance-report' | 'project-manual';

export const KIND_IDS: Record<DocumentKind, DocumentKindId> = {
  CHANGE_SUMMARY: 'change-summary',
  RELEASE_NOTES: 'release-notes',
  COMPLIANCE_REPORT: 'compliance-report',
  PROJECT_MANUAL: 'project-manual',
};

export interface DocumentSummary {
  id: string;
  kind: DocumentKind;
  openFindings: number;
  project: string;
  stale: boolean;
  status: DocumentStatus;
  superseded: boolean;
  title: string;
  updated: string;
  version: number;
  writer: string;
}

export interface Fact {
  id: string;
  type: string;
  subject: string;
  attributes: Record<string, string>;
}

export interface FactSet {
  facts: Fact[];
  revisions: string[];
  sha256: string;
}

export interface Finding {
  id: string;
  kind: string;
  line: number;
  text: string;
  state: string;
  note: string | null;
  acceptedBy: string | null;
}

export interface Provenance {
  writer: string;
  provider: string;
  model: string;
  templateVersion: string;
  promptSha256: string;
  factsSha256: string;
  revisions: string[];
  generated: string;
  inputTokens: number;
  outputTokens: number;
  reviewers: string[];
  signer: string | null;
}

export interface DocumentRequest {
  kind: DocumentKind;
  from: string | null;
  to: string | null;
  release: string | null;
  periodFrom: string | null;
  periodTo: string | null;
  run: string | null;
  writer: string | null;
}

export interface Review {
  action: string;
  at: string;
  comment: string | null;
  user: string;
}

export interface Signature {
  at: string;
  sha256: string;
  signer: string;
}

export interface StokerDocument {
  id: string;
  project: string;
  kind: DocumentKind;
  status: DocumentStatus;
  title: string;
  version: number;
  content: string;
  facts: FactSet;
  findings: Finding[];
  provenance: Provenance;
  request: DocumentRequest;
  reviews: Review[];
  signature: Signature | null;
  stale: boolean;
  supersedes: string | null;
  supersededBy: string | null;
  created: string;
  createdBy: string;
  updated: string;
}

/** What to write: the kind and its inputs (times as ISO-8601 instants); what is not set is left out. */
export interface NewDocument {
  kind: string;
  from?: string;
  to?: string;
  release?: string;
  periodFrom?: string;
  periodTo?: string;
  run?: string;
  writer?: string;
}

export type ReviewAction = 'submit' | 'comment' | 'approve' | 'request-changes';
export type ExportFormat = 'md' | 'html' | 'pdf' | 'svg' | 'png';

/** A resource (`path`) or, with category `document`, one of the project's documents (`documentId`, `kind`, `title`, `status`). */
export interface SearchHit {
  path: string | null;
  category: string;
  score: number;
  excerpt: string;
  documentId: string | null;
  kind: DocumentKind | null;
  title: string | null;
  status: DocumentStatus | null;
}

export interface SearchResult {
  project: string;
  revision: string;
  query: string;
  indexed: number;
  model: string;
  hits: SearchHit[];
  /** how many of the project's documents are indexed */
  documents: number;
}
