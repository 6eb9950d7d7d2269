/**
 * Shared steps of the data e2e tests. Everything waits on the page's own signals (data-status of a
 * cell, texts that carry real values), never on sleeps.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';

export const ROOT = join(import.meta.dirname, '..');
export const UCI_GZ = join(ROOT, 'public', 'sample', 'online-retail.csv.gz');
export const CDNOW = join(ROOT, 'fixtures', 'cdnow-master.txt');
export const RFM_2011H2 = join(ROOT, 'fixtures', 'online-retail-rfm-2011h2.csv');

/** customer id → [recency, frequency, monetary], as the pandas reference wrote it. */
export type RfmRecords = Record<string, [number, number, number]>;
export interface RfmFixture {
  readonly rfm: RfmRecords;
  readonly customersIn?: number;
  readonly excludedNonPositive?: number;
  readonly steps?: readonly { rule: string; rowsRemoved: number; customersRemoved: number }[];
}

export function readFixture(
  name: 'online-retail-default' | 'online-retail-reference' | 'cdnow-default',
): RfmFixture {
  return JSON.parse(
    readFileSync(join(ROOT, 'src', 'core', 'rfm', '__fixtures__', `${name}.json`), 'utf8'),
  ) as RfmFixture;
}

/** 541909 → "541,909", as the app shows counts. */
export const fmt = (n: number) => n.toLocaleString('en-US');

export const cell = (page: Page, id: string): Locator => page.getByTestId(`cell-${id}`);

export async function expectStatus(page: Page, id: string, status: string): Promise<void> {
  await expect(cell(page, id)).toHaveAttribute('data-status', status, { timeout: 120_000 });
}

/** Waits until Data, Columns, Cleaning and RFM are all ready. */
export async function expectPipelineReady(page: Page): Promise<void> {
  for (const id of ['data', 'columns', 'cleaning', 'rfm']) await expectStatus(page, id, 'ready');
}

/**
 * Chooses the compute engine ('auto', 'plain', 'tfjs-webgl', …) in the Choose-k cell: the control is
 * folded under "How this works" › "Compute engine", each opened unless it is open already.
 */
export async function chooseEngine(page: Page, value: string): Promise<void> {
  const chooseK = cell(page, 'choose-k');
  for (const [selector, label] of [
    ['details.cell__how', 'How this works'],
    ['details.engine-details', 'Compute engine'],
  ] as const) {
    const details = chooseK.locator(selector);
    if ((await details.getAttribute('open')) === null)
      await details.locator(':scope > summary', { hasText: label }).click();
  }
  await chooseK.getByLabel('Engine').selectOption(value);
}

export async function chooseFile(page: Page, path: string): Promise<void> {
  await page.getByLabel('Choose a data file').setInputFiles(path);
}

/** Drops a file on the drop zone through a real DataTransfer built in the page. */
export async function dropFile(page: Page, path: string, name: string, type = ''): Promise<void> {
  const b64 = readFileSync(path).toString('base64');
  const dataTransfer = await page.evaluateHandle(
    ({ b64, name, type }) => {
      const bin = atob(b64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], name, { type }));
      return dt;
    },
    { b64, name, type },
  );
  const zone = page.getByTestId('dropzone');
  await zone.dispatchEvent('dragenter', { dataTransfer });
  await zone.dispatchEvent('dragover', { dataTransfer });
  await zone.dispatchEvent('drop', { dataTransfer });
}

const num = (s: string) => Number(s.replace(/,/g, ''));

/** Searches the RFM table for one id and reads that customer's row as numbers. */
export async function rfmRow(page: Page, id: string): Promise<{ r: number; f: number; m: number }> {
  const rfm = cell(page, 'rfm');
  await rfm.getByLabel('Find customer id').fill(id);
  const table = rfm.getByRole('table', { name: 'RFM per customer' });
  const row = table
    .getByRole('row')
    .filter({ has: page.locator(`[data-col="customer"]`, { hasText: new RegExp(`^${id}$`) }) });
  await expect(row).toHaveCount(1);
  const [r, f, m] = await Promise.all(
    ['recency', 'frequency', 'monetary'].map((c) => row.locator(`[data-col="${c}"]`).innerText()),
  );
  return { r: num(r!), f: num(f!), m: num(m!) };
}

/** Compares customers shown in the table with the reference (R, F exact; M to the cent). */
export async function expectCustomersMatch(
  page: Page,
  fixture: RfmRecords,
  ids: readonly string[],
): Promise<void> {
  for (const id of ids) {
    const want = fixture[id];
    expect(want, `customer ${id} is in the reference`).toBeDefined();
    const got = await rfmRow(page, id);
    expect(got.r, `recency of ${id}`).toBe(want![0]);
    expect(got.f, `frequency of ${id}`).toBe(want![1]);
    expect(Math.abs(got.m - want![2]), `monetary of ${id}: ${got.m} vs ${want![2]}`).toBeLessThanOrEqual(
      0.005 + 1e-9,
    );
  }
  await cell(page, 'rfm').getByLabel('Find customer id').fill('');
}

/** A spread of ids from a reference: first, last, middle, the biggest spender and the most frequent. */
export function sampleIds(fixture: RfmRecords): string[] {
  const ids = Object.keys(fixture).sort();
  const byM = [...ids].sort((a, b) => fixture[b]![2] - fixture[a]![2]);
  const byF = [...ids].sort((a, b) => fixture[b]![1] - fixture[a]![1]);
  const picks = [
    ids[0]!,
    ids[ids.length - 1]!,
    ids[Math.floor(ids.length / 2)]!,
    ids[Math.floor(ids.length / 3)]!,
    byM[0]!,
    byF[0]!,
  ];
  return [...new Set(picks)];
}

/** RFC 4180 reader (BOM, quotes, CRLF). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/**
 * Draws the Segments cell's 3D view. On a software WebGL renderer (SwiftShader here) the app draws it
 * only on request (`src/components/plot/webgl-gate.tsx`); with a GPU it is drawn at once.
 */
export async function drawThe3dView(page: Page): Promise<Locator> {
  const gate = page.getByTestId('segments-3d-gate');
  const plot = page.getByTestId('segments-3d');
  await expect(gate.or(plot).first()).toBeVisible({ timeout: 120_000 });
  if (await gate.isVisible()) {
    await expect(gate).toContainText('draws WebGL charts in software');
    await gate.getByRole('button', { name: 'Draw the 3D view' }).click();
    // The button is gone: the focus is on the chart that replaced it, not lost to the page.
    await expect(page.locator('.webgl-gate__chart')).toBeFocused();
  }
  await expect(page.locator('.plot[data-plot-state="drawn"]').filter({ has: plot })).toHaveCount(1, {
    timeout: 120_000,
  });
  return plot;
}
