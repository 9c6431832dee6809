/** Pieces the project page's tabs (and the merge page) share: the diff link and the branch options. */
import type { Branch, Project } from '../../api/types';
import { projectHref } from '../Projects';

export const diffHref = (project: string, from: string, to: string) =>
  projectHref(project, `/diff?${new URLSearchParams({ from, to }).toString()}`);

/** The branches as `<option>`s, the default one marked; only the default branch while none is listed. */
export function BranchOptions({ branches, project }: { branches: Branch[]; project: Project }) {
  const names = branches.length ? branches.map((b) => b.name) : [project.defaultBranch];
  return (
    <>
      {names.map((n) => (
        <option key={n} value={n}>
          {n}
          {n === project.defaultBranch ? ' (default)' : ''}
        </option>
      ))}
    </>
  );
}
