import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/client';
import { Field } from './Field';
import { Modal } from './Modal';
import { Pagination } from './Pagination';
import { ErrorPanel, nextStep } from './States';

describe('Pagination', () => {
  it('moves by pages and resets to the first page on a new size', async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    render(<Pagination offset={25} limit={25} total={80} shown={25} label="Things" onChange={onChange} />);
    expect(screen.getByText('26–50 of 80')).toBeInTheDocument();
    expect(screen.getByText('Page 2 of 4')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(onChange).toHaveBeenLastCalledWith(50, 25);
    await user.click(screen.getByRole('button', { name: 'Previous' }));
    expect(onChange).toHaveBeenLastCalledWith(0, 25);
    await user.selectOptions(screen.getByLabelText('Per page'), '100');
    expect(onChange).toHaveBeenLastCalledWith(0, 100);
  });
});

describe('Field', () => {
  it('labels its control and describes hint and error', () => {
    render(
      <Field label="Name" hint="a hint" error="an error">
        <input />
      </Field>,
    );
    const input = screen.getByLabelText('Name');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAccessibleDescription('a hint an error');
  });
});

describe('Modal', () => {
  it('keeps Tab inside and closes on Escape, returning focus', async () => {
    const user = userEvent.setup();
    const onClose = vi.fn();
    render(
      <>
        <button type="button">opener</button>
      </>,
    );
    screen.getByRole('button', { name: 'opener' }).focus();
    const { unmount } = render(
      <Modal title="Hello" onClose={onClose} footer={<button type="button">B</button>}>
        <button type="button">A</button>
      </Modal>,
    );
    expect(screen.getByRole('button', { name: 'A' })).toHaveFocus();
    await user.tab();
    expect(screen.getByRole('button', { name: 'B' })).toHaveFocus();
    await user.tab();
    expect(screen.getByRole('button', { name: 'A' })).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalled();
    unmount();
    expect(screen.getByRole('button', { name: 'opener' })).toHaveFocus();
  });
});

describe('ErrorPanel', () => {
  it('shows the detail and the next step', async () => {
    const retry = vi.fn();
    render(<ErrorPanel error={new ApiError({ status: 503, title: '', detail: 'database starting' })} onRetry={retry} />);
    expect(screen.getByRole('alert')).toHaveTextContent('database starting');
    expect(screen.getByRole('alert')).toHaveTextContent('Retry in a moment');
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(retry).toHaveBeenCalled();
    expect(nextStep(new ApiError({ status: 0, title: '', detail: '' }))).toMatch(/running/);
    expect(nextStep(new ApiError({ status: 403, title: '', detail: '' }))).toMatch(/admin/);
  });
});
