// A chunk the citizen screen fetches on demand (renderer/src/screens/on-demand.ts): a failed
// fetch (browser mode, the host restarting) shows the fallback and is tried again — never
// remembered as React.lazy would, which would throw at every render and leave the kiosk blank.
import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { onDemand, prefetch, useOnDemand } from '../../renderer/src/screens/on-demand';

function Shown({ chunk, wanted = true }: { chunk: ReturnType<typeof onDemand<{ text: string }>>; wanted?: boolean }) {
  const m = useOnDemand(chunk, wanted, 3000);
  return <p>{m === undefined ? 'chờ' : m.text}</p>;
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('onDemand', () => {
  it('a failed fetch shows the fallback, is tried again after retryMs, then shows the chunk', async () => {
    const fetchChunk = vi.fn<() => Promise<{ text: string }>>().mockRejectedValueOnce(new Error('Failed to fetch dynamically imported module')).mockResolvedValue({ text: 'đã tải' });
    render(<Shown chunk={onDemand(fetchChunk)} />);
    await act(async () => {});
    expect(screen.getByText('chờ')).toBeDefined();
    expect(fetchChunk).toHaveBeenCalledTimes(1);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(3000);
    });
    expect(fetchChunk).toHaveBeenCalledTimes(2);
    expect(screen.getByText('đã tải')).toBeDefined();
  });

  it('one fetch for every caller; a prefetch failure is not an unhandled rejection and is forgotten', async () => {
    const fetchChunk = vi.fn<() => Promise<{ text: string }>>().mockRejectedValueOnce(new Error('offline')).mockResolvedValue({ text: 'đã tải' });
    const chunk = onDemand(fetchChunk);
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    prefetch(chunk);
    await act(async () => {});
    process.off('unhandledRejection', unhandled);
    expect(unhandled).not.toHaveBeenCalled();
    expect(chunk.loaded()).toBeUndefined();
    const [a, b] = [chunk.load(), chunk.load()];
    expect(a).toBe(b);
    expect(await a).toEqual({ text: 'đã tải' });
    expect(chunk.loaded()).toEqual({ text: 'đã tải' });
    expect(fetchChunk).toHaveBeenCalledTimes(2);
  });

  it('fetches nothing while not wanted, and renders a loaded chunk at once', async () => {
    const fetchChunk = vi.fn(() => Promise.resolve({ text: 'đã tải' }));
    const chunk = onDemand(fetchChunk);
    const { rerender } = render(<Shown chunk={chunk} wanted={false} />);
    await act(async () => {});
    expect(fetchChunk).not.toHaveBeenCalled();
    rerender(<Shown chunk={chunk} wanted />);
    await act(async () => {});
    expect(screen.getByText('đã tải')).toBeDefined();
    render(<Shown chunk={chunk} wanted />);
    expect(screen.getAllByText('đã tải')).toHaveLength(2);
    expect(fetchChunk).toHaveBeenCalledTimes(1);
  });
});
