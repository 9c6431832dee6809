/** Offset/limit arithmetic for the API's pages. */

export const PAGE_SIZES = [25, 50, 100] as const;

export interface PageInfo {
  /** 1-based page number */
  page: number;
  pages: number;
  /** 1-based index of the first item shown, 0 when empty */
  from: number;
  /** 1-based index of the last item shown */
  to: number;
  total: number;
  hasPrev: boolean;
  hasNext: boolean;
  prevOffset: number;
  nextOffset: number;
  lastOffset: number;
}

export function pageInfo(offset: number, limit: number, total: number, shown?: number): PageInfo {
  const size = Math.max(1, limit);
  const safeOffset = Math.max(0, offset);
  const pages = Math.max(1, Math.ceil(total / size));
  const count = shown ?? Math.max(0, Math.min(size, total - safeOffset));
  return {
    page: Math.floor(safeOffset / size) + 1,
    pages,
    from: count > 0 ? safeOffset + 1 : 0,
    to: safeOffset + count,
    total,
    hasPrev: safeOffset > 0,
    hasNext: safeOffset + size < total,
    prevOffset: Math.max(0, safeOffset - size),
    nextOffset: safeOffset + size,
    lastOffset: (pages - 1) * size,
  };
}

/** Reads a non-negative integer from a URL parameter, or the fallback. */
export function intParam(value: string | null, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  if (value === null || !/^\d+$/.test(value)) return fallback;
  return Math.min(Number(value), max);
}

/** After deleting the last item of a page, step back a page rather than show an empty one. */
export function offsetAfterRemoval(offset: number, limit: number, totalAfter: number): number {
  if (offset > 0 && offset >= totalAfter) return Math.max(0, offset - limit);
  return offset;
}
