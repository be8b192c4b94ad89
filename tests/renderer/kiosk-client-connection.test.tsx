// Issue 14: in browser mode the page knows whether the backend answers from its one events
// stream: up while it is open, down when it breaks or falls silent (and it keeps trying), refused
// when the host no longer takes the page's secret. Electron's IPC is always up.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { eventsPath } from '../../shared/contract';
import { createKioskClient, httpTransport, type BackendConnection } from '../../renderer/src/api/kiosk-client';

const timing = { reconnectMs: 1_000, silentMs: 5_000 };
const flush = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
  await vi.advanceTimersByTimeAsync(0);
};

/** An events stream the test writes to and ends. */
function openStream() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
  const encoder = new TextEncoder();
  return {
    response: new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } }),
    write: (text: string) => controller.enqueue(encoder.encode(text)),
    end: () => controller.close(),
  };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the connection state in browser mode', () => {
  it('connecting → up when the stream opens → down when the host goes → up again when it is back', async () => {
    const first = openStream();
    const second = openStream();
    const fetchImpl = vi
      .fn<typeof fetch>()
      .mockResolvedValueOnce(first.response)
      .mockRejectedValueOnce(new TypeError('Failed to fetch'))
      .mockResolvedValueOnce(second.response);
    const states: BackendConnection[] = [];
    const stop = httpTransport('tok', fetchImpl, timing).watchConnection?.((state) => states.push(state));
    await flush();
    expect(states).toEqual(['connecting', 'up']);
    first.end(); // the host went away
    await flush();
    expect(states).toEqual(['connecting', 'up', 'down']);
    await vi.advanceTimersByTimeAsync(timing.reconnectMs); // refused connection: still down
    expect(states.at(-1)).toBe('down');
    await vi.advanceTimersByTimeAsync(timing.reconnectMs);
    await flush();
    expect(states).toEqual(['connecting', 'up', 'down', 'up']);
    expect(fetchImpl).toHaveBeenCalledWith(eventsPath, expect.objectContaining({ headers: { authorization: 'Bearer tok' } }));
    stop?.();
  });

  it('a stream silent for longer than the limit (a hung host) counts as down; the keep-alive keeps it up', async () => {
    const stream = openStream();
    const fetchImpl = vi.fn<typeof fetch>().mockResolvedValueOnce(stream.response).mockImplementation(() => new Promise(() => {}));
    const states: BackendConnection[] = [];
    const stop = httpTransport('tok', fetchImpl, timing).watchConnection?.((state) => states.push(state));
    await flush();
    await vi.advanceTimersByTimeAsync(timing.silentMs - 1_000);
    stream.write(': keep-alive\n\n');
    await flush();
    await vi.advanceTimersByTimeAsync(timing.silentMs - 1_000);
    expect(states).toEqual(['connecting', 'up']);
    await vi.advanceTimersByTimeAsync(2_000);
    await flush();
    expect(states).toEqual(['connecting', 'up', 'down']);
    stop?.();
  });

  it('401 from the host: refused (its secret is no longer this page’s)', async () => {
    const fetchImpl = vi.fn<typeof fetch>().mockResolvedValue(new Response('{"ok":false,"error":{"code":"UNAUTHORIZED","message":"x"}}', { status: 401 }));
    const states: BackendConnection[] = [];
    const stop = httpTransport('old', fetchImpl, timing).watchConnection?.((state) => states.push(state));
    await flush();
    expect(states).toEqual(['connecting', 'refused']);
    stop?.();
  });

  it('one stream for the page: events reach every listener; it closes when the last one leaves', async () => {
    const stream = openStream();
    let aborted: AbortSignal | undefined;
    const fetchImpl = vi.fn<typeof fetch>((_url, init) => {
      aborted = init?.signal ?? undefined;
      return Promise.resolve(stream.response);
    });
    const transport = httpTransport('tok', fetchImpl, timing);
    const a = vi.fn();
    const b = vi.fn();
    const stopA = transport.listen(a);
    const stopB = transport.listen(b);
    const stopWatch = transport.watchConnection?.(() => {});
    await flush();
    stream.write('event: shiftChanged\ndata: {}\n\n');
    await flush();
    expect(fetchImpl).toHaveBeenCalledTimes(1);
    expect(a).toHaveBeenCalledWith('shiftChanged', {});
    expect(b).toHaveBeenCalledWith('shiftChanged', {});
    stopA();
    stopB();
    expect(aborted?.aborted).toBe(false);
    stopWatch?.();
    expect(aborted?.aborted).toBe(true);
  });

  it('over IPC (no watch in the transport) the client reports up', () => {
    const api = createKioskClient({ call: async () => ({}), listen: () => () => {} });
    const states: BackendConnection[] = [];
    api.watchConnection((state) => states.push(state))();
    expect(states).toEqual(['up']);
  });
});
