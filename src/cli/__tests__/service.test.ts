/**
 * The scoring service over real loopback HTTP: the reference notebook's request scored to the
 * labels of the committed scikit-learn reference (src/core/model/__fixtures__/scoring-reference.json),
 * 200 malformed requests each answered 4xx with /health still answering, concurrent answers equal to
 * sequential ones, body limit, content type, time limit.
 */
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labelsOf, loadScoringReference } from '../../core/model/__fixtures__/load';
import { parseModelJson } from '../../core/model';
import { createScoringServer, shutdown } from '../service/http-server';
import { modelScorer } from '../service/scorer';

const ref = loadScoringReference();
const model = parseModelJson(JSON.stringify(ref.model));
let server: Server;
let base = '';

beforeAll(async () => {
  server = createScoringServer(modelScorer(model), { bodyLimit: 256 * 1024, requestTimeoutMs: 1_500 });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => shutdown(server, 2_000));

const JSON_TYPE = { 'Content-Type': 'application/json' };

/** The reference request: `rows` of the `after` customers, columns in the notebook's names and a shuffled order. */
function referenceBody(rows: number[], columns = ['Monetary(£)', 'Recency(Days)', 'Frequency']) {
  const a = ref.after;
  const value = (name: string, i: number) =>
    name.startsWith('Monetary')
      ? a.monetary[i]!
      : name.startsWith('Recency')
        ? a.recency[i]!
        : a.frequency[i]!;
  return {
    input_data: {
      columns,
      index: rows.map((i) => a.ids[i]!),
      data: rows.map((i) => columns.map((c) => value(c, i))),
    },
  };
}

async function post(body: unknown, path = '/score') {
  const res = await fetch(base + path, { method: 'POST', headers: JSON_TYPE, body: JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe('POST /score with the reference request', () => {
  const all = ref.after.ids.map((_, i) => i);
  const want = Array.from(labelsOf(ref.after.labels));

  it("every customer of the UCI sample gets scikit-learn's label, distances to 1e-9", async () => {
    const { status, json } = await post(referenceBody(all));
    expect(status).toBe(200);
    expect(json.predictions).toEqual(want);
    const d = json.distances as number[];
    ref.after.distances.forEach((x, i) => expect(Math.abs(d[i]! - x)).toBeLessThan(1e-9));
    expect((json.segments as string[])[0]).toBe(model.names[want[0]!]);
  });

  it("?format=mlflow, the Accept parameter and MLflow's dataframe_split give the bare array", async () => {
    const rows = all.slice(0, 300);
    const body = JSON.stringify(referenceBody(rows, ['Recency(Days)', 'Frequency', 'Monetary(Â£)']));
    const a = await fetch(`${base}/score?format=mlflow`, { method: 'POST', headers: JSON_TYPE, body });
    expect(await a.json()).toEqual(want.slice(0, 300));
    const b = await fetch(`${base}/invocations`, {
      method: 'POST',
      headers: { ...JSON_TYPE, Accept: 'application/json; format=mlflow' },
      body: JSON.stringify({ dataframe_split: referenceBody(rows).input_data }),
    });
    expect(await b.json()).toEqual(want.slice(0, 300));
  });

  it('concurrent requests get the same answers as sequential ones', async () => {
    const bodies = Array.from({ length: 40 }, (_, j) => referenceBody(all.filter((i) => i % 40 === j)));
    const sequential = [];
    for (const b of bodies) sequential.push(await post(b));
    const concurrent = await Promise.all(bodies.map((b) => post(b)));
    expect(concurrent).toEqual(sequential);
    expect(sequential.every((r) => r.status === 200)).toBe(true);
  });

  it('GET /model: metadata without customer data; GET /health', async () => {
    const m = (await (await fetch(`${base}/model`)).json()) as Record<string, unknown>;
    expect(m.id).toBe(model.id);
    expect(m.k).toBe(model.k);
    expect(JSON.stringify(m)).not.toContain(ref.after.ids[0]!);
    expect(await (await fetch(`${base}/health`)).json()).toEqual({ status: 'ok', model: model.id });
  });
});

/** 200 malformed requests: [description, fetch init or raw text, path]. */
function malformed(): { name: string; path?: string; init: RequestInit }[] {
  const good = referenceBody([0, 1, 2]);
  const text = JSON.stringify(good);
  const out: { name: string; path?: string; init: RequestInit }[] = [];
  const body = (name: string, b: string, headers: Record<string, string> = JSON_TYPE) =>
    out.push({ name, init: { method: 'POST', headers, body: b } });
  for (let cut = 1; cut <= 92; cut++) body(`truncated at ${cut}`, text.slice(0, cut));
  const values = [null, 'x', '12', true, [], {}, 'NaN', '1e309'];
  for (let row = 0; row < 3; row++)
    for (let col = 0; col < 3; col++)
      for (const v of values) {
        const b = structuredClone(good);
        (b.input_data.data[row] as unknown[])[col] = v;
        body(`value ${JSON.stringify(v)} at [${row}][${col}]`, JSON.stringify(b));
      }
  const shapes: unknown[] = [
    null,
    [],
    42,
    'input_data',
    {},
    { input_data: null },
    { input_data: [] },
    { input_data: { columns: 'Frequency', data: [] } },
    { input_data: { columns: ['Frequency', 'Monetary(£)'], data: [[1, 2]] } },
    { input_data: { columns: ['Recency(Days)', 'Frequency', 'Monetary(£)', 'Age'], data: [[1, 2, 3, 4]] } },
    { input_data: { columns: ['Recency(Days)', 'Frequency', 'Frequency'], data: [[1, 2, 3]] } },
    { input_data: { columns: ['Recency(Days)', 'Frequency', 'Monetary(£)'], data: [[1, 2]] } },
    { input_data: { columns: ['Recency(Days)', 'Frequency', 'Monetary(£)'], data: [[1, 2, 3, 4]] } },
    { input_data: { columns: ['Recency(Days)', 'Frequency', 'Monetary(£)'], data: [1, 2, 3] } },
    { input_data: { columns: ['Recency(Days)', 'Frequency', 'Monetary(£)'], data: {} } },
    {
      input_data: {
        columns: ['Recency(Days)', 'Frequency', 'Monetary(£)'],
        index: [1, 2],
        data: [[1, 2, 3]],
      },
    },
    { input_data: { columns: [1, 2, 3], data: [[1, 2, 3]] } },
    { dataframe_split: null },
  ];
  shapes.forEach((s, i) => body(`shape ${i}`, JSON.stringify(s)));
  for (const ct of ['text/plain', 'application/x-www-form-urlencoded', 'text/csv', 'multipart/form-data', ''])
    body(`content type "${ct}"`, text, ct ? { 'Content-Type': ct } : {});
  body('over the body limit', JSON.stringify({ input_data: { pad: 'x'.repeat(300 * 1024) } }));
  body('deep nesting', '['.repeat(100_000));
  for (const method of ['GET', 'PUT', 'DELETE', 'PATCH'])
    out.push({ name: `${method} /score`, init: { method } });
  for (const path of ['/', '/scores', '/model/x', '/health/..', '/%zz'])
    out.push({ name: `POST ${path}`, path, init: { method: 'POST', headers: JSON_TYPE, body: text } });
  out.push({
    name: 'POST /health',
    path: '/health',
    init: { method: 'POST', headers: JSON_TYPE, body: text },
  });
  out.push({ name: 'POST /model', path: '/model', init: { method: 'POST', headers: JSON_TYPE, body: text } });
  return out.slice(0, 200);
}

describe('malformed requests', () => {
  const cases = malformed();
  it('there are 200 of them', () => expect(cases.length).toBe(200));

  it('each gets a 4xx JSON error (naming the field and row for bad values); /health still answers', async () => {
    for (const c of cases) {
      const res = await fetch(base + (c.path ?? '/score'), c.init);
      expect(res.status, c.name).toBeGreaterThanOrEqual(400);
      expect(res.status, c.name).toBeLessThan(500);
      const json = (await res.json()) as {
        error: { code: string; field: string | null; row: number | null };
      };
      expect(typeof json.error.code, c.name).toBe('string');
      const m = /^value .* at \[(\d)\]\[(\d)\]$/.exec(c.name);
      if (m) {
        expect(json.error.row, c.name).toBe(Number(m[1]));
        expect(json.error.field, c.name).toBe(`input_data.data[${m[1]}][${m[2]}]`);
      }
    }
    expect((await fetch(`${base}/health`)).status).toBe(200);
  });

  it('status codes: 415 wrong content type, 413 over the limit, 405 wrong method, 404 unknown route', async () => {
    const status = async (name: string) => {
      const c = cases.find((x) => x.name === name)!;
      return (await fetch(base + (c.path ?? '/score'), c.init)).status;
    };
    expect(await status('content type "text/plain"')).toBe(415);
    expect(await status('over the body limit')).toBe(413);
    expect(await status('GET /score')).toBe(405);
    expect(await status('POST /scores')).toBe(404);
    expect(await status('truncated at 10')).toBe(400);
  });

  it('a client that never finishes its request is cut off by the time limit, not left hanging', async () => {
    const { port } = server.address() as AddressInfo;
    const t0 = Date.now();
    const answer = await new Promise<string>((resolve) => {
      const s = connect(port, '127.0.0.1', () =>
        s.write(
          'POST /score HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"in',
        ),
      );
      let got = '';
      s.on('data', (d) => (got += d.toString()));
      s.on('close', () => resolve(got));
      s.on('error', () => resolve(got));
    });
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(answer).toMatch(/^HTTP\/1.1 408/);
    expect((await fetch(`${base}/health`)).status).toBe(200);
  });

  it('a request line that is not HTTP gets 400 and the server keeps serving', async () => {
    const { port } = server.address() as AddressInfo;
    const answer = await new Promise<string>((resolve) => {
      const s = connect(port, '127.0.0.1', () => s.write('HELLO THERE\r\n\r\n'));
      let got = '';
      s.on('data', (d) => (got += d.toString()));
      s.on('close', () => resolve(got));
    });
    expect(answer).toMatch(/^HTTP\/1.1 400/);
    expect((await fetch(`${base}/health`)).status).toBe(200);
  });
});
