/**
 * The data actions' orchestration with a scripted data client: the pipeline runs by itself after a
 * load, and errors or cancellations never wipe earlier results.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CleaningReport } from '../core/clean/types';
import type { MappingGuess } from '../core/ingest/types';
import type { RfmTable } from '../core/rfm/types';
import { missingRoles } from '../core/ingest/roles';
import { UserFacingError } from '../core/errors';
import type { LoadResult, MappingResult } from '../workers/data/client';

const script = vi.hoisted(() => ({
  loadError: null as unknown,
  cleanError: null as unknown,
  /** While set, computeRfm waits for it. */
  rfmGate: null as Promise<void> | null,
  calls: [] as string[],
}));

function loadResult(name: string, guess: MappingGuess): LoadResult {
  return {
    fileName: name,
    byteLength: 10,
    rowCount: 3,
    delimiter: ',',
    encoding: 'utf-8',
    headers: ['CustomerID', 'InvoiceDate', 'Quantity', 'UnitPrice', 'colour'],
    preview: { headers: ['CustomerID', 'InvoiceDate', 'Quantity', 'UnitPrice', 'colour'], rows: [] },
    guess,
    ragged: { count: 0, exampleRows: [] },
    titleLines: 0,
    skippedLines: 0,
    parseMs: 1,
  };
}

vi.mock('../workers/data/client', async () => {
  return {
    createDataClient: () => ({
      async load(_file: Blob, name: string) {
        script.calls.push(`load ${name}`);
        if (script.loadError) throw script.loadError;
        const full = name !== 'colours.csv';
        return loadResult(name, {
          kind: 'transactions',
          mapping: full ? { customer: 0, date: 1, quantity: 2, price: 3 } : {},
          dateOrder: full ? { order: 'ISO', candidates: ['ISO'], ambiguous: false, reason: '' } : null,
          missing: full ? [] : ['customer', 'date', 'quantity', 'price'],
        });
      },
      async applyMapping(mapping: Record<string, number>) {
        script.calls.push(`map ${Object.keys(mapping).sort().join(',')}`);
        const r: MappingResult = {
          kind: 'transactions',
          rowCount: 3,
          customers: 2,
          invoices: 0,
          firstTime: 0,
          lastTime: 0,
          dateOrder: 'ISO',
          problems: [],
          typedPreview: { headers: [], rows: [] },
        };
        return r;
      },
      async clean() {
        script.calls.push('clean');
        if (script.cleanError) throw script.cleanError;
        const r: CleaningReport = { rowsIn: 3, customersIn: 2, rowsKept: 3, customersKept: 2, steps: [] };
        return r;
      },
      async computeRfm() {
        script.calls.push('rfm');
        if (script.rfmGate) await script.rfmGate;
        const t: RfmTable = {
          customerIds: ['a', 'b'],
          recency: new Float64Array([1, 2]),
          frequency: new Float64Array([1, 1]),
          monetary: new Float64Array([5, 6]),
          analysisTime: 0,
          excludedNonPositive: 0,
          preAggregated: false,
        };
        return t;
      },
      async rows() {
        return { headers: [], rows: [] };
      },
      warmUp() {},
      dispose() {
        script.calls.push('dispose');
      },
      onRestart() {
        return () => undefined;
      },
    }),
  };
});

const { useNotebook } = await import('./store');
/** Resolves once the store satisfies `pred` (the actions are async). */
const { until } = await import('./until');
const actions = await import('./data-actions');
const { initialDataState } = await import('./data-slice');

const file = new Blob(['x']);

beforeEach(() => {
  useNotebook.setState({ ...initialDataState });
  script.loadError = null;
  script.cleanError = null;
  script.rfmGate = null;
  script.calls = [];
});

describe('missingRoles (one rule, src/core/ingest/roles.ts, used by the store and the data worker)', () => {
  it('needs customer, date and quantity × price or an amount for transactions', () => {
    expect(missingRoles('transactions', { customer: 0, date: 1, amount: 2 })).toEqual([]);
    expect(missingRoles('transactions', { customer: 0, date: 1, quantity: 2 })).toEqual(['price']);
    expect(missingRoles('transactions', { customer: 0, date: 1, price: 2 })).toEqual(['quantity']);
  });
  it('a file with no quantity, price or amount column needs nothing more (an R+F model)', () => {
    expect(missingRoles('transactions', {})).toEqual(['customer', 'date']);
    expect(missingRoles('transactions', { customer: 0, date: 1 })).toEqual([]);
  });
  it('needs recency, frequency and monetary (not an id) for an RFM table', () => {
    expect(missingRoles('rfm', { frequency: 1 })).toEqual(['recency', 'monetary']);
    expect(missingRoles('rfm', { recency: 0, frequency: 1, monetary: 2 })).toEqual([]);
  });
});

describe('data pipeline actions', () => {
  it('a load runs mapping, cleaning and RFM by itself', async () => {
    await actions.loadFile(file, 'a.csv');
    await until((s) => s.rfmStatus === 'ready');
    const s = useNotebook.getState();
    expect(script.calls).toEqual(['load a.csv', 'map customer,date,price,quantity', 'clean', 'rfm']);
    expect(s.datasetName).toBe('a.csv');
    expect(s.rfmSource).toBe('a.csv');
    expect([s.loadStatus, s.mappingStatus, s.cleaningStatus]).toEqual(['ready', 'ready', 'ready']);
    expect(s.rfm?.customerIds).toEqual(['a', 'b']);
  });

  it('a failed load keeps everything that was there', async () => {
    await actions.loadFile(file, 'a.csv');
    await until((s) => s.rfmStatus === 'ready');
    const before = useNotebook.getState();
    script.loadError = new UserFacingError({ code: 'empty-file', fileName: 'b.csv', why: 'zero-bytes' });
    await actions.loadFile(file, 'b.csv');
    const s = useNotebook.getState();
    expect(s.loadStatus).toBe('error');
    expect(s.loadError).toEqual({
      code: 'empty-file',
      message: '"b.csv" is empty (0 bytes). Choose the file again or export it anew from your spreadsheet.',
    });
    expect(s.loadResult).toBe(before.loadResult);
    expect(s.rfm).toBe(before.rfm);
    expect(s.cleaningReport).toBe(before.cleaningReport);
    expect(s.datasetName).toBe('a.csv');
  });

  it('a file without the needed columns names them and keeps the earlier RFM table', async () => {
    await actions.loadFile(file, 'a.csv');
    await until((s) => s.rfmStatus === 'ready');
    const oldRfm = useNotebook.getState().rfm;
    await actions.loadFile(file, 'colours.csv');
    await until((s) => s.mappingStatus === 'error');
    const s = useNotebook.getState();
    // the one rule (src/core/ingest/roles.ts): customer and date are needed; no money at all is an
    // R+F model, not a missing column, and a missing date is named with what to do
    expect(s.mappingError?.message).toMatch(/^Choose a column for customer id and date below/);
    expect(s.mappingError?.code).toBe('no-date');
    expect(s.mappingError?.message).toMatch(/No date column was found \(and no money column\)/);
    expect(s.rfm).toBe(oldRfm);
    expect(s.rfmSource).toBe('a.csv');
    expect(s.rfmStatus).toBe('stale');
    expect(script.calls.filter((c) => c.startsWith('map'))).toHaveLength(1);
  });

  it('a cleaning error keeps the last report and table; a later change recomputes', async () => {
    await actions.loadFile(file, 'a.csv');
    await until((s) => s.rfmStatus === 'ready');
    const before = useNotebook.getState();
    script.cleanError = new UserFacingError({ code: 'nothing-kept', fileName: 'a.csv' });
    actions.setCleaning({ dropDuplicates: false });
    expect(useNotebook.getState().cleaningStatus).toBe('stale');
    await until((s) => s.cleaningStatus === 'error');
    let s = useNotebook.getState();
    expect(s.cleaningError?.message).toBe(
      'The cleaning rules removed every row of "a.csv". Turn some rules off or widen the date window.',
    );
    expect(s.cleaningReport).toBe(before.cleaningReport);
    expect(s.rfm).toBe(before.rfm);
    expect(s.cleaningSettings.dropDuplicates).toBe(false);
    script.cleanError = null;
    actions.setCleaning({ dropDuplicates: true });
    await until((st) => st.rfmStatus === 'ready' && st.cleaningStatus === 'ready');
    s = useNotebook.getState();
    expect(s.cleaningError).toBeNull();
    expect(s.rfm).not.toBe(before.rfm); // a new object for the model steps to notice
  });

  it('edits in a burst run the pipeline once (debounced)', async () => {
    await actions.loadFile(file, 'a.csv');
    await until((s) => s.rfmStatus === 'ready');
    script.calls = [];
    actions.setCleaning({ dropDuplicates: false });
    actions.setCleaning({ dropOutliers: true });
    actions.setRfmSettings({ frequency: 'lines' });
    await until((s) => s.rfmStatus === 'ready' && s.cleaningStatus === 'ready');
    expect(script.calls).toEqual(['clean', 'rfm']);
  });

  it('resetDataWork while RFM is computed: the late result is never written, the worker ends', async () => {
    let open!: () => void;
    script.rfmGate = new Promise((r) => (open = r));
    await actions.loadFile(file, 'a.csv');
    await until((s) => s.rfmStatus === 'running');
    actions.resetDataWork();
    useNotebook.setState({ ...initialDataState });
    open();
    await new Promise((r) => setTimeout(r, 20));
    const s = useNotebook.getState();
    expect(script.calls).toEqual([
      'load a.csv',
      'map customer,date,price,quantity',
      'clean',
      'rfm',
      'dispose',
    ]);
    expect(s.rfm).toBeNull();
    expect([s.loadStatus, s.rfmStatus]).toEqual(['waiting', 'waiting']);
  });
});
