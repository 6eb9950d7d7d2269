import { describe, expect, it } from 'vitest';
import { handleApplyRequest } from './apply-handler';
import { createApplyClient } from './client';
import type { ApplyRequest, ApplyResponse } from './protocol';

/** The apply worker in this thread: messages structured-cloned both ways, answered on a later task. */
class InProcessWorker {
  onmessage: ((e: MessageEvent<ApplyResponse>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  onmessageerror: ((e: MessageEvent) => void) | null = null;
  postMessage(message: ApplyRequest, transfer: Transferable[] = []): void {
    const req = structuredClone(message, { transfer });
    setTimeout(() =>
      handleApplyRequest(req, (m) =>
        this.onmessage?.({ data: structuredClone(m) } as MessageEvent<ApplyResponse>),
      ),
    );
  }
  terminate(): void {}
}

const header = 'customer_id,recency,frequency,monetary,cluster_id,cluster_name';

describe('apply client over the worker boundary', () => {
  it("rejects with the core's code, path and row (a previous export with a bad number)", async () => {
    const client = createApplyClient(() => new InProcessWorker() as unknown as Worker);
    const text = `${header}\nA,1,2,3.5,1,x\nB,4,abc,1,2,y\n`;
    await expect(
      client.call<'previous'>({ type: 'previous', text, fileName: 'before.csv', k: 2 }),
    ).rejects.toMatchObject({
      name: 'ModelError',
      code: 'request-not-number',
      path: 'frequency, row 3',
      row: 1,
    });
    const ok = await client.call<'previous'>({
      type: 'previous',
      text: `${header}\nA,1,2,3.5,1,x\n`,
      fileName: 'b.csv',
      k: 2,
    });
    expect(ok.ids).toEqual(['A']);
    client.dispose();
  });

  it('an error naming no field arrives with path and row null; the worker may not throw a code', async () => {
    const client = createApplyClient(() => new InProcessWorker() as unknown as Worker);
    await expect(
      client.call<'previous'>({ type: 'previous', text: `${header}\n`, fileName: 'empty.csv', k: 2 }),
    ).rejects.toMatchObject({ code: 'score-no-customers', path: '', row: null });
    await expect(
      client.call<'previous'>({ type: 'previous', text: 'customer_id\nA\n', fileName: 'c.csv', k: 2 }),
    ).rejects.toMatchObject({
      code: 'request-missing-column',
      path: 'recency',
      row: null,
    });
    client.dispose();
  });
});
