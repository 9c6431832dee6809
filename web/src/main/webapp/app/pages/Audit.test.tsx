import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeStoker } from '../../test/fakeStoker';
import { renderApp } from '../../test/render';

describe('audit log', () => {
  it('shows the chain as intact for admins and pages through entries', async () => {
    const user = userEvent.setup();
    renderApp('/audit');
    expect(await screen.findByText('Chain intact · 120 checked')).toBeInTheDocument();
    expect(await screen.findByText('1–50 of 120')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('51–100 of 120')).toBeInTheDocument();
  });

  it('shows a broken chain prominently', async () => {
    const stoker = fakeStoker();
    stoker.state.chain = { intact: false, checked: 57, firstBrokenSeq: 57, reason: 'hash mismatch' };
    renderApp('/audit', { stoker });
    expect(await screen.findByText('Chain broken at #57: hash mismatch')).toBeInTheDocument();
  });

  it('applies filters through the address and clears them', async () => {
    const user = userEvent.setup();
    const { stoker } = renderApp('/audit');
    await screen.findByText('1–50 of 120');
    const filters = screen.getByRole('form', { name: 'Filter the audit log' });
    await user.type(within(filters).getByLabelText('Actor'), 'alice');
    await user.selectOptions(within(filters).getByLabelText('Outcome'), 'denied');
    await user.click(within(filters).getByRole('button', { name: 'Apply filters' }));
    const last = stoker.calls.filter((c) => c.path === '/api/v1/audit').at(-1)!;
    expect(last.query.get('actor')).toBe('alice');
    expect(last.query.get('outcome')).toBe('denied');
    expect(screen.getByTestId('location')).toHaveTextContent('actor=alice');
    await user.click(within(filters).getByRole('button', { name: 'Clear filters' }));
    expect(await screen.findByText('1–50 of 120')).toBeInTheDocument();
    expect(within(filters).getByLabelText('Actor')).toHaveValue('');
  });

  it('says what to do when nothing matches', async () => {
    renderApp('/audit?actor=nobody');
    expect(await screen.findByText('No entries match these filters')).toBeInTheDocument();
    expect(screen.getAllByRole('button', { name: 'Clear filters' }).length).toBeGreaterThan(0);
  });

  it('highlights the filter the server rejects', async () => {
    renderApp('/audit?outcome=maybe');
    expect(await screen.findByText('Check the highlighted filter')).toBeInTheDocument();
    expect(screen.getByLabelText('Outcome')).toHaveAttribute('aria-invalid', 'true');
  });
});
