/**
 * Projects in the console: name rules, revision ids, the semantic diff's display (pretty JSON values,
 * unified diff lines, counts), the tree grouped by resource type, and the merge-resolution state.
 */
import type { ChangeKind, Merge, MergeConflict, ProjectTree, Resolution, ResolutionChoice, ResourceDiff, TreeResource } from '../api/types';

export const PROJECT_NAME_PATTERN = /^[a-z0-9][a-z0-9-]{1,62}$/;
/** Branch and release names: one or more segments of letters, digits, '.', '_' or '-'; no '..'. */
export const REF_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;

export function validateProjectName(v: string): string | undefined {
  if (!v) return 'Enter a name, e.g. line3-hmi.';
  if (/[A-Z]/.test(v)) return 'Use lower-case letters only.';
  if (!/^[a-z0-9]/.test(v)) return 'Start with a lower-case letter or digit.';
  if (/[^a-z0-9-]/.test(v)) return "Only lower-case letters, digits and '-'.";
  if (v.length < 2) return 'At least 2 characters.';
  if (v.length > 63) return 'At most 63 characters.';
  return PROJECT_NAME_PATTERN.test(v) ? undefined : "2–63 lower-case letters, digits and '-'.";
}

export function validateRefName(v: string, what: 'branch' | 'release'): string | undefined {
  if (!v.trim()) return what === 'branch' ? 'Enter a branch name, e.g. feature/alarms.' : 'Enter a release name, e.g. v1.2.0.';
  if (v.length > 100) return 'At most 100 characters.';
  if (/\s/.test(v)) return 'No spaces.';
  if (v.includes('..') || v.endsWith('.lock') || v.endsWith('.')) return "No '..', and not ending in '.' or '.lock'.";
  if (!REF_NAME_PATTERN.test(v)) return "Letters, digits, '.', '_', '-' and '/' between segments; start with a letter or digit.";
  return undefined;
}

/** The first 8 characters of a commit id (names of branches and tags stay whole). */
export function shortId(id: string | null | undefined): string {
  if (!id) return '—';
  return /^[0-9a-f]{12,}$/i.test(id) ? id.slice(0, 8) : id;
}

/** A JSON value as the diff shows it: pretty-printed, or "absent" for a missing value. */
export function prettyValue(json: string | null | undefined): { absent: boolean; text: string } {
  if (json === null || json === undefined) return { absent: true, text: 'absent' };
  try {
    return { absent: false, text: JSON.stringify(JSON.parse(json), null, 2) };
  } catch {
    return { absent: false, text: json };
  }
}

export type DiffLineKind = 'add' | 'del' | 'hunk' | 'meta' | 'context';

export function diffLines(textDiff: string): { kind: DiffLineKind; text: string }[] {
  const lines = textDiff.replace(/\r\n/g, '\n').split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.map((text) => {
    if (text.startsWith('+++') || text.startsWith('---') || text.startsWith('diff ') || text.startsWith('index ')) return { kind: 'meta', text };
    if (text.startsWith('@@')) return { kind: 'hunk', text };
    if (text.startsWith('+')) return { kind: 'add', text };
    if (text.startsWith('-')) return { kind: 'del', text };
    return { kind: 'context', text };
  });
}

export const CHANGE_KINDS: readonly ChangeKind[] = ['ADDED', 'REMOVED', 'MODIFIED', 'RENAMED'];

export function diffSummary(changes: ResourceDiff[]): Record<ChangeKind, number> {
  const counts: Record<ChangeKind, number> = { ADDED: 0, REMOVED: 0, MODIFIED: 0, RENAMED: 0 };
  for (const c of changes) if (c.kind in counts) counts[c.kind]++;
  return counts;
}

/** Resources grouped by type, types and paths sorted. */
export function groupByType(tree: ProjectTree): [string, TreeResource[]][] {
  const groups = new Map<string, TreeResource[]>();
  for (const r of tree.resources) {
    const list = groups.get(r.type) ?? [];
    list.push(r);
    groups.set(r.type, list);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([type, list]) => [type, [...list].sort((a, b) => a.path.localeCompare(b.path))]);
}

/** The name of a resource without its type prefix (`views/Main` → `Main` under `…/views`). */
export function resourceName(r: TreeResource): string {
  return r.path.startsWith(`${r.type}/`) ? r.path.slice(r.type.length + 1) : r.path;
}

// ---- merge resolution

export interface Choice {
  choice: ResolutionChoice | '';
  /** the custom value, for choice `value` */
  value: string;
}

export const conflictKey = (c: Pick<MergeConflict, 'path' | 'pointer'>) => `${c.path}\u0000${c.pointer}`;

/** JSON properties (`view.json#/root/…`, `tags.json#Folder/Tag`) take JSON values; text conflicts take text. */
export const isJsonConflict = (c: Pick<MergeConflict, 'pointer'>) => c.pointer.includes('#');

/**
 * The choice a conflict starts with: from its resolution when resolved (the choice's name, or a value
 * equal to one side), else none.
 */
export function initialChoice(c: MergeConflict): Choice {
  if (!c.resolved) return { choice: '', value: '' };
  const r = c.resolution;
  if (r === 'ours' || r === 'theirs' || r === 'base') return { choice: r, value: '' };
  if (r !== null && r === c.theirs) return { choice: 'theirs', value: '' };
  if (r !== null && r === c.ours) return { choice: 'ours', value: '' };
  if (r !== null && r === c.base) return { choice: 'base', value: '' };
  return { choice: 'value', value: r ?? '' };
}

export function initialChoices(m: Merge): Record<string, Choice> {
  return Object.fromEntries(m.conflicts.map((c) => [conflictKey(c), initialChoice(c)]));
}

/** What is wrong with a choice, if anything (a custom JSON value must parse). */
export function choiceError(c: MergeConflict, ch: Choice | undefined): string | undefined {
  if (!ch || ch.choice !== 'value') return undefined;
  if (isJsonConflict(c)) {
    if (!ch.value.trim()) return 'Enter a JSON value, e.g. "text", 42 or null.';
    try {
      JSON.parse(ch.value);
    } catch {
      return 'Not valid JSON (strings need quotes).';
    }
  }
  return undefined;
}

/** The resolutions to send: every conflict with a valid choice. */
export function resolutionsFrom(m: Merge, choices: Record<string, Choice>): Resolution[] {
  const out: Resolution[] = [];
  for (const c of m.conflicts) {
    const ch = choices[conflictKey(c)];
    if (!ch || !ch.choice || choiceError(c, ch)) continue;
    out.push(ch.choice === 'value' ? { path: c.path, pointer: c.pointer, choice: 'value', value: ch.value } : { path: c.path, pointer: c.pointer, choice: ch.choice });
  }
  return out;
}

/** Whether every conflict has a valid choice in the form. */
export function allChosen(m: Merge, choices: Record<string, Choice>): boolean {
  return m.conflicts.every((c) => {
    const ch = choices[conflictKey(c)];
    return !!ch?.choice && !choiceError(c, ch);
  });
}

export const resolvedCount = (m: Merge) => m.conflicts.filter((c) => c.resolved).length;

/** The server decides: a merge commits only when it says READY (all conflicts resolved). */
export const canCommit = (m: Merge) => m.status === 'READY';

/** Whether the form differs from what the server has stored. */
export function unsaved(m: Merge, choices: Record<string, Choice>): boolean {
  return m.conflicts.some((c) => {
    const a = choices[conflictKey(c)];
    const b = initialChoice(c);
    return !!a?.choice && (a.choice !== b.choice || (a.choice === 'value' && a.value !== b.value));
  });
}

/**
 * The input a problem belongs to: its `field`, or the name before the colon of its detail
 * (`name: must match …`), which is how the projects API names fields.
 */
export function problemField(e: { field?: string; detail: string }): string | undefined {
  if (e.field) return e.field;
  const m = /^([A-Za-z][A-Za-z0-9_.]*):\s/.exec(e.detail);
  return m?.[1];
}
