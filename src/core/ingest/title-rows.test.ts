import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRepoFile, repoFile } from '../rfm/test-data';
import { parseText } from './parse-text';
import { titleLines } from './title-rows';

/** The first 200 lines of the UCI file, as text. */
const uciHead = new TextDecoder()
  .decode(repoFile('public/sample/online-retail.csv.gz').subarray(0, 40_000))
  .split('\n')
  .slice(0, 200);
const preview = (text: string) =>
  parseText(text, { fileName: 'x.csv', byteLength: text.length, encoding: 'utf-8' }).preview;

describe('title lines above the header', () => {
  it('none in the shipped real files', () => {
    expect(titleLines(parseRepoFile('public/sample/online-retail.csv.gz').preview)).toBe(0);
    expect(titleLines(parseRepoFile('fixtures/cdnow-master.txt').preview)).toBe(0);
    expect(titleLines(parseRepoFile('fixtures/online-retail-rfm-2011h2.csv').preview)).toBe(0);
    for (const f of readdirSync('fixtures/real'))
      expect(titleLines(parseRepoFile(`fixtures/real/${f}`).preview), f).toBe(0);
  });

  it('a report title and an "exported" line above the UCI header: the header is line 3', () => {
    expect(titleLines(preview(['Sales report', 'Exported 2024-01-05,,,,,,,', ...uciHead].join('\n')))).toBe(
      2,
    );
    expect(titleLines(preview(['"Online Retail, all lines"', ...uciHead].join('\n')))).toBe(1);
    // a blank line between the title and the header is no line of the table
    expect(titleLines(preview(['Sales report', '', ...uciHead].join('\n')))).toBe(1);
  });

  it('not for a header with an unnamed column (a pandas index) or rows wider than the header', () => {
    const indexed = uciHead.map((l, i) => `${i === 0 ? '' : i - 1},${l}`);
    expect(titleLines(preview(indexed.join('\n')))).toBe(0);
    // the header names 3 of 8 columns: the first data row is no header (its values are numbers)
    const short = ['"InvoiceNo","StockCode","Description"', ...uciHead.slice(1)];
    expect(titleLines(preview(short.join('\n')))).toBe(0);
  });
});
