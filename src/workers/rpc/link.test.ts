import { describe, expect, it } from 'vitest';
import { createLink, type Build, type WorkerLike } from './link';
import { standardReader, type StandardResponse } from './standard';
import { toWireError } from './wire-error';

type Req =
  | { id: number; type: 'sum'; xs: Float64Array; steps?: number }
  | { id: number; type: 'set'; value: number }
  | { id: number; type: 'get' }
  | { id: number; type: 'cancel'; target: number };
type Res = StandardResponse & { step?: number };

class CodedError extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

/**
 * An in-process worker: structured-clones messages with their transfer lists, answers on a later
 * macrotask. `sum` posts one progress per step then the sum; `set`/`get` keep state; `crashOn`
 * makes it fire an error event instead of answering that request type.
 */
class FakeWorker implements WorkerLike<Req, Res> {
  onmessage: ((e: MessageEvent<Res>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  onmessageerror: ((e: MessageEvent) => void) | null = null;
  terminated = false;
  readonly received: Req[] = [];
  private state = 0;
  constructor(private readonly crashOn: Req['type'] | null) {}
  postMessage(message: Req, transfer: Transferable[]): void {
    const req = structuredClone(message, { transfer });
    this.received.push(req);
    const answer = (m: Res) =>
      setTimeout(() => {
        if (!this.terminated) this.onmessage?.({ data: m } as MessageEvent<Res>);
      }, 0);
    if (req.type === this.crashOn) {
      setTimeout(() => this.onerror?.({ message: 'out of memory', preventDefault() {} } as ErrorEvent), 0);
      return;
    }
    if (req.type === 'sum') {
      for (let s = 1; s <= (req.steps ?? 0); s++) answer({ id: req.id, type: 'progress', step: s });
      answer({ id: req.id, type: 'result', result: req.xs.reduce((a, b) => a + b, 0) + this.state });
    } else if (req.type === 'set') {
      if (req.value < 0)
        answer({ id: req.id, type: 'error', error: toWireError(new CodedError('negative')) });
      else {
        this.state = req.value;
        answer({ id: req.id, type: 'result', result: null });
      }
    } else if (req.type === 'get') answer({ id: req.id, type: 'result', result: this.state });
  }
  terminate(): void {
    this.terminated = true;
  }
}

/** Workers crashing on `crashOn`: the first `crashes` workers made (default 1). */
function setup(crashOn: Req['type'] | null = null, crashes = 1, extra: { rebuildTo?: () => number } = {}) {
  const workers: FakeWorker[] = [];
  const restarts: string[] = [];
  const link = createLink<Req, Res, number>({
    create: () => {
      const w = new FakeWorker(workers.length < crashes ? crashOn : null);
      workers.push(w);
      return w;
    },
    read: standardReader<Res, number>((m) => (m as { step: number }).step),
    cancelMessage: (id, target) => ({ id, type: 'cancel', target }),
    errors: { crashed: (detail, second) => new CodedError(second ? `crashed-twice: ${detail}` : 'crashed') },
    ...(extra.rebuildTo
      ? {
          rebuild: async (call) => {
            await call(() => [{ type: 'set', value: extra.rebuildTo!() }]);
          },
        }
      : {}),
  });
  link.onRestart((d) => restarts.push(d));
  return { link, workers, restarts };
}

const sum =
  (xs: number[], steps = 0): Build<Req> =>
  () => {
    const a = Float64Array.from(xs);
    return [{ type: 'sum', xs: a, steps }, [a.buffer]];
  };

describe('worker link (src/workers/rpc)', () => {
  it('starts lazily, matches answers to ids, reports progress and rebuilds errors', async () => {
    const { link, workers } = setup();
    expect(workers).toHaveLength(0);
    const progress: number[] = [];
    const [a, b] = await Promise.all([
      link.call<number>(sum([1, 2, 3], 3), { onProgress: (p) => progress.push(p) }),
      link.call<number>(sum([10, 20])),
    ]);
    expect([a, b]).toEqual([6, 30]);
    expect(progress).toEqual([1, 2, 3]);
    expect(workers).toHaveLength(1);
    expect(workers[0]!.received.map((r) => r.id)).toEqual([1, 2]);
    await expect(link.call(() => [{ type: 'set', value: -1 }])).rejects.toMatchObject({ code: 'negative' });
  });

  it('transfers the buffers the build function lists (the sent copy is detached)', async () => {
    const { link } = setup();
    let sent: Float64Array | null = null;
    const got = await link.call<number>(() => {
      sent = Float64Array.from([4, 5]);
      return [{ type: 'sum', xs: sent }, [sent.buffer]];
    });
    expect(got).toBe(9);
    expect(sent!.buffer.byteLength).toBe(0);
  });

  it('abort by terminating: AbortError, the other calls interrupted, a fresh worker next', async () => {
    const { link, workers } = setup();
    const controller = new AbortController();
    const running = link.call(sum([1], 5), {
      signal: controller.signal,
      onProgress: (p) => p === 2 && controller.abort(),
    });
    const queued = link.call(sum([2]));
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
    await expect(queued).rejects.toMatchObject({ name: 'AbortError' });
    expect(workers[0]!.terminated).toBe(true);
    await expect(link.call(() => [{ type: 'get' }], { signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(workers).toHaveLength(1);
    expect(await link.call(sum([7]))).toBe(7);
    expect(workers).toHaveLength(2);
  });

  it("abort by 'cancel': the worker is told and kept", async () => {
    const { link, workers } = setup();
    const controller = new AbortController();
    const p = link.call(sum([1], 3), { signal: controller.signal, abort: 'cancel' });
    controller.abort();
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
    expect(workers[0]!.received.at(-1)).toEqual({ id: 2, type: 'cancel', target: 1 });
    expect(workers[0]!.terminated).toBe(false);
    expect(await link.call(sum([3]))).toBe(3);
  });

  it('crash → replacement → resend once (rebuilt state first); onRestart hears it', async () => {
    const { link, workers, restarts } = setup('sum', 1, { rebuildTo: () => 100 });
    await link.call(() => [{ type: 'set', value: 100 }], { resend: true });
    const got = await link.call<number>(sum([1, 2]), { resend: true });
    expect(got).toBe(103);
    expect(workers).toHaveLength(2);
    expect(workers[0]!.terminated).toBe(true);
    expect(workers[1]!.received.map((r) => r.type)).toEqual(['set', 'sum']);
    expect(restarts).toEqual(['out of memory']);
    expect(link.crashDetail).toBe('out of memory');
  });

  it('a second crash of the same request rejects with the code; a call not marked resend fails at once', async () => {
    const twice = setup('sum', 2);
    await expect(twice.link.call(sum([1]), { resend: true })).rejects.toMatchObject({
      code: 'crashed-twice: out of memory',
    });
    expect(twice.workers).toHaveLength(2);
    const once = setup('sum', 1);
    await expect(once.link.call(sum([1]))).rejects.toMatchObject({ code: 'crashed' });
    expect(once.workers).toHaveLength(1);
  });

  it('a link that is not replaceable stays dead after a crash; dispose rejects pending calls', async () => {
    const w = new FakeWorker('sum');
    const link = createLink<Req, Res, number>({
      create: () => w,
      replaceable: false,
      read: standardReader<Res, number>(() => 0),
      errors: { crashed: (d) => new Error(`stopped: ${d}`), disposed: () => new Error('disposed') },
    });
    await expect(link.call(sum([1]), { resend: true })).rejects.toThrow('stopped: out of memory');
    await expect(link.call(() => [{ type: 'get' }])).rejects.toThrow('stopped: out of memory');

    const { link: l2, workers } = setup();
    const pending = l2.call(sum([1], 2));
    l2.dispose();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(workers[0]!.terminated).toBe(true);
  });
});
