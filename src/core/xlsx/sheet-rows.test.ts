import { describe, expect, it } from 'vitest';
import { FMT_DATE, FMT_DATETIME, FMT_PLAIN, FMT_TIME } from './cell-text';
import { columnIndex, SheetRowParser, type SheetContext } from './sheet-rows';

const CTX: SheetContext = {
  sharedStrings: ['InvoiceNo', 'Date', 'Price', 'Note', '536365', 'Fish & Chips', '007'],
  formatKinds: Uint8Array.from([FMT_PLAIN, FMT_DATETIME, FMT_DATE, FMT_TIME]),
  date1904: false,
};

function read(
  xml: string,
  ctx: SheetContext = CTX,
  size = xml.length,
): { rows: string[][]; numbers: number[]; parser: SheetRowParser } {
  const rows: string[][] = [];
  const numbers: number[] = [];
  const parser = new SheetRowParser(ctx, (cells, n) => {
    rows.push(cells);
    numbers.push(n);
  });
  for (let i = 0; i < xml.length; i += size) parser.push(xml.slice(i, i + size));
  parser.finish();
  return { rows, numbers, parser };
}

const SHEET =
  '<?xml version="1.0"?><worksheet xmlns="urn:m"><dimension ref="A1:E6"/><sheetData>' +
  '<row r="1" spans="1:4"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>' +
  // numbers, a date-time style, 17-digit doubles, a number stored as text
  '<row r="2"><c r="A2" t="s"><v>4</v></c><c r="B2" s="1"><v>40513.351388888892</v></c><c r="C2"><v>2.5499999999999998</v></c><c r="D2" t="s"><v>6</v></c></row>' +
  // sparse: only B and D; blank row 4 (styled empty cells) skipped; row 5 cells without r attributes
  '<row r="3"><c r="B3" s="2"><v>40886</v></c><c r="D3" t="inlineStr"><is><t>x &lt; y &#163;</t></is></c></row>' +
  '<row r="4"><c r="A4" s="1"/><c r="B4" t="s"></c></row>' +
  '<row r="5"><c t="b"><v>1</v></c><c t="b"><v>0</v></c><c t="e"><v>#N/A</v></c><c t="str"><f>A1&amp;"x"</f><v>InvoiceNox</v></c><c><v>1E-3</v></c></row>' +
  '<row r="6"/>' +
  '<row r="7"><c r="A7" t="inlineStr"><is><r><t>Rich </t></r><r><rPr><b/></rPr><t>run</t></r><rPh><t>ignored</t></rPh></is></c><c r="C7" s="3"><v>0.75</v></c><c r="D7" t="d"><v>2011-12-09T12:50:00Z</v></c></row>' +
  '</sheetData><mergeCells count="0"/><headerFooter><oddHeader>&amp;Page</oddHeader></headerFooter></worksheet>';

const EXPECTED = [
  ['InvoiceNo', 'Date', 'Price', 'Note'],
  ['536365', '2010-12-01 08:26:00', '2.55', '007'],
  ['', '2011-12-09', '', 'x < y £'],
  ['TRUE', 'FALSE', '#N/A', 'InvoiceNox', '0.001'],
  ['Rich run', '', '18:00:00', '2011-12-09 12:50:00'],
];

describe('SheetRowParser', () => {
  it('turns every cell type into text in the right column', () => {
    const { rows, numbers, parser } = read(SHEET);
    expect(rows).toEqual(EXPECTED);
    expect(numbers).toEqual([1, 2, 3, 5, 7]);
    expect(parser.headerRow).toBe(1);
    expect(parser.dataRows).toBe(4);
  });

  it('gives the same rows for every chunk size', () => {
    for (let size = 1; size <= 50; size++) expect(read(SHEET, CTX, size).rows).toEqual(EXPECTED);
  });

  it('reads prefixed element names (x:row, x:c) and the 1904 system', () => {
    const xml =
      '<x:worksheet xmlns:x="urn:m"><x:sheetData><x:row r="3"><x:c r="A3" t="s"><x:v>1</x:v></x:c></x:row>' +
      '<x:row r="4"><x:c r="A4" s="2"><x:v>0</x:v></x:c><x:c r="C4"><x:v>-12.5</x:v></x:c></x:row></x:sheetData></x:worksheet>';
    const { rows, numbers, parser } = read(xml, { ...CTX, date1904: true });
    expect(rows).toEqual([['Date'], ['1904-01-01', '', '-12.5']]);
    expect(numbers).toEqual([3, 4]);
    expect(parser.headerRow).toBe(3);
  });

  it('pads data rows to the header width and keeps wider rows', () => {
    const xml =
      '<sheetData><row><c t="inlineStr"><is><t>a</t></is></c><c t="inlineStr"><is><t>b</t></is></c><c t="inlineStr"><is><t>c</t></is></c></row>' +
      '<row><c><v>1</v></c></row><row><c r="E3"><v>5</v></c></row></sheetData>';
    expect(read(xml).rows).toEqual([
      ['a', 'b', 'c'],
      ['1', '', ''],
      ['', '', '', '', '5'],
    ]);
  });

  it('plain numbers in a date-looking column stay numbers without a date style', () => {
    const xml =
      '<sheetData><row><c t="s"><v>1</v></c></row><row><c><v>40513.351388888892</v></c></row></sheetData>';
    expect(read(xml).rows[1]).toEqual(['40513.35138888889']);
  });

  it('stops when asked', () => {
    const rows: string[][] = [];
    const p = new SheetRowParser(CTX, (cells) => {
      rows.push(cells);
      if (rows.length === 2) p.stop();
    });
    p.push(SHEET);
    p.finish();
    expect(rows).toEqual(EXPECTED.slice(0, 2));
    expect(p.isStopped).toBe(true);
  });
});

describe('columnIndex', () => {
  it('reads column letters', () => {
    expect(['A1', 'Z9', 'AA10', 'AB12', 'XFD1048576', 'c5', '12'].map(columnIndex)).toEqual([
      0, 25, 26, 27, 16383, 2, -1,
    ]);
  });
});
