import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { strToU8, zipSync } from 'fflate';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ResourceDiff } from '../api/types';
import { fakeStoker, type FakeStoker } from '../../test/fakeStoker';
import { renderApp } from '../../test/render';
import { DiffView } from './ProjectDiff';

const VIEW = 'com.inductiveautomation.perspective/views/Main';

const SCRIPT = 'ignition/script-python/util';
/** The files of a revision of line3: a view whose text is `text` and a script `code`. */
const files = (text = 'Hello', code = 'x = 1\n') => ({
  'project.json': '{\n  "title": "Line 3"\n}\n',
  [`${VIEW}/resource.json`]: '{\n  "scope": "G"\n}\n',
  [`${VIEW}/view.json`]: `{\n  "root": {\n    "props": {\n      "text": "${text}"\n    }\n  }\n}\n`,
  [`${SCRIPT}/resource.json`]: '{\n  "scope": "A"\n}\n',
  [`${SCRIPT}/code.py`]: code,
  'tags.json': '{"tags":[]}',
});

/** line3 with two imports on main and a branch `feature` at the second. */
function seeded() {
  const stoker = fakeStoker();
  const { projects } = stoker;
  projects.addProject('line3', { description: 'Line 3 HMI' });
  const r1 = projects.commit('line3', 'main', 'first import', files());
  const r2 = projects.commit('line3', 'main', 'second import', files());
  projects.branch('line3', 'feature', r2.id);
  return { stoker, r1, r2 };
}

/** A project export of `entries` (path → text; tags are exported apart). */
const zip = (name: string, { 'tags.json': _, ...entries }: Record<string, string>) =>
  new File([zipSync(Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, strToU8(v)])))], name, { type: 'application/zip' });

const sampleDiff: ResourceDiff[] = [
  {
    path: VIEW,
    oldPath: null,
    kind: 'MODIFIED',
    properties: [
      { pointer: 'view.json#/root/props/text', oldValue: '"Hello"', newValue: '"Hello, line 3"' },
      { pointer: 'view.json#/root/props/style', oldValue: null, newValue: '{"color":"red","size":2}' },
    ],
    textDiff: null,
    runtimeValues: [],
  },
  {
    path: 'ignition/script-python/util',
    oldPath: null,
    kind: 'MODIFIED',
    properties: [],
    textDiff: '--- a/code.py\n+++ b/code.py\n@@ -1,2 +1,2 @@\n def speed():\n-    return 1\n+    return 2\n',
    runtimeValues: [],
  },
  { path: 'com.inductiveautomation.perspective/views/New', oldPath: 'com.inductiveautomation.perspective/views/Old', kind: 'RENAMED', properties: [], textDiff: null, runtimeValues: [] },
  { path: 'tags', oldPath: null, kind: 'REMOVED', properties: [{ pointer: 'tags.json#Line3/Speed', oldValue: '{"value":1}', newValue: null }], textDiff: null, runtimeValues: [] },
];

const forbiddenControls = [/new project/i, /^import$/i, /create/i, /delete/i, /merge/i, /save/i, /commit/i, /abandon/i];

function expectNoChangeControls() {
  for (const name of forbiddenControls) {
    expect(screen.queryByRole('button', { name })).not.toBeInTheDocument();
  }
  expect(screen.queryByRole('link', { name: /merge branches|^import$/i })).not.toBeInTheDocument();
}

describe('projects list', () => {
  it('lists projects with paging and lets a lead create one', async () => {
    const user = userEvent.setup();
    const stoker = fakeStoker();
    for (let i = 0; i < 26; i++) stoker.projects.addProject(`p${String(i).padStart(2, '0')}`);
    renderApp('/projects', { as: 'lead', stoker });
    expect(await screen.findByRole('link', { name: 'p00' })).toBeInTheDocument();
    expect(screen.getByText('1–25 of 26')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'New project' }));
    const form = screen.getByRole('form', { name: 'New project' });
    await waitFor(() => expect(within(form).getByLabelText('Platform')).toHaveDisplayValue('Ignition (ignition)'));
    await user.type(within(form).getByLabelText('Name'), 'Line3');
    expect(within(form).getByText('Use lower-case letters only.')).toBeInTheDocument();
    await user.clear(within(form).getByLabelText('Name'));
    await user.type(within(form).getByLabelText('Name'), 'p00');
    await user.type(within(form).getByLabelText('Description (optional)'), 'dup');
    await user.click(within(form).getByRole('button', { name: 'Create project' }));
    expect(await within(form).findByText("name: project 'p00' already exists")).toBeInTheDocument();
    await user.clear(within(form).getByLabelText('Name'));
    await user.type(within(form).getByLabelText('Name'), 'line3-hmi');
    await user.click(within(form).getByRole('button', { name: 'Create project' }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/projects/line3-hmi'));
    expect(await screen.findByText(/Project line3-hmi created/)).toBeInTheDocument();
    expect(screen.getByText('No revisions yet')).toBeInTheDocument();
    expect(stoker.calls.find((c) => c.method === 'POST' && c.path === '/api/v1/projects' && c.body && (c.body as { name: string }).name === 'line3-hmi')?.body).toEqual({
      name: 'line3-hmi',
      platform: 'ignition',
      description: 'dup',
    });
  });

  it('gives engineers no new-project button', async () => {
    renderApp('/projects', { as: 'engineer' });
    expect(await screen.findByText('No projects yet')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'New project' })).not.toBeInTheDocument();
  });
});

describe('project page', () => {
  it('shows history and compares two picked revisions', async () => {
    const user = userEvent.setup();
    const { stoker, r1, r2 } = seeded();
    renderApp('/projects/line3', { stoker });
    expect(await screen.findByRole('heading', { level: 1, name: 'line3' })).toBeInTheDocument();
    expect(screen.getByText('main', { selector: 'strong' })).toBeInTheDocument();
    const table = await screen.findByRole('table', { name: /Revisions of main/ });
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    expect(within(table).getByText('second import')).toBeInTheDocument();
    const compare = screen.getByRole('button', { name: 'Compare selected' });
    expect(compare).toBeDisabled();
    await user.click(screen.getByRole('checkbox', { name: `Select ${r2.id.slice(0, 8)} for comparison` }));
    await user.click(screen.getByRole('checkbox', { name: `Select ${r1.id.slice(0, 8)} for comparison` }));
    expect(compare).toBeEnabled();
    await user.click(compare);
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(`/projects/line3/diff?from=${r1.id}&to=${r2.id}`));
    expect(await screen.findByText('No differences')).toBeInTheDocument();
  });

  it('browses resources by type and opens a file', async () => {
    const user = userEvent.setup();
    const { stoker } = seeded();
    renderApp('/projects/line3?tab=browse', { stoker });
    const group = await screen.findByRole('region', { name: 'com.inductiveautomation.perspective/views' });
    expect(within(group).getByText('Main')).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'ignition/script-python' })).toBeInTheDocument();
    await user.click(within(group).getByRole('button', { name: `Open ${VIEW}/view.json` }));
    expect(await screen.findByTestId('file-content')).toHaveTextContent('"text": "Hello"');
    await user.click(screen.getByRole('button', { name: 'Open tags.json' }));
    await waitFor(() => expect(screen.getByTestId('file-content')).toHaveTextContent('{"tags":[]}'));
  });

  it('imports a zip and tags as multipart and shows the new revision, with errors next to the form', async () => {
    const user = userEvent.setup();
    const { stoker, r2 } = seeded();
    renderApp('/projects/line3?tab=import', { as: 'engineer', stoker });
    const form = await screen.findByRole('form', { name: 'Import' });
    await user.click(within(form).getByRole('button', { name: 'Import' }));
    expect(within(form).getByText('Choose a project export, a tag export, or both.')).toBeInTheDocument();
    const { 'project.json': _, ...noProject } = files();
    await user.upload(within(form).getByLabelText('Project export (.zip)'), zip('line3.zip', noProject));
    await user.upload(within(form).getByLabelText('Tag export (.json, optional)'), new File(['{"tags":[]}'], 'tags.json', { type: 'application/json' }));
    await user.selectOptions(within(form).getByLabelText('Branch'), 'feature');
    await user.type(within(form).getByLabelText('Message'), 'new alarm view');
    await user.click(within(form).getByRole('button', { name: 'Import' }));
    expect(await within(form).findByText(/project.json missing/)).toBeInTheDocument();

    await user.upload(within(form).getByLabelText('Project export (.zip)'), zip('line3.zip', files('Alarms')));
    await user.click(within(form).getByRole('button', { name: 'Import' }));
    const status = await screen.findByText(/Imported as revision/);
    expect(status).toHaveTextContent('on feature');
    const call = stoker.calls.filter((c) => c.path === '/api/v1/projects/line3/imports').at(-1)!;
    expect(call.query.get('branch')).toBe('feature');
    expect(call.query.get('message')).toBe('new alarm view');
    const form_ = call.body as FormData;
    expect([(form_.get('project') as File).name, (form_.get('tags') as File).name]).toEqual(['line3.zip', 'tags.json']);
    const newHead = stoker.projects.repos.get('line3')!.branches.get('feature')!;
    expect(within(status.closest('div')!).getByRole('link', { name: 'See what changed' })).toHaveAttribute('href', `/projects/line3/diff?from=${r2.id}&to=${newHead}`);
  });

  it('links the second of two quick imports to the first even while the page is still reloading', async () => {
    const user = userEvent.setup();
    const { stoker } = seeded();
    renderApp('/projects/line3?tab=import', { as: 'engineer', stoker });
    await screen.findByRole('form', { name: 'Import' });
    // the page's reloads after an import never come back: what the form knows must do (a busy CI machine)
    vi.spyOn(stoker.api, 'project').mockImplementation(() => new Promise(() => {}));
    vi.spyOn(stoker.api, 'branches').mockImplementation(() => new Promise(() => {}));
    const importOnce = async (label: string) => {
      const form = screen.getByRole('form', { name: 'Import' }); // a new form after each import
      await user.upload(within(form).getByLabelText('Project export (.zip)'), zip('line3.zip', files(label)));
      await user.type(within(form).getByLabelText('Message'), `import ${label}`);
      await user.click(within(form).getByRole('button', { name: 'Import' }));
    };
    await importOnce('First');
    await waitFor(() => expect(screen.getByText(/Imported as revision/)).toBeInTheDocument());
    const first = stoker.projects.repos.get('line3')!.branches.get('main')!;
    await importOnce('Second');
    const second = await waitFor(() => {
      const head = stoker.projects.repos.get('line3')!.branches.get('main')!;
      expect(head).not.toBe(first);
      return head;
    });
    const link = await screen.findByRole('link', { name: 'See what changed' });
    expect(link).toHaveAttribute('href', `/projects/line3/diff?from=${first}&to=${second}`);
  });

  it('creates and deletes branches (with confirmation) and creates a release with a download', async () => {
    const user = userEvent.setup();
    const { stoker, r2 } = seeded();
    const saved: string[] = [];
    const createUrl = vi.fn(() => 'blob:fake');
    Object.assign(URL, { createObjectURL: createUrl, revokeObjectURL: vi.fn() });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(this.download);
    });
    renderApp('/projects/line3?tab=branches', { as: 'engineer', stoker });
    const form = await screen.findByRole('form', { name: 'New branch' });
    await user.type(within(form).getByLabelText('Branch name'), 'feature');
    expect(within(form).getByText('A branch feature exists already.')).toBeInTheDocument();
    await user.clear(within(form).getByLabelText('Branch name'));
    await user.type(within(form).getByLabelText('Branch name'), 'hotfix');
    await user.click(within(form).getByRole('button', { name: 'Create branch' }));
    expect(await screen.findByText(`Branch hotfix created at ${r2.id.slice(0, 8)}.`)).toBeInTheDocument();
    expect(stoker.calls.find((c) => c.method === 'POST' && c.path === '/api/v1/projects/line3/branches')?.body).toEqual({ name: 'hotfix', from: 'main' });
    expect(screen.queryByRole('button', { name: 'Delete branch main' })).not.toBeInTheDocument();
    await user.click(await screen.findByRole('button', { name: 'Delete branch hotfix' }));
    await user.click(within(screen.getByRole('dialog', { name: 'Delete branch hotfix?' })).getByRole('button', { name: 'Delete branch' }));
    expect(await screen.findByText('Branch hotfix deleted.')).toBeInTheDocument();

    await user.click(screen.getByRole('link', { name: 'Releases' }));
    const rel = await screen.findByRole('form', { name: 'New release' });
    expect(within(rel).getByLabelText('Revision')).toHaveValue('main');
    await user.type(within(rel).getByLabelText('Release name'), 'v1 0');
    expect(within(rel).getByText('No spaces.')).toBeInTheDocument();
    await user.clear(within(rel).getByLabelText('Release name'));
    await user.type(within(rel).getByLabelText('Release name'), 'v1.0.0');
    await user.type(within(rel).getByLabelText('Source environment (optional)'), 'line3-test');
    await user.click(within(rel).getByRole('button', { name: 'Create release' }));
    expect(await screen.findByText(`Release v1.0.0 created from ${r2.id.slice(0, 8)}.`)).toBeInTheDocument();
    const row = (await screen.findByText('v1.0.0', { selector: 'strong' })).closest('tr')!;
    expect(within(row).getByText('line3-test')).toBeInTheDocument();
    await user.click(within(row).getByRole('button', { name: 'Download the export of release v1.0.0' }));
    await waitFor(() => expect(saved).toEqual([`line3-${r2.id.slice(0, 8)}.zip`]));
    const exp = stoker.calls.find((c) => c.path === '/api/v1/projects/line3/export')!;
    expect(exp.query.get('rev')).toBe(r2.id);
    expect(exp.auth).toBe('Bearer tok-engineer');
    click.mockRestore();
  });

  it('gives a viewer every section to read and no control that changes anything', async () => {
    const user = userEvent.setup();
    const { stoker } = seeded();
    renderApp('/projects/line3', { as: 'viewer', stoker });
    await screen.findByRole('table', { name: /Revisions of main/ });
    const tabs = screen.getByRole('navigation', { name: 'Project sections' });
    expect(within(tabs).getAllByRole('link').map((l) => l.textContent)).toEqual(['History', 'Browse', 'Branches', 'Releases', 'Pipeline', 'Runs', 'Documents', 'Search', 'Members']);
    expectNoChangeControls();
    await user.click(within(tabs).getByRole('link', { name: 'Branches' }));
    await screen.findByRole('table', { name: 'Branches' });
    expectNoChangeControls();
    await user.click(within(tabs).getByRole('link', { name: 'Releases' }));
    await screen.findByText('No releases yet');
    expectNoChangeControls();
    cleanup();
    renderApp('/projects', { as: 'viewer', stoker });
    await screen.findAllByRole('link', { name: 'line3' });
    expectNoChangeControls();
  });
});

describe('semantic diff viewer', () => {
  afterEach(() => vi.restoreAllMocks());

  it('renders counts, a before/after row per property and coloured text diff lines', () => {
    render(
      <MemoryRouter>
        <DiffView changes={sampleDiff} />
      </MemoryRouter>,
    );
    expect(screen.getByRole('region', { name: 'Summary' })).toHaveTextContent('4 resources changed: 0 added, 1 removed, 2 modified, 1 renamed');
    const cards = screen.getAllByTestId('resource-diff');
    expect(cards).toHaveLength(4);
    expect(within(cards[0]).getByText('Modified')).toBeInTheDocument();
    const rows = within(within(cards[0]).getByRole('table')).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(within(rows[1]).getByRole('rowheader')).toHaveTextContent('view.json#/root/props/text');
    expect(within(rows[1]).getAllByRole('cell').map((c) => c.textContent)).toEqual(['"Hello"', '"Hello, line 3"']);
    expect(within(rows[2]).getAllByRole('cell')[0]).toHaveTextContent('absent');
    expect(within(rows[2]).getAllByRole('cell')[1].textContent).toBe('{\n  "color": "red",\n  "size": 2\n}');

    const text = within(cards[1]).getByTestId('text-diff');
    const lines = [...text.querySelectorAll('.diff-line')];
    expect(lines.map((l) => l.className.replace('diff-line ', ''))).toEqual(['diff-meta', 'diff-meta', 'diff-hunk', 'diff-context', 'diff-del', 'diff-add']);
    expect(text.querySelector('.diff-del')?.textContent).toBe('-    return 1\n');
    expect(text.querySelector('.diff-add')?.textContent).toBe('+    return 2\n');

    expect(within(cards[2]).getByRole('heading')).toHaveTextContent('Renamed com.inductiveautomation.perspective/views/Old → renamed to com.inductiveautomation.perspective/views/New');
    expect(within(cards[3]).getByText('Removed')).toBeInTheDocument();
    expect(within(cards[3]).getAllByRole('cell')[1]).toHaveTextContent('absent');
  });

  it('loads the diff of two revisions from the address', async () => {
    const { stoker, r1 } = seeded();
    // the view's text, the script and the tags change; a view is renamed
    const { 'tags.json': _, ...untagged } = files('Hello, line 3', 'x = 2\n');
    const r3 = stoker.projects.commit('line3', 'main', 'third import', { ...untagged, 'com.inductiveautomation.perspective/views/New/resource.json': '{}' });
    renderApp(`/projects/line3/diff?from=${r1.id}&to=${r3.id}`, { as: 'viewer', stoker });
    expect(await screen.findByRole('heading', { level: 1, name: 'Changes in line3' })).toBeInTheDocument();
    expect(await screen.findAllByTestId('resource-diff')).toHaveLength(4);
    expect(screen.getByRole('form', { name: 'Revisions to compare' })).toBeInTheDocument();
  });
});

describe('large diffs', () => {
  /** 120 views changed between two revisions: 90 by an engineer (the label), 30 only in a runtime value */
  function bigDiff() {
    const stoker = fakeStoker();
    stoker.projects.addProject('big');
    const revision = (label: string, at: number) => {
      const f: Record<string, string> = { 'project.json': '{"title":"Big"}' };
      for (let i = 0; i < 120; i++) {
        const view = `com.inductiveautomation.perspective/views/Area${i % 2}/View${String(i).padStart(3, '0')}`;
        f[`${view}/resource.json`] = '{"scope":"G","files":["view.json"]}';
        f[`${view}/view.json`] = JSON.stringify({ custom: { at: { $: ['ts', 192, i < 90 ? 1 : at], $ts: i < 90 ? 1 : at } }, root: { props: { text: i < 90 ? `${label} ${i}` : 'same' } } });
      }
      return stoker.projects.commit('big', 'main', label, f);
    };
    return { stoker, from: revision('Before', 1), to: revision('After', 2) };
  }

  it('shows one page of the changes with the totals, pages on, filters by folder and lists runtime-only changes apart', async () => {
    const user = userEvent.setup();
    const { stoker, from, to } = bigDiff();
    renderApp(`/projects/big/diff?from=${from.id}&to=${to.id}`, { as: 'viewer', stoker });
    await waitFor(() => expect(screen.getAllByTestId('resource-diff')).toHaveLength(50));
    const summary = screen.getByRole('region', { name: 'Summary' });
    expect(summary).toHaveTextContent('120 resources changed: 0 added, 0 removed, 120 modified, 0 renamed');
    expect(screen.getByTestId('runtime-only-count')).toHaveTextContent('30 of them changed only in runtime values');
    expect(screen.getByText('1–50 of 90')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await waitFor(() => expect(screen.getByText('51–90 of 90')).toBeInTheDocument());
    expect(screen.getAllByTestId('resource-diff')).toHaveLength(40);

    const filters = screen.getByRole('form', { name: 'Filter changes' });
    await user.type(within(filters).getByLabelText('Folder'), 'com.inductiveautomation.perspective/views/Area1');
    await user.click(within(filters).getByRole('button', { name: 'Filter' }));
    await waitFor(() => expect(screen.getByText('1–45 of 45')).toBeInTheDocument());
    expect(screen.getAllByTestId('resource-diff').every((c) => c.textContent!.includes('/Area1/'))).toBe(true);

    await user.selectOptions(within(filters).getByLabelText('Show'), 'only');
    await waitFor(() => expect(screen.getByText('1–15 of 15')).toBeInTheDocument());
    const card = screen.getAllByTestId('resource-diff')[0];
    expect(within(card).queryByRole('table')).toBeNull();
    await user.click(within(card).getByTestId('runtime-values'));
    expect(within(card).getByRole('table')).toHaveTextContent('view.json#/custom/at');
  });
});

describe('merges', () => {
  /** main and feature each change the view's text and the script since the second import */
  async function startConflicted(stoker: FakeStoker, user: ReturnType<typeof userEvent.setup>) {
    stoker.projects.commit('line3', 'main', 'from main', files('From main', 'x = 2\n'));
    stoker.projects.commit('line3', 'feature', 'from feature', files('From feature', 'x = 3\n'));
    renderApp('/projects/line3/merge', { as: 'engineer', stoker });
    const form = await screen.findByRole('form', { name: 'Merge' });
    await waitFor(() => expect(within(form).getByLabelText('Source (theirs)')).toHaveValue('feature'));
    expect(within(form).getByLabelText('Target (ours)')).toHaveValue('main');
    await user.click(within(form).getByRole('button', { name: 'Start merge' }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(/^\/projects\/line3\/merges\/m\d+$/));
    return screen.findAllByTestId('conflict');
  }

  it('resolves every conflict, enables commit only once the merge is READY, and commits', async () => {
    const user = userEvent.setup();
    const { stoker } = seeded();
    const cards = await startConflicted(stoker, user);
    expect(cards).toHaveLength(2);
    expect(within(cards[0]).getAllByRole('cell').map((c) => c.textContent)).toEqual(['"Hello"', '"From main"', '"From feature"']);
    expect(screen.getByTestId('resolved-count')).toHaveTextContent('0 of 2 conflicts resolved');
    const commit = screen.getByRole('button', { name: 'Commit merge' });
    const save = screen.getByRole('button', { name: 'Save resolutions' });
    expect(commit).toBeDisabled();
    expect(save).toBeDisabled();

    await user.click(within(cards[0]).getByRole('radio', { name: 'Theirs (feature)' }));
    await user.click(save);
    expect(await screen.findByText('Resolutions saved: 1 of 2 conflicts resolved.')).toBeInTheDocument();
    expect(commit).toBeDisabled();

    await user.click(within(cards[1]).getByRole('radio', { name: 'Custom value' }));
    await user.type(within(cards[1]).getByLabelText('Value to keep'), 'x = 4');
    expect(commit).toBeDisabled(); // chosen but not saved: the server still says CONFLICTED
    await user.click(save);
    expect(await screen.findByText(/2 of 2 conflicts resolved\. The merge is ready to commit\./)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Commit merge' })).toBeEnabled();
    const puts = stoker.calls.filter((c) => c.method === 'PUT');
    expect(puts.at(-1)?.body).toEqual([
      { path: VIEW, pointer: 'view.json#/root/props/text', choice: 'theirs' },
      { path: 'ignition/script-python/util', pointer: 'code.py', choice: 'value', value: 'x = 4' },
    ]);
    // the choices come back from the server
    expect(within(screen.getAllByTestId('conflict')[0]).getByRole('radio', { name: 'Theirs (feature)' })).toBeChecked();

    await user.click(screen.getByRole('button', { name: 'Commit merge' }));
    expect(await screen.findByText(/Merged feature into main as revision/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'See what the merge changed on main' })).toHaveAttribute('href', expect.stringMatching(/^\/projects\/line3\/diff\?from=/));
    expect(screen.queryByRole('button', { name: 'Commit merge' })).not.toBeInTheDocument();
  });

  it('reloads a merge from its deep link, checks custom JSON values and abandons after confirmation', async () => {
    const user = userEvent.setup();
    const { stoker } = seeded();
    await startConflicted(stoker, user);
    const id = screen.getByTestId('location').textContent!.split('/').pop()!;
    cleanup();
    renderApp(`/projects/line3/merges/${id}`, { as: 'engineer', stoker });
    const cards = await screen.findAllByTestId('conflict');
    await user.click(within(cards[0]).getByRole('radio', { name: 'Custom value' }));
    await user.type(within(cards[0]).getByLabelText('Value to keep'), 'unquoted');
    expect(within(cards[0]).getByText('Not valid JSON (strings need quotes).')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Save resolutions' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Abandon…' }));
    await user.click(within(screen.getByRole('dialog', { name: 'Abandon this merge?' })).getByRole('button', { name: 'Abandon merge' }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(/^\/projects\/line3$/));
    expect(await screen.findByText('Merge of feature into main abandoned; main is unchanged.')).toBeInTheDocument();
    expect(stoker.projects.repos.get('line3')!.merges.has(id)).toBe(false);
  });

  it('shows a clean merge as committed at once', async () => {
    const user = userEvent.setup();
    const { stoker } = seeded();
    stoker.projects.commit('line3', 'feature', 'new text', files('From feature'));
    renderApp('/projects/line3/merge', { as: 'engineer', stoker });
    const form = await screen.findByRole('form', { name: 'Merge' });
    await waitFor(() => expect(within(form).getByLabelText('Source (theirs)')).toHaveValue('feature'));
    await user.click(within(form).getByRole('button', { name: 'Start merge' }));
    expect(await screen.findByText(/Merged feature into main as revision/)).toBeInTheDocument();
    expect(stoker.calls.find((c) => c.method === 'POST' && c.path === '/api/v1/projects/line3/merges')?.body).toEqual({ source: 'feature', target: 'main', message: 'Merge feature into main' });
  });

  it('says when the target already has everything from the source', async () => {
    const user = userEvent.setup();
    // feature points at main's head: nothing to merge
    const { stoker } = seeded();
    renderApp('/projects/line3/merge', { as: 'engineer', stoker });
    const form = await screen.findByRole('form', { name: 'Merge' });
    await waitFor(() => expect(within(form).getByLabelText('Source (theirs)')).toHaveValue('feature'));
    await user.click(within(form).getByRole('button', { name: 'Start merge' }));
    expect(await screen.findByText('Nothing to merge: main already has everything from feature.')).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent(/^\/projects\/line3\/merge$/);
  });

  it('shows a viewer the conflicts without choices or buttons', async () => {
    const user = userEvent.setup();
    const { stoker } = seeded();
    await startConflicted(stoker, user);
    const id = screen.getByTestId('location').textContent!.split('/').pop()!;
    cleanup();
    renderApp(`/projects/line3/merges/${id}`, { as: 'viewer', stoker });
    const cards = await screen.findAllByTestId('conflict');
    expect(within(cards[0]).queryByRole('radio')).not.toBeInTheDocument();
    expectNoChangeControls();
  });
});
