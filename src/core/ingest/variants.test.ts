/**
 * The full UCI file as other copies circulate it: windows-1252 (ISO-8859-1) bytes and Excel-style
 * `M/D/YYYY H:MM` dates. Encoding, date order and RFM must come out as from the shipped copy.
 */
import { describe, expect, it } from 'vitest';
import { Buffer } from 'node:buffer';
import { detectEncoding } from './encoding';
import { parseText } from './parse-text';
import { guessMapping } from './roles';
import { buildTransactions } from './transactions';
import { DEFAULT_CLEANING, cleanTransactions } from '../clean/clean';
import { DEFAULT_RFM, computeRfm } from '../rfm/rfm';
import { fixture, repoFile } from '../rfm/test-data';

describe('Online Retail as windows-1252 with M/D/YYYY dates', () => {
  it('detects the encoding and the date order and gives the same RFM', () => {
    const utf8 = new TextDecoder().decode(repoFile('public/sample/online-retail.csv.gz'));
    const excelStyle = utf8.replace(
      /"(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):00"/g,
      (_m, y: string, mo: string, d: string, h: string, mi: string) =>
        `${Number(mo)}/${Number(d)}/${y} ${Number(h)}:${mi}`,
    );
    const bytes = new Uint8Array(Buffer.from(excelStyle, 'latin1'));
    const enc = detectEncoding(bytes, true);
    expect(enc.encoding).toBe('windows-1252');
    const text = new TextDecoder(enc.encoding).decode(bytes);
    const { table } = parseText(text, {
      fileName: 'Online Retail.csv',
      byteLength: bytes.length,
      encoding: enc.encoding,
    });
    const desc = table.columns[2]!;
    expect(desc.dict).toContain('Dotcomgiftshop Gift Voucher £40.00');
    const g = guessMapping(table);
    expect(g.dateOrder).toMatchObject({ order: 'MDY', ambiguous: false });
    const tx = buildTransactions(table, g.mapping, g.dateOrder!.order);
    expect(tx.problems).toEqual([]);
    const { keep } = cleanTransactions(tx, DEFAULT_CLEANING);
    const rfm = computeRfm(tx, keep, DEFAULT_RFM);
    const ref = fixture<{ rfm: Record<string, [number, number, number]> }>('online-retail-default.json').rfm;
    expect(rfm.customerIds.length).toBe(Object.keys(ref).length);
    let bad = 0;
    rfm.customerIds.forEach((id, j) => {
      const r = ref[id]!;
      if (
        rfm.recency[j] !== r[0] ||
        rfm.frequency[j] !== r[1] ||
        Math.abs(rfm.monetary[j]! - r[2]) > 1e-6 * Math.max(1, Math.abs(r[2]))
      )
        bad++;
    });
    expect(bad).toBe(0);
  });
});
