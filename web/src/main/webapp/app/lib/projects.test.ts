import { describe, expect, it } from 'vitest';
import type { Merge, MergeConflict } from '../api/types';
import {
  allChosen,
  canCommit,
  choiceError,
  conflictKey,
  diffLines,
  diffSummary,
  groupByType,
  initialChoice,
  initialChoices,
  prettyValue,
  problemField,
  resolutionsFrom,
  shortId,
  unsaved,
  validateProjectName,
  validateRefName,
} from './projects';

const conflict = (pointer: string, extra: Partial<MergeConflict> = {}): MergeConflict => ({
  path: 'com.inductiveautomation.perspective/views/Main',
  pointer,
  base: '"Hello"',
  ours: '"From main"',
  theirs: '"From feature"',
  resolved: false,
  resolution: null,
  ...extra,
});
const merge = (conflicts: MergeConflict[], status: Merge['status'] = 'CONFLICTED'): Merge => ({
  id: 'm1',
  project: 'p1',
  source: 'feature',
  target: 'main',
  base: 'b',
  ours: 'o',
  theirs: 't',
  status,
  conflicts,
  revision: null,
  createdBy: 'ann',
  created: '2025-01-01T00:00:00Z',
});

describe('names', () => {
  it('checks project names like the API ([a-z0-9][a-z0-9-]{1,62})', () => {
    expect(validateProjectName('')).toMatch(/Enter a name/);
    expect(validateProjectName('Line3')).toMatch(/lower-case/);
    expect(validateProjectName('-line')).toMatch(/Start with/);
    expect(validateProjectName('a')).toMatch(/At least 2/);
    expect(validateProjectName('line_3')).toMatch(/Only lower-case/);
    expect(validateProjectName('a'.repeat(64))).toMatch(/At most 63/);
    expect(validateProjectName('3-line')).toBeUndefined();
    expect(validateProjectName('a'.repeat(63))).toBeUndefined();
  });

  it('checks branch and release names', () => {
    expect(validateRefName('', 'branch')).toMatch(/branch name/);
    expect(validateRefName('feature/alarms', 'branch')).toBeUndefined();
    expect(validateRefName('a..b', 'branch')).toMatch(/'\.\.'/);
    expect(validateRefName('has space', 'release')).toBe('No spaces.');
    expect(validateRefName('v1.2.0', 'release')).toBeUndefined();
    expect(validateRefName('-x', 'release')).toMatch(/start with/);
  });

  it('shortens commit ids only', () => {
    expect(shortId('0123456789abcdef0123456789abcdef01234567')).toBe('01234567');
    expect(shortId('main')).toBe('main');
    expect(shortId(null)).toBe('—');
  });

  it('finds the field of a problem in its detail', () => {
    expect(problemField({ detail: 'name: must match [a-z0-9][a-z0-9-]{1,62}' })).toBe('name');
    expect(problemField({ field: 'from', detail: 'x' })).toBe('from');
    expect(problemField({ detail: 'no field here' })).toBeUndefined();
  });
});

describe('diff display', () => {
  it('pretty-prints JSON values and shows a missing one as absent', () => {
    expect(prettyValue('{"a":1,"b":[true]}').text).toBe('{\n  "a": 1,\n  "b": [\n    true\n  ]\n}');
    expect(prettyValue(null)).toEqual({ absent: true, text: 'absent' });
    expect(prettyValue('not json')).toEqual({ absent: false, text: 'not json' });
    expect(prettyValue('null')).toEqual({ absent: false, text: 'null' });
  });

  it('classifies unified diff lines', () => {
    const lines = diffLines('--- a/code.py\n+++ b/code.py\n@@ -1,2 +1,2 @@\n def f():\n-    return 1\n+    return 2\n');
    expect(lines.map((l) => l.kind)).toEqual(['meta', 'meta', 'hunk', 'context', 'del', 'add']);
  });

  it('counts changes by kind and groups resources by type', () => {
    const c = (kind: 'ADDED' | 'MODIFIED') => ({ path: 'p', oldPath: null, kind, properties: [], textDiff: null, runtimeValues: [] });
    expect(diffSummary([c('ADDED'), c('MODIFIED'), c('MODIFIED')])).toEqual({ ADDED: 1, REMOVED: 0, MODIFIED: 2, RENAMED: 0 });
    const groups = groupByType({
      revision: 'r',
      hasTags: false,
      resources: [
        { path: 'p/views/B', type: 'p/views', files: [] },
        { path: 'i/script-python/x', type: 'i/script-python', files: [] },
        { path: 'p/views/A', type: 'p/views', files: [] },
      ],
    });
    expect(groups.map(([t, rs]) => [t, rs.map((r) => r.path)])).toEqual([
      ['i/script-python', ['i/script-python/x']],
      ['p/views', ['p/views/A', 'p/views/B']],
    ]);
  });
});

describe('merge resolution state', () => {
  const a = conflict('view.json#/root/children/0/props/text');
  const b = conflict('code.py', { base: 'x = 1\n', ours: 'x = 2\n', theirs: 'x = 3\n' });

  it('starts with no choice for open conflicts and recovers saved ones', () => {
    expect(initialChoice(a)).toEqual({ choice: '', value: '' });
    expect(initialChoice({ ...a, resolved: true, resolution: '"From feature"' })).toEqual({ choice: 'theirs', value: '' });
    expect(initialChoice({ ...a, resolved: true, resolution: 'ours' })).toEqual({ choice: 'ours', value: '' });
    expect(initialChoice({ ...a, resolved: true, resolution: '"mine"' })).toEqual({ choice: 'value', value: '"mine"' });
  });

  it('sends only valid choices and requires JSON for custom property values', () => {
    const m = merge([a, b]);
    const choices = initialChoices(m);
    expect(allChosen(m, choices)).toBe(false);
    expect(resolutionsFrom(m, choices)).toEqual([]);
    choices[conflictKey(a)] = { choice: 'value', value: 'not json' };
    expect(choiceError(a, choices[conflictKey(a)])).toMatch(/Not valid JSON/);
    expect(resolutionsFrom(m, choices)).toEqual([]);
    choices[conflictKey(a)] = { choice: 'value', value: '"both"' };
    choices[conflictKey(b)] = { choice: 'value', value: 'x = 4 # any text\n' };
    expect(choiceError(b, choices[conflictKey(b)])).toBeUndefined();
    expect(allChosen(m, choices)).toBe(true);
    expect(resolutionsFrom(m, choices)).toEqual([
      { path: a.path, pointer: a.pointer, choice: 'value', value: '"both"' },
      { path: b.path, pointer: b.pointer, choice: 'value', value: 'x = 4 # any text\n' },
    ]);
    expect(unsaved(m, choices)).toBe(true);
  });

  it('lets the merge commit only when the server says READY', () => {
    expect(canCommit(merge([a], 'CONFLICTED'))).toBe(false);
    expect(canCommit(merge([{ ...a, resolved: true, resolution: '"x"' }], 'READY'))).toBe(true);
    expect(canCommit(merge([], 'COMMITTED'))).toBe(false);
    const saved = merge([{ ...a, resolved: true, resolution: '"From main"' }], 'READY');
    expect(unsaved(saved, initialChoices(saved))).toBe(false);
  });
});
