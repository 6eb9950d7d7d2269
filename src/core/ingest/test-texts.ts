/**
 * Random delimited texts for the scanner tests (load-file.test.ts, byte-scan.test.ts): half raw
 * token soup, half rows of quoted ("" escaped) or unquoted cells, LF or CR LF rows, some ragged.
 */
export function generatedCsv(rand: () => number, tokens: readonly string[]): string {
  const pick = (): string => tokens[Math.floor(rand() * tokens.length)]!;
  const n = 5 + Math.floor(rand() * 60);
  let text = '';
  if (rand() < 0.5) {
    for (let i = 0; i < n; i++) text += pick();
    return text;
  }
  const eol = rand() < 0.5 ? '\n' : '\r\n';
  const rows = 1 + Math.floor(rand() * 30);
  const width = 1 + Math.floor(rand() * 4);
  for (let r = 0; r < rows; r++) {
    const f = rand() < 0.85 ? width : 1 + Math.floor(rand() * 4);
    const cells: string[] = [];
    for (let j = 0; j < f; j++) {
      let v = '';
      for (let m = Math.floor(rand() * 4); m > 0; m--) v += pick();
      cells.push(rand() < 0.5 ? `"${v.replace(/"/g, '""')}"` : v.replace(/[",\r\n]/g, ''));
    }
    text += cells.join(',') + (r < rows - 1 || rand() < 0.5 ? eol : '');
  }
  return text;
}

/** Tokens of the generated texts: letters, blanks, delimiters, quotes, escapes, row ends, a 'é'. */
export const CSV_TOKENS: readonly string[] = [
  'a',
  'b',
  'x y',
  '1',
  ',',
  ',',
  ',',
  '"',
  '""',
  '\n',
  '\n',
  '\r\n',
  '\r',
  ' ',
  '\t',
  'é',
  ';',
];
