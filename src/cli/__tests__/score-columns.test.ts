/**
 * `score` on the training data under other headers: what the app cannot know is asked for by name
 * (exit 3 naming the column and the file's headers), `--column ROLE=HEADER` answers it, and the scored
 * customers are then exactly the fit's.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../main';

const SAMPLE = join(process.cwd(), 'public/sample/online-retail.csv.gz');
let dir = '';

async function cli(args: string[]): Promise<{ code: number; err: string }> {
  const errs: string[] = [];
  const code = await run(args, {
    cwd: dir,
    backend: 'inline',
    out: () => undefined,
    err: (t) => errs.push(t),
  });
  return { code, err: errs.join('') };
}

/** `score fit/model.json rechnungen.csv.gz --out OUT …more`. */
const score = (out: string, ...more: string[]) =>
  cli(['score', 'fit/model.json', 'rechnungen.csv.gz', '--out', out, ...more]);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sn-score-cols-'));
  const lines = gunzipSync(readFileSync(SAMPLE)).toString('utf8').split('\n');
  lines[0] = 'Rechnungsnummer,Nr,Beschreibung,Menge,Rechnungsdatum,Einzelpreis,Kennung,Land';
  writeFileSync(join(dir, 'rechnungen.csv.gz'), gzipSync(lines.join('\n')));
  expect((await cli(['fit', SAMPLE, '--out', 'fit', '--k', '4', '--no-record'])).code).toBe(0);
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('score with --column', () => {
  it('asks for the customer column by name, listing the headers', async () => {
    const r = await score('a.csv');
    expect(r.code).toBe(3);
    expect(r.err).toContain('recognised as: customer');
    expect(r.err).toContain('--column customer=HEADER');
    expect(r.err).toContain('"Kennung"');
  });
  it("then for the product column the model's cleaning used, naming its training header", async () => {
    const r = await score('a.csv', '--column', 'customer=Kennung');
    expect(r.code).toBe(3);
    expect(r.err).toContain(
      'cleaning rule "non-product codes" needs the product column ("StockCode" in the training file)',
    );
  }, 120_000);
  it("with both named, every customer gets the fit's row", async () => {
    const r = await score(
      'b.csv',
      '--summary',
      'b.json',
      '--column',
      'customer=Kennung',
      '--column',
      'product=Nr',
    );
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'b.csv'), 'utf8')).toBe(
      readFileSync(join(dir, 'fit/customers.csv'), 'utf8'),
    );
  }, 120_000);
  it('a role that does not exist is a usage error; a header that does not exist names the file', async () => {
    const bad = await score('c.csv', '--column', 'client=Kennung');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('ROLE one of customer');
    const none = await score('c.csv', '--column', 'customer=Kunde');
    expect(none.code).toBe(3);
    expect(none.err).toContain('"rechnungen.csv.gz" has no column "Kunde" (given for customer)');
  }, 120_000);
});
