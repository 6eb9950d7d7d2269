/**
 * The profile actions follow the data slice: a new loadResult → column profile; a new mappingResult
 * of transactions → glance + extreme lines; errors keep earlier results. The client is a stand-in
 * that runs the real DataService in-process (the worker's code without the worker).
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { LoadResult, MappingResult } from '../workers/data/client';

const script = vi.hoisted(() => ({ fail: null as unknown, calls: [] as string[] }));

vi.mock('../workers/data/client', async () => {
  const { DataService } = await import('../workers/data/data-service');
  const service = new DataService();
  const csv =
    'InvoiceNo,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n1,2,2011-06-01 10:00,1.5,c1,UK\n2,3,2011-07-02 10:00,2,,France\nC3,-2,2011-07-03 10:00,1.5,c1,UK\n';
  const ready = service
    .load(
      new Blob([csv]),
      'p.csv',
      undefined,
      () => undefined,
      () => false,
    )
    .then((r) => {
      service.applyMapping(r.guess.mapping, r.guess.dateOrder?.order ?? null);
    });
  const step = async <T>(name: string, f: () => T): Promise<T> => {
    await ready;
    script.calls.push(name);
    if (script.fail) throw script.fail;
    return f();
  };
  const client = {
    profile: () => step('profile', () => service.profile()),
    glance: () => step('glance', () => service.glance()),
    outliers: () => step('outliers', () => service.outliers()),
    onRestart: () => () => undefined,
  };
  return { createDataClient: () => client };
});

const { useNotebook } = await import('./store');
/** Resolves once the store satisfies `pred` (the actions are async). */
const { until } = await import('./until');
const { installProfileSync } = await import('./profile-actions');
const { initialProfileState } = await import('./profile-slice');
const { initialDataState } = await import('./data-slice');

const load = (name: string) => ({ fileName: name, rowCount: 3 }) as unknown as LoadResult;
const mapped = (kind: 'transactions' | 'rfm') => ({ kind, rowCount: 3 }) as unknown as MappingResult;

beforeEach(() => {
  useNotebook.setState({ ...initialDataState, ...initialProfileState });
  script.fail = null;
  script.calls = [];
  installProfileSync();
});

describe('profile actions', () => {
  it('profiles a newly loaded file and summarises newly mapped transactions', async () => {
    useNotebook.setState({ loadResult: load('p.csv') });
    expect(useNotebook.getState().profileStatus).toBe('running');
    await until((s) => s.profileStatus === 'ready');
    const s1 = useNotebook.getState();
    expect(s1.profileSource).toBe('p.csv');
    expect(s1.columnProfile!.map((c) => [c.name, c.missing, c.distinct])).toEqual([
      ['InvoiceNo', 0, 3],
      ['Quantity', 0, 3],
      ['InvoiceDate', 0, 3],
      ['UnitPrice', 0, 2],
      ['CustomerID', 1, 1],
      ['Country', 0, 2],
    ]);
    useNotebook.setState({ mappingResult: mapped('transactions') });
    await until((s) => s.glanceStatus === 'ready');
    const s2 = useNotebook.getState();
    expect(s2.glance!.months.map((m) => [m.month, m.rows, m.revenue])).toEqual([
      ['2011-06', 1, 3],
      ['2011-07', 2, 3],
    ]);
    expect(s2.glance!.missingCustomer).toBe(1);
    expect(s2.outliers!.rows.length).toBe(0); // 3 values: too few to judge
    expect(script.calls).toEqual(['profile', 'glance', 'outliers']);
  });

  it('keeps earlier results on error and clears the glance for an RFM table', async () => {
    useNotebook.setState({ loadResult: load('p.csv'), mappingResult: mapped('transactions') });
    await until((s) => s.profileStatus === 'ready' && s.glanceStatus === 'ready');
    const before = useNotebook.getState();
    script.fail = { code: 'boom', message: 'The worker said no.' };
    useNotebook.setState({ loadResult: load('q.csv') });
    await until((s) => s.profileStatus === 'error');
    expect(useNotebook.getState().profileError).toEqual({ code: 'boom', message: 'The worker said no.' });
    expect(useNotebook.getState().columnProfile).toBe(before.columnProfile);
    script.fail = null;
    useNotebook.setState({ mappingResult: null });
    expect(useNotebook.getState().glanceStatus).toBe('stale');
    useNotebook.setState({ mappingResult: mapped('rfm') });
    expect(useNotebook.getState().glanceStatus).toBe('waiting');
    expect(useNotebook.getState().glance).toBeNull();
  });
});
