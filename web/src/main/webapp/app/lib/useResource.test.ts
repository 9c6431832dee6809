import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useResource } from './useResource';

/** A load whose answers the test hands out one by one, in any order. */
function loads() {
  const pending: { resolve: (v: string) => void }[] = [];
  const load = () => new Promise<string>((resolve) => pending.push({ resolve }));
  return { load, pending };
}

describe('useResource', () => {
  it('keeps only the answer to the latest request, whatever order the answers come in', async () => {
    const { load, pending } = loads();
    const { result } = renderHook(() => useResource(load, []));
    await waitFor(() => expect(pending).toHaveLength(1));
    let second = 0;
    act(() => {
      second = result.current.reload();
    });
    expect(second).toBe(1);
    await waitFor(() => expect(pending).toHaveLength(2));
    // the first request answers after the second was asked for: stale, dropped
    await act(async () => pending[0].resolve('old'));
    expect(result.current.data).toBeUndefined();
    expect(result.current.answered).toBe(0);
    await act(async () => pending[1].resolve('new'));
    expect(result.current.data).toBe('new');
    expect(result.current.answered).toBe(1);
  });

  it('drops an answer that arrives between a reload and the render that starts it', async () => {
    const { load, pending } = loads();
    const { result } = renderHook(() => useResource(load, []));
    await waitFor(() => expect(pending).toHaveLength(1));
    // the reload and the first answer in one batch: the answer must not be taken as the reload's
    let asked = 0;
    await act(async () => {
      asked = result.current.reload();
      pending[0].resolve('before the reload');
    });
    expect(result.current.data).toBeUndefined();
    expect(result.current.answered).toBeLessThan(asked);
    await waitFor(() => expect(pending).toHaveLength(2));
    await act(async () => pending[1].resolve('after the reload'));
    expect(result.current.data).toBe('after the reload');
    expect(result.current.answered).toBe(asked);
  });
});
