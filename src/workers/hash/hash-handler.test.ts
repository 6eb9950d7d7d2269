import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { handleHashRequest } from './hash-handler';
import type { HashResponse } from './protocol';

const SAMPLE = join(import.meta.dirname, '..', '..', '..', 'public', 'sample', 'online-retail.csv.gz');

async function ask(blob: Blob): Promise<HashResponse> {
  const out: HashResponse[] = [];
  await handleHashRequest({ id: 7, type: 'sha256', blob }, (m) => out.push(m));
  expect(out).toHaveLength(1);
  return out[0]!;
}

describe('hash worker', () => {
  it('answers the SHA-256 of the sample file as Node computes it', async () => {
    const bytes = readFileSync(SAMPLE);
    const res = await ask(new Blob([bytes]));
    expect(res).toEqual({
      id: 7,
      type: 'result',
      result: createHash('sha256').update(bytes).digest('hex'),
    });
  });

  it('answers a coded error naming what failed when the file cannot be read', async () => {
    const unreadable = {
      arrayBuffer: () => Promise.reject(new Error('file was removed')),
    } as unknown as Blob;
    expect(await ask(unreadable)).toEqual({
      id: 7,
      type: 'error',
      error: { name: 'Error', code: 'hash-failed', message: 'file was removed' },
    });
  });
});
