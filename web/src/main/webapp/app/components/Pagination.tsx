/** Previous/next paging with a page-size choice for the API's offset/limit pages. */
import { pageInfo, PAGE_SIZES } from '../lib/pagination';

interface Props {
  offset: number;
  limit: number;
  total: number;
  shown: number;
  label: string;
  onChange: (offset: number, limit: number) => void;
}

export function Pagination({ offset, limit, total, shown, label, onChange }: Props) {
  const info = pageInfo(offset, limit, total, shown);
  return (
    <nav className="pagination" aria-label={`${label} pages`}>
      <span className="pagination-summary" aria-live="polite">
        {total === 0 ? 'No entries' : `${info.from}–${info.to} of ${total}`}
      </span>
      <label className="pagination-size">
        <span>Per page</span>
        <select value={limit} onChange={(e) => onChange(0, Number(e.target.value))}>
          {PAGE_SIZES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <div className="pagination-buttons">
        <button type="button" className="btn btn-small" disabled={!info.hasPrev} onClick={() => onChange(0, limit)}>
          First
        </button>
        <button type="button" className="btn btn-small" disabled={!info.hasPrev} onClick={() => onChange(info.prevOffset, limit)}>
          Previous
        </button>
        <span className="pagination-page">
          Page {info.page} of {info.pages}
        </span>
        <button type="button" className="btn btn-small" disabled={!info.hasNext} onClick={() => onChange(info.nextOffset, limit)}>
          Next
        </button>
      </div>
    </nav>
  );
}
