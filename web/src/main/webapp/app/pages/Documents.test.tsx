import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { fakeStoker } from '../../test/fakeStoker';
import { renderApp } from '../../test/render';

const VIEW = 'com.inductiveautomation.perspective/views/Main';
const files = { [`${VIEW}/resource.json`]: '{}', [`${VIEW}/view.json`]: '{"root":{}}', 'ignition/script-python/util/resource.json': '{}', 'ignition/script-python/util/code.py': 'x = 1\n' };

/** A fake Stoker with project line3 of two revisions; `doc` adds a template-written change summary. */
function seeded() {
  const stoker = fakeStoker();
  stoker.projects.addProject('line3');
  const r1 = stoker.projects.commit('line3', 'main', 'first import', files);
  stoker.projects.commit('line3', 'main', 'second import', files, 'alice');
  return { stoker, r1 };
}

describe('documents tab', () => {
  it('lists the documents and lets an engineer generate a change summary, field by field', async () => {
    const user = userEvent.setup();
    const { stoker, r1 } = seeded();
    stoker.documents.write('line3', 'project-manual');
    renderApp('/projects/line3?tab=documents', { as: 'engineer', stoker });
    const table = await screen.findByRole('table', { name: 'Documents' });
    expect(within(table).getByRole('link', { name: 'Project manual: line3' })).toHaveAttribute('href', '/documents/doc-1');
    expect(within(table).getByText('Draft')).toBeInTheDocument();

    const form = screen.getByRole('form', { name: 'Generate a document' });
    expect(await within(form).findByRole('option', { name: 'template' })).toBeInTheDocument();
    await user.click(within(form).getByRole('button', { name: 'Generate' }));
    // the from revision is asked for before anything is sent
    expect(await within(form).findByText(/The revision to start from/)).toBeInTheDocument();
    expect(stoker.calls.some((c) => c.method === 'POST' && c.path.endsWith('/documents'))).toBe(false);
    await user.type(within(form).getByLabelText('From revision'), r1.id);
    await user.click(within(form).getByRole('button', { name: 'Generate' }));
    expect(await screen.findByRole('heading', { name: 'Change summary: line3' })).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent('/documents/doc-2');
    expect(screen.getByText('Change summary: line3 written by template.')).toBeInTheDocument();
    const post = stoker.calls.find((c) => c.method === 'POST' && c.path === '/api/v1/projects/line3/documents');
    expect(post?.body).toEqual({ kind: 'change-summary', writer: 'template', from: r1.id });
  });

  it('sends a compliance report for a period as instants, and shows the server refusal at its field', async () => {
    const user = userEvent.setup();
    const { stoker } = seeded();
    renderApp('/projects/line3?tab=documents', { as: 'lead', stoker });
    const form = await screen.findByRole('form', { name: 'Generate a document' });
    await user.selectOptions(within(form).getByLabelText('Kind'), 'compliance-report');
    await user.selectOptions(within(form).getByLabelText('Report on'), 'period');
    await user.type(within(form).getByLabelText('Period from'), '2026-11-02T08:00');
    await user.click(within(form).getByRole('button', { name: 'Generate' }));
    await screen.findByRole('heading', { name: 'Compliance report: line3' });
    const post = stoker.calls.find((c) => c.method === 'POST' && c.path === '/api/v1/projects/line3/documents');
    expect(post?.body).toEqual({ kind: 'compliance-report', writer: 'template', periodFrom: new Date('2026-11-02T08:00').toISOString() });
  });

  it('offers a viewer the list and nothing that changes anything', async () => {
    const { stoker } = seeded();
    stoker.documents.write('line3', 'project-manual');
    renderApp('/projects/line3?tab=documents', { as: 'viewer', stoker });
    await screen.findByRole('table', { name: 'Documents' });
    expect(screen.queryByRole('form', { name: 'Generate a document' })).not.toBeInTheDocument();
  });
});

describe('document page', () => {
  it('shows the text next to its facts, each citation linked to its fact', async () => {
    const user = userEvent.setup();
    const { stoker, r1 } = seeded();
    stoker.documents.write('line3', 'change-summary', { from: r1.id });
    renderApp('/documents/doc-1', { as: 'viewer', stoker });
    const text = await screen.findByRole('document', { name: 'Document text' });
    const facts = screen.getByRole('region', { name: /Facts/ });
    expect(within(text).getByText(/second import/)).toBeInTheDocument();
    await user.click(within(text).getByRole('link', { name: 'Fact c2' }));
    const fact = within(facts).getByRole('listitem', { name: 'Fact c2' });
    expect(fact).toHaveAttribute('aria-current', 'true');
    expect(within(fact).getByText('alice')).toBeInTheDocument();
    expect(within(text).getByRole('link', { name: 'Fact res1' })).toHaveAttribute('href', '#fact-res1');
    expect(screen.getByText(/every path, revision, person and number in the text is in the facts/)).toBeInTheDocument();
    // provenance, and no review controls for a viewer
    const provenance = screen.getByRole('region', { name: 'Provenance' });
    expect(within(provenance).getByText('template (template, model template)')).toBeInTheDocument();
    expect(screen.queryByRole('group', { name: 'Review actions' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Edit text' })).not.toBeInTheDocument();
  });

  it('takes a document from an invented path through review, acceptance of the finding and signature', async () => {
    const user = userEvent.setup();
    const { stoker, r1 } = seeded();
    stoker.documents.write('line3', 'change-summary', { from: r1.id });
    stoker.addUser('carol', 'lead');
    const { unmount } = renderApp('/documents/doc-1', { as: 'engineer', stoker });
    await user.click(await screen.findByRole('button', { name: 'Edit text' }));
    const editor = screen.getByRole('textbox', { name: 'Text' });
    await user.type(editor, '\nThe alarm view com.inductiveautomation.perspective/views/Invented was added.');
    await user.click(screen.getByRole('button', { name: 'Save text' }));
    const findings = await screen.findByRole('table', { name: 'Findings' });
    expect(within(findings).getByText('com.inductiveautomation.perspective/views/Invented')).toBeInTheDocument();
    expect(within(findings).getByText('open')).toBeInTheDocument();
    // an engineer submits but may neither accept nor approve
    expect(within(findings).queryByRole('button', { name: /Accept/ })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Submit for review' }));
    expect(await screen.findByText('Submitted for review.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Approve' })).not.toBeInTheDocument();
    unmount();

    renderApp('/documents/doc-1', { as: 'lead', stoker });
    await user.type(await screen.findByLabelText('Comment'), 'Looks right');
    await user.click(screen.getByRole('button', { name: 'Add comment' }));
    expect(await screen.findByText('Comment added.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Approve' }));
    const sign = await screen.findByRole('button', { name: 'Sign' });
    expect(sign).toBeDisabled();
    expect(screen.getByText(/1 open finding: edit the text or accept each one before signing/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Accept com.inductiveautomation.perspective/views/Invented…' }));
    const accept = screen.getByRole('form', { name: 'Accept com.inductiveautomation.perspective/views/Invented' });
    await user.type(within(accept).getByLabelText('Reason'), 'added in the next import');
    await user.click(within(accept).getByRole('button', { name: 'Accept finding' }));
    expect(await screen.findByText(/by lead: added in the next import/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Sign' }));
    expect(await screen.findByText('Signed by lead.')).toBeInTheDocument();
    expect(screen.getByText('Signed')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Edit text' })).not.toBeInTheDocument();
    const reviews = screen.getByRole('region', { name: 'Reviews' });
    expect(within(reviews).getAllByRole('listitem').map((li) => li.textContent?.split(' ')[0])).toEqual(['submit', 'comment', 'approve']);
    const provenance = screen.getByRole('region', { name: 'Provenance' });
    expect(within(provenance).getByText('engineer, lead')).toBeInTheDocument();
    expect(stoker.documents.documents.get('doc-1')?.signature?.signer).toBe('lead');
  });

  it('downloads the exports with the session token', async () => {
    const user = userEvent.setup();
    const { stoker } = seeded();
    stoker.documents.write('line3', 'project-manual');
    const created = vi.fn(() => 'blob:doc');
    Object.assign(URL, { createObjectURL: created, revokeObjectURL: vi.fn() });
    const saved: string[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(this.download);
    });
    renderApp('/documents/doc-1', { as: 'viewer', stoker });
    const exports = await screen.findByRole('group', { name: 'Export' });
    for (const [label, format] of [['Markdown', 'md'], ['HTML', 'html'], ['PDF', 'pdf']]) {
      await user.click(within(exports).getByRole('button', { name: `Download as ${label}` }));
      await waitFor(() => expect(stoker.calls.some((c) => c.path === '/api/v1/documents/doc-1/export' && c.query.get('format') === format && c.auth)).toBe(true));
    }
    expect(created).toHaveBeenCalledTimes(3);
    expect(saved).toEqual(['doc-1.md', 'doc-1.html', 'doc-1.pdf']);
    click.mockRestore();
  });

  it('says so for a document that does not exist', async () => {
    renderApp('/documents/nope', { as: 'viewer' });
    expect(await screen.findByText('No such document')).toBeInTheDocument();
  });
});
