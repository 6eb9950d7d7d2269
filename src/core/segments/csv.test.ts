import { describe, expect, it } from 'vitest';
import { buildCsv, csvField, formatCsvNumber, neutraliseText } from './csv';

/** A small RFC 4180 reader used to check round trips. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let quoted = false;
  for (; i < text.length; i++) {
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
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  return rows;
}

describe('formula injection', () => {
  it.each([
    ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['+1', "'+1"],
    ['-2+3', "'-2+3"],
    ['@cmd', "'@cmd"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    ['12346', '12346'],
    ['a=b', 'a=b'],
  ])('neutralises %j', (input, expected) => {
    expect(neutraliseText(input)).toBe(expected);
  });

  it('writes numbers as numbers, negative ones included', () => {
    expect(csvField(-5)).toBe('-5');
    expect(csvField(-0.25)).toBe('-0.25');
    expect(csvField('-5')).toBe("'-5");
  });

  it('quotes a neutralised cell that also needs quoting', () => {
    expect(csvField('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvField('\rline')).toBe(`"'\rline"`);
  });
});

describe('csvField', () => {
  it('quotes commas, quotes and newlines', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('plain')).toBe('plain');
  });
  it('keeps unicode as is', () => {
    expect(csvField('Café “Zoë” 顧客 🛒')).toBe('Café “Zoë” 顧客 🛒');
  });
  it('writes empty cells for missing and non-finite numbers', () => {
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(NaN)).toBe('');
    expect(csvField(Infinity)).toBe('');
  });
});

describe('formatCsvNumber', () => {
  it('removes binary noise but keeps real digits', () => {
    expect(formatCsvNumber(2537.9100000000003)).toBe('2537.91');
    expect(formatCsvNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatCsvNumber(123456.789)).toBe('123456.789');
    expect(formatCsvNumber(77183.6)).toBe('77183.6');
    expect(formatCsvNumber(4372)).toBe('4372');
    expect(formatCsvNumber(1 / 3)).toBe('0.333333333333333');
  });
});

describe('buildCsv', () => {
  it('round-trips through an RFC 4180 reader', () => {
    const rows = [
      ['a,b', 'x"y', 'multi\nline', 'Zoë 顧客'],
      ['=1+1', '-3', '@x', 'ok'],
    ];
    const text = buildCsv(['h1', 'h2', 'h3', 'h4'], rows);
    expect(text.startsWith('\uFEFFh1,h2,h3,h4\r\n')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(parseCsv(text)).toEqual([
      ['h1', 'h2', 'h3', 'h4'],
      ['a,b', 'x"y', 'multi\nline', 'Zoë 顧客'],
      ["'=1+1", "'-3", "'@x", 'ok'],
    ]);
  });
  it('can leave out the byte-order mark', () => {
    expect(buildCsv(['a'], [[1]], { bom: false })).toBe('a\r\n1\r\n');
  });
});
