/** Typed calls of the documents API over one {@link ApiClient}: list, generate, read, edit, review, accept, sign, export. */
import type { ApiClient } from './client';
import type { Page } from './types';
import type { DocumentSummary, ExportFormat, NewDocument, ReviewAction, SearchResult, StokerDocument } from './documentTypes';

const doc = (id: string) => `/documents/${encodeURIComponent(id)}`;

export function documentsApi(client: ApiClient) {
  return {
    /** A project's documents, newest first. */
    documents: async (project: string, offset: number, limit: number): Promise<Page<DocumentSummary>> => {
      const p = await client.request<Page<DocumentSummary>>('GET', `/projects/${encodeURIComponent(project)}/documents`, { query: { offset, limit } });
      return { ...p, items: p.items ?? [], total: p.total ?? p.items?.length ?? 0 };
    },
    documentWriters: async (): Promise<string[]> => (await client.request<{ writers: string[] }>('GET', '/documents/writers')).writers ?? [],
    generateDocument: (project: string, body: NewDocument) =>
      client.request<StokerDocument>('POST', `/projects/${encodeURIComponent(project)}/documents`, { body }),
    document: (id: string) => client.request<StokerDocument>('GET', doc(id)),
    editDocument: (id: string, content: string) => client.request<StokerDocument>('PUT', `${doc(id)}/content`, { body: { content } }),
    reviewDocument: (id: string, action: ReviewAction, comment?: string) =>
      client.request<StokerDocument>('POST', `${doc(id)}/reviews`, { body: comment ? { action, comment } : { action } }),
    acceptFinding: (id: string, finding: string, note: string) =>
      client.request<StokerDocument>('POST', `${doc(id)}/findings/${encodeURIComponent(finding)}/accept`, { body: { note } }),
    signDocument: (id: string) => client.request<StokerDocument>('POST', `${doc(id)}/sign`),
    newDocumentVersion: (id: string) => client.request<StokerDocument>('POST', `${doc(id)}/versions`),
    /** The document as a file (md, html or pdf), or a manual's diagram (svg, png), fetched with the session's token. */
    exportDocument: (id: string, format: ExportFormat) =>
      client.download('GET', `${doc(id)}/export`, { query: { format }, accept: `${EXPORT_TYPES[format]}, application/problem+json` }),
    /** The project's views, scripts and named queries closest in meaning to `q` (feature stoker-search; 503 without it). */
    searchProject: async (project: string, q: string, limit = 10): Promise<SearchResult> => {
      const r = await client.request<SearchResult>('GET', `/projects/${encodeURIComponent(project)}/search`, { query: { q, limit } });
      return { ...r, hits: r.hits ?? [] };
    },
  };
}

const EXPORT_TYPES: Record<ExportFormat, string> = {
  md: 'text/markdown',
  html: 'text/html',
  pdf: 'application/pdf',
  svg: 'image/svg+xml',
  png: 'image/png',
};

export type DocumentsApi = ReturnType<typeof documentsApi>;
