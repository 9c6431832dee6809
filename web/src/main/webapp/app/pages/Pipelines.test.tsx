import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { DEFAULT_YAML } from '../../../../../test-support/fake/pipelines';
import { fakeEnvironment, fakeStoker } from '../../test/fakeStoker';
import { renderApp } from '../../test/render';

/** line3 with one import; `lead` and `engineer` exist. */
function seeded() {
  const stoker = fakeStoker();
  stoker.projects.addProject('line3');
  stoker.projects.commit('line3', 'main', 'first import');
  stoker.addUser('lead', 'lead');
  stoker.addUser('engineer', 'engineer');
  return stoker;
}

/** A run of line3 started by admin, waiting for approval in stage `approval`. */
function waitingRun(stoker = seeded()) {
  const run = stoker.pipelines.addRun('line3', 'admin', { reason: 'line 3 alarms' });
  stoker.pipelines.waitForApproval(run);
  return { stoker, run };
}

const editor = () => screen.findByRole('textbox', { name: 'Pipeline (YAML)' }, { timeout: 5000 });

describe('pipeline editor', () => {
  it('checks the YAML as you type, lists problems by line and field, and saves a commit', async () => {
    const stoker = seeded();
    renderApp('/projects/line3?tab=pipeline', { stoker });
    const box = await editor();
    expect(box).toHaveValue(DEFAULT_YAML);
    expect(screen.getByText('Default, not saved yet')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Save pipeline' })).toBeDisabled();

    fireEvent.change(box, { target: { value: DEFAULT_YAML.replace('type: validate', 'type: validat') } });
    const problems = await screen.findByRole('list', { name: 'Problems' });
    expect(problems).toHaveTextContent("Line 6:15 stages[0].steps[0].type unknown step type 'validat'");
    expect(screen.getByTestId('pipeline-check')).toHaveTextContent('1 problem');
    expect(box).toHaveAttribute('aria-invalid', 'true');
    expect(document.querySelector('.code-backdrop [data-line="6"]')).toHaveClass('code-line-bad');
    expect(screen.getByRole('button', { name: 'Save pipeline' })).toBeDisabled();
    // the problem's line button selects that line in the editor
    await userEvent.click(within(problems).getByRole('button', { name: 'Go to line 6' }));
    expect((box as HTMLTextAreaElement).value.slice((box as HTMLTextAreaElement).selectionStart, (box as HTMLTextAreaElement).selectionEnd)).toBe('        type: validat');

    fireEvent.change(box, { target: { value: DEFAULT_YAML.replace('role: lead', 'role: admin') } });
    await waitFor(() => expect(screen.getByTestId('pipeline-check')).toHaveTextContent('The pipeline is valid.'));
    expect(screen.queryByRole('list', { name: 'Problems' })).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Save pipeline' }));
    expect(await screen.findByText(/Saved as commit/)).toBeInTheDocument();
    expect(stoker.pipelines.files.get('line3')?.yaml).toContain('role: admin');
    const puts = stoker.calls.filter((c) => c.method === 'PUT' && c.path.endsWith('/pipeline'));
    expect(puts).toHaveLength(1);
    // validation waited for typing to stop: not one call per keystroke
    expect(stoker.calls.filter((c) => c.path.endsWith('/pipeline/validate')).length).toBeLessThanOrEqual(2);
  });

  it('shows a refused save with its line in the problems list', async () => {
    const stoker = seeded();
    renderApp('/projects/line3?tab=pipeline', { stoker });
    const box = await editor();
    // the checker is not asked in time: the server's 400 on save names field and line
    fireEvent.change(box, { target: { value: DEFAULT_YAML + '\t\n' } });
    await userEvent.click(screen.getByRole('button', { name: 'Save pipeline' }));
    await waitFor(() => expect(screen.getByRole('list', { name: 'Problems' })).toHaveTextContent(/Line 13/));
  });

  it('starts a run with a reason and opens its page', async () => {
    const stoker = seeded();
    renderApp('/projects/line3?tab=pipeline', { stoker });
    const form = await screen.findByRole('form', { name: 'Run pipeline' }, { timeout: 5000 });
    await userEvent.type(within(form).getByLabelText('Reason (optional)'), 'alarm view fix');
    await userEvent.click(within(form).getByRole('button', { name: 'Run pipeline' }));
    const run = stoker.pipelines.runs[0];
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(`/runs/${run.id}`));
    expect(run.reason).toBe('alarm view fix');
    expect(await screen.findByRole('heading', { level: 1, name: `Run ${run.id.replace(/-/g, '').slice(0, 8)}` })).toBeInTheDocument();
  });

  it('is read-only for viewers: no save, no run', async () => {
    renderApp('/projects/line3?tab=pipeline', { stoker: seeded(), as: 'viewer' });
    const box = await editor();
    expect(box).toHaveAttribute('readonly');
    expect(screen.getByText('Read only: your role does not allow changes.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /save/i })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /run pipeline/i })).not.toBeInTheDocument();
  });
});

describe('runs lists', () => {
  it('lists all runs with status in words and pages through them; the navigation has Runs', async () => {
    const stoker = seeded();
    for (let i = 0; i < 27; i++) stoker.pipelines.addRun('line3', 'admin', { status: i === 26 ? 'FAILED' : 'SUCCEEDED' });
    renderApp('/runs', { stoker, as: 'viewer' });
    const table = await screen.findByRole('table', { name: 'Runs, newest first' }, { timeout: 5000 });
    expect(within(table).getAllByText('Failed')).toHaveLength(1);
    expect(within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', { name: 'Runs' })).toHaveAttribute('href', '/runs');
    expect(screen.getByText('1–25 of 27')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('26–27 of 27')).toBeInTheDocument();
  });

  it("lists a project's runs on its Runs tab", async () => {
    const { stoker, run } = waitingRun();
    renderApp('/projects/line3?tab=runs', { stoker });
    const table = await screen.findByRole('table', { name: 'Runs of line3, newest first' }, { timeout: 5000 });
    expect(within(table).getByText('Waiting for approval')).toBeInTheDocument();
    expect(within(table).getByText('line 3 alarms')).toBeInTheDocument();
    expect(within(table).getByRole('link', { name: `Run ${run.id.replace(/-/g, '').slice(0, 8)}` })).toHaveAttribute('href', `/runs/${run.id}`);
  });
});

describe('run page', () => {
  it('shows the stages in order with their steps, and a step log', async () => {
    const { stoker, run } = waitingRun();
    renderApp(`/runs/${run.id}`, { stoker, as: 'viewer' });
    const stages = await screen.findByRole('list', { name: 'Stages in order' }, { timeout: 5000 });
    const items = within(stages).getAllByRole('listitem').filter((li) => li.parentElement === stages);
    expect(items.map((li) => within(li).getByRole('heading').textContent)).toEqual(['validate', 'approval']);
    expect(within(stages).getByRole('region', { name: 'Stage validate: Succeeded' })).toBeInTheDocument();
    expect(within(stages).getByRole('region', { name: 'Stage approval: Waiting' })).toBeInTheDocument();
    // the waiting step's log shows first; a click shows another
    expect(await screen.findByTestId('step-log')).toHaveTextContent('waiting for an approver of role lead');
    await userEvent.click(screen.getByRole('button', { name: 'Step validate (validate): Succeeded' }));
    await waitFor(() => expect(screen.getByTestId('step-log')).toHaveTextContent('no findings'));
    expect(screen.getByRole('button', { name: 'Step validate (validate): Succeeded' })).toHaveAttribute('aria-pressed', 'true');
    // viewers follow, they do not decide
    const approval = screen.getByRole('region', { name: 'Approval' });
    expect(within(approval).getByText('A lead or an admin decides; you can follow the run here.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^(approve|reject|cancel run|retry)$/i })).not.toBeInTheDocument();
  });

  it('lists an overridden deploy window among the decisions', async () => {
    const { stoker, run } = waitingRun();
    run.approvals.push({ stage: 'approval', user: 'lead', decision: 'OVERRIDE_WINDOW', comment: 'hotfix', at: '2026-01-12T09:03:00Z', breakGlass: false });
    renderApp(`/runs/${run.id}`, { stoker, as: 'viewer' });
    const decisions = await screen.findByRole('table', { name: 'Decisions on this run' }, { timeout: 5000 });
    expect(within(decisions).getByText('⚑ Deploy window overridden')).toBeInTheDocument();
    expect(within(decisions).queryByText('✕ Rejected')).not.toBeInTheDocument();
  });

  it('follows the run live from its event stream', async () => {
    const stoker = seeded();
    const run = stoker.pipelines.addRun('line3', 'admin');
    renderApp(`/runs/${run.id}`, { stoker, as: 'viewer' });
    await screen.findByText('Live: updates as the run changes.', {}, { timeout: 5000 });
    act(() => stoker.pipelines.waitForApproval(run));
    expect(await screen.findByRole('region', { name: 'Stage approval: Waiting' })).toBeInTheDocument();
    act(() => stoker.pipelines.update(run, (r) => stoker.pipelines.finish(r, 'SUCCEEDED')));
    expect(await screen.findByText(/^Succeeded after/)).toBeInTheDocument();
  });

  it('reads the run every few seconds when the stream is not available', async () => {
    const stoker = seeded();
    stoker.pipelines.state.eventsStatus = 503;
    const run = stoker.pipelines.addRun('line3', 'admin');
    renderApp(`/runs/${run.id}`, { stoker, as: 'viewer' });
    await screen.findByText(/reading the run every few seconds/, {}, { timeout: 5000 });
    stoker.pipelines.waitForApproval(run);
    expect(await screen.findByRole('region', { name: 'Stage approval: Waiting' }, { timeout: 6000 })).toBeInTheDocument();
  });

  it("refuses the run's author with the server's reason; a lead approves with a comment", async () => {
    const { stoker, run } = waitingRun();
    const first = renderApp(`/runs/${run.id}`, { stoker });
    const approval = await screen.findByRole('region', { name: 'Approval' }, { timeout: 5000 });
    expect(approval).toHaveTextContent('Stage approval waits for approval.');
    await userEvent.click(within(approval).getByRole('button', { name: 'Approve' }));
    expect(await within(approval).findByRole('alert')).toHaveTextContent('Not allowed: admin started this run and cannot approve it (separation of duties)');
    expect(run.status).toBe('WAITING_APPROVAL');
    first.unmount();

    renderApp(`/runs/${run.id}`, { stoker, as: 'lead' });
    const panel = await screen.findByRole('region', { name: 'Approval' }, { timeout: 5000 });
    await userEvent.type(within(panel).getByLabelText('Comment (optional)'), 'looks good');
    await userEvent.click(within(panel).getByRole('button', { name: 'Approve' }));
    expect(await screen.findByText(/^Succeeded after/)).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Approval' })).not.toBeInTheDocument();
    const decisions = screen.getByRole('table', { name: 'Decisions on this run' });
    expect(within(decisions).getByText('looks good')).toBeInTheDocument();
    expect(within(decisions).getByText('lead')).toBeInTheDocument();
    expect(stoker.calls.find((c) => c.path.endsWith('/approvals') && (c.body as { comment?: string }).comment === 'looks good')?.body).toEqual({ stage: 'approval', decision: 'approve', comment: 'looks good' });
  });

  it('offers engineers cancel (with confirmation) and retry, but not approval', async () => {
    const { stoker, run } = waitingRun();
    renderApp(`/runs/${run.id}`, { stoker, as: 'engineer' });
    await screen.findByRole('region', { name: 'Approval' }, { timeout: 5000 });
    expect(screen.queryByRole('button', { name: 'Approve' })).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Cancel run' }));
    const dialog = screen.getByRole('dialog', { name: /^Cancel run/ });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel run' }));
    expect(await screen.findByText(/^Cancelled after/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(run.status).toBe('RUNNING'));
    expect(await screen.findByRole('button', { name: 'Cancel run' })).toBeInTheDocument();
  });

  it('says when there is no such run', async () => {
    renderApp('/runs/nope', { stoker: seeded() });
    expect(await screen.findByText('No such run', {}, { timeout: 5000 })).toBeInTheDocument();
  });
});

describe('environment deployments', () => {
  function deployed() {
    const stoker = seeded();
    stoker.environments.push(fakeEnvironment('line3-staging'));
    const row = (id: string, release: string, status: string, approvedBy: string[]) => ({
      id,
      environment: 'env-line3-staging',
      environmentName: 'line3-staging',
      stage: 'staging',
      project: 'line3',
      commit: id.padEnd(40, 'a'),
      release,
      artifactDigest: 'sha256:' + 'b'.repeat(64),
      runId: `run-of-${id}`,
      deployedBy: 'admin',
      approvedBy,
      at: '2026-01-12T10:00:00Z',
      status,
    });
    stoker.pipelines.deployments.push(row('d2', 'r2', 'DEPLOYED', ['lead']), row('d1', 'r1', 'REPLACED', ['lead', 'admin']));
    return stoker;
  }

  it('lists what was deployed, from which release, approved by whom; engineers roll back and follow the run', async () => {
    const stoker = deployed();
    renderApp('/environments/env-line3-staging', { stoker, as: 'engineer' });
    const table = await screen.findByRole('table', { name: 'Deployments to line3-staging, newest first' }, { timeout: 5000 });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows[0]).toHaveTextContent(/Deployed.*line3.*r2.*admin.*lead/);
    expect(rows[1]).toHaveTextContent(/Replaced.*r1.*lead, admin/);
    expect(within(rows[0]).queryByRole('button')).not.toBeInTheDocument();
    await userEvent.click(within(rows[1]).getByRole('button', { name: 'Roll back to r1' }));
    const dialog = screen.getByRole('dialog', { name: 'Roll line3-staging back to r1?' });
    await userEvent.type(within(dialog).getByLabelText('Reason (optional)'), 'r2 broke the alarms');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Start rollback' }));
    const run = stoker.pipelines.runs[0];
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(`/runs/${run.id}`));
    expect(run).toMatchObject({ rollbackOf: 'd1', reason: 'r2 broke the alarms' });
  });

  it('shows viewers the history without rollback', async () => {
    renderApp('/environments/env-line3-staging', { stoker: deployed(), as: 'viewer' });
    await screen.findByRole('table', { name: 'Deployments to line3-staging, newest first' }, { timeout: 5000 });
    expect(screen.queryByRole('button', { name: /roll back to/i })).not.toBeInTheDocument();
  });
});
