import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeStoker } from '../../../test/fakeStoker';
import { renderApp } from '../../../test/render';

const VIEW = 'com.inductiveautomation.perspective/views/AlarmAcknowledge';
const SCRIPT = 'ignition/script-python/util';
const files = { [`${VIEW}/resource.json`]: '{}', [`${VIEW}/view.json`]: '{"root":{"props":{"text":"acknowledge"}}}', [`${SCRIPT}/resource.json`]: '{}', [`${SCRIPT}/code.py`]: 'x = 1\n' };

function seeded() {
  const stoker = fakeStoker();
  stoker.projects.addProject('line3');
  const r1 = stoker.projects.commit('line3', 'main', 'first import', files);
  return { stoker, r1 };
}
const searches = (stoker: ReturnType<typeof fakeStoker>) => stoker.calls.filter((c) => c.path === '/api/v1/projects/line3/search');

async function ask(question: string) {
  const user = userEvent.setup();
  const box = await screen.findByLabelText('What are you looking for?');
  await user.clear(box);
  if (question) await user.type(box, question);
  await user.keyboard('{Enter}');
  return user;
}

describe('search tab', () => {
  it('asks nothing until the viewer searches, then lists the resources found with links to browse them', async () => {
    const { stoker, r1 } = seeded();
    renderApp('/projects/line3?tab=search', { as: 'viewer', stoker });
    await screen.findByRole('search', { name: 'Ask the project' });
    expect(searches(stoker)).toHaveLength(0);
    const user = await ask('alarm acknowledge');
    const table = await screen.findByRole('table', { name: 'Search results' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    const link = within(rows[0]).getByRole('link', { name: VIEW });
    expect(link).toHaveAttribute('href', `/projects/line3?tab=browse&rev=${r1.id}&resource=${encodeURIComponent(VIEW)}`);
    expect(within(rows[0]).getByText('view')).toBeInTheDocument();
    expect(within(rows[0]).getByText('1.000')).toBeInTheDocument();
    expect(searches(stoker).at(-1)!.query.get('q')).toBe('alarm acknowledge');
    // the link opens the browse view with the resource's file shown
    await user.click(link);
    await waitFor(() => expect(screen.getByTestId('file-content')).toHaveTextContent('acknowledge'));
    expect(screen.getByRole('button', { name: `Open ${VIEW}/view.json` })).toHaveAttribute('aria-pressed', 'true');
  });

  it('lists a document found by what it says with its kind and status, linked to the document page', async () => {
    const { stoker } = seeded();
    const manual = stoker.documents.write('line3', 'project-manual');
    renderApp('/projects/line3?tab=search', { as: 'viewer', stoker });
    const user = await ask('project manual');
    const table = await screen.findByRole('table', { name: 'Search results' });
    expect(within(table).getByText(/among 2 resources of revision .* and 1 documents/)).toBeInTheDocument();
    const row = within(table).getAllByRole('row')[1];
    const link = within(row).getByRole('link', { name: 'Project manual: line3' });
    expect(link).toHaveAttribute('href', `/documents/${manual.id}`);
    expect(within(row).getByText('Project manual')).toBeInTheDocument();
    expect(within(row).getByText('Draft')).toBeInTheDocument();
    expect(within(row).getByText(/# Project manual: line3/)).toBeInTheDocument();
    await user.click(link);
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(`/documents/${manual.id}`));
    expect(await screen.findByRole('heading', { name: 'Project manual: line3' })).toBeInTheDocument();
  });

  it('says when nothing was found', async () => {
    const { stoker } = seeded();
    stoker.projects.addProject('empty');
    stoker.projects.commit('empty', 'main', 'no resources', { 'project.json': '{}' });
    renderApp('/projects/empty?tab=search', { as: 'viewer', stoker });
    await ask('anything at all');
    expect(await screen.findByText('Nothing found')).toBeInTheDocument();
    expect(screen.queryByRole('table', { name: 'Search results' })).not.toBeInTheDocument();
  });

  it('asks for words before searching and shows the server refusal of the query at the field', async () => {
    const { stoker } = seeded();
    renderApp('/projects/line3?tab=search', { as: 'viewer', stoker });
    await ask('   ');
    expect(await screen.findByText(/Say what you are looking for/)).toBeInTheDocument();
    expect(screen.getByLabelText('What are you looking for?')).toHaveFocus();
    expect(searches(stoker)).toHaveLength(0);
    await ask('x'.repeat(501));
    expect(await screen.findByText(/at most 500 characters/)).toBeInTheDocument();
    expect(screen.getByLabelText('What are you looking for?')).toHaveAttribute('aria-invalid', 'true');
  });

  it('tells how to install search when the feature is not there (503)', async () => {
    const { stoker } = seeded();
    stoker.documents.search.installed = false;
    renderApp('/projects/line3?tab=search', { as: 'viewer', stoker });
    await ask('alarm acknowledge');
    const notice = await screen.findByRole('alert');
    expect(notice).toHaveTextContent('Search is not installed');
    expect(within(notice).getByText('feature:install stoker-search')).toBeInTheDocument();
    expect(screen.queryByRole('table', { name: 'Search results' })).not.toBeInTheDocument();
  });

  it('opening other tabs of the project never calls the search', async () => {
    const { stoker } = seeded();
    renderApp('/projects/line3', { as: 'viewer', stoker });
    await screen.findByRole('table', { name: /Revisions of main/ });
    expect(searches(stoker)).toHaveLength(0);
  });
});
