// A minimal .xlsx writer (SpreadsheetML transitional), used to make benchmark/test workbooks without
// Excel or LibreOffice. Streams the sheet XML through fflate's Zip + ZipDeflate (entries get data
// descriptors, as streaming writers produce) and writes xl/sharedStrings.xml AFTER the sheets, as
// Excel does, so readers that need the string table first are exercised.
//
// Cells (one array per row; null/undefined = no cell, so rows can be sparse):
//   'text'                      shared string (inline string when options.inlineStrings)
//   12.5                        number
//   true / false                boolean
//   { t: 'n', v, s }            number (v may be a raw string such as '2.5499999999999998'), style s
//   { t: 's', v, s }            shared string          { t: 'inlineStr', v }   inline string
//   { t: 'str', v, f }          formula with text result   { t: 'b', v }  { t: 'e', v: '#N/A' }
//   { t: 'd', v: '2011-12-09T12:50:00' }                ISO date cell
// A row may also be { r: 7, cells: [...] } to give its row number (skipping rows).
// Styles: options.numFmts [{ id, code }] custom formats; options.cellXfs = numFmtId per cell style
// index (index 0 should be 0 = General).
import { strToU8, Zip, ZipDeflate, ZipPassThrough } from 'fflate';

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** Escapes text for XML content/attributes; control characters and a literal _xHHHH_ use Excel's _xHHHH_ escape. */
export function escapeXml(s) {
  return (
    String(s)
      .replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1')
      // eslint-disable-next-line no-control-regex -- control characters are exactly what must be escaped
      .replace(/[&<>"\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, (c) => {
        if (c === '&') return '&amp;';
        if (c === '<') return '&lt;';
        if (c === '>') return '&gt;';
        if (c === '"') return '&quot;';
        return `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`;
      })
  );
}

/** Column letters of a 0-based index: 0 → A, 27 → AB. */
export function columnName(i) {
  let s = '';
  let n = i + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function tElement(text) {
  const e = escapeXml(text);
  return /^\s|\s$/.test(text) ? `<t xml:space="preserve">${e}</t>` : `<t>${e}</t>`;
}

/** Days since 1899-12-30 (1900 date system, valid after 1900-03-01) of a wall-clock UTC time in ms. */
export function msToSerial(ms) {
  return ms / 86400000 + 25569;
}

function stylesXml(numFmts, cellXfs) {
  const fmts = numFmts.length
    ? `<numFmts count="${numFmts.length}">${numFmts.map((f) => `<numFmt numFmtId="${f.id}" formatCode="${escapeXml(f.code)}"/>`).join('')}</numFmts>`
    : '';
  const xfs = cellXfs
    .map(
      (id) =>
        `<xf numFmtId="${id}" fontId="0" fillId="0" borderId="0" xfId="0"${id ? ' applyNumberFormat="1"' : ''}/>`,
    )
    .join('');
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="${MAIN_NS}">${fmts}` +
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>' +
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    `<cellXfs count="${cellXfs.length}">${xfs}</cellXfs>` +
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
  );
}

/**
 * Writes a workbook and returns its bytes.
 * spec = { sheets: [{ name, rows: Iterable<row>, hidden?, xml? }], date1904?, inlineStrings?,
 *          numFmts?, cellXfs?, parts?: { [path]: string } (raw parts replacing or adding any part),
 *          level?: 0–9 (deflate level; 0 = stored entries), omitRefs?: boolean (no r= on cells/rows) }
 */
export function writeXlsx(spec) {
  const chunks = [];
  let failure = null;
  const zip = new Zip((err, data) => {
    if (err) failure = err;
    else chunks.push(data);
  });
  const level = spec.level ?? 6;
  const overrides = spec.parts ?? {};
  const addText = (name, text) => {
    const f = level === 0 ? new ZipPassThrough(name) : new ZipDeflate(name, { level });
    zip.add(f);
    f.push(strToU8(text), true);
  };
  const sheets = spec.sheets;
  const ct =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    sheets
      .map(
        (_, i) =>
          `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
      )
      .join('') +
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>';
  const parts = new Map();
  parts.set('[Content_Types].xml', ct);
  parts.set(
    '_rels/.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  parts.set(
    'xl/workbook.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><workbookPr${spec.date1904 ? ' date1904="1"' : ''}/><sheets>` +
      sheets
        .map(
          (s, i) =>
            `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}"${s.hidden ? ' state="hidden"' : ''} r:id="rId${i + 1}"/>`,
        )
        .join('') +
      '</sheets></workbook>',
  );
  parts.set(
    'xl/_rels/workbook.xml.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL_NS}">` +
      sheets
        .map(
          (_, i) =>
            `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
        )
        .join('') +
      `<Relationship Id="rId${sheets.length + 1}" Type="${REL_NS}/styles" Target="styles.xml"/>` +
      `<Relationship Id="rId${sheets.length + 2}" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
  );
  for (const [name, text] of parts) addText(name, overrides[name] ?? text);

  const sst = new Map();
  const sstList = [];
  let sstRefs = 0;
  const shared = (text) => {
    sstRefs++;
    let i = sst.get(text);
    if (i === undefined) {
      i = sstList.length;
      sst.set(text, i);
      sstList.push(text);
    }
    return i;
  };
  const omitRefs = !!spec.omitRefs;
  const cellXml = (cell, ref) => {
    const r = omitRefs ? '' : ` r="${ref}"`;
    if (typeof cell === 'string') {
      return spec.inlineStrings
        ? `<c${r} t="inlineStr"><is>${tElement(cell)}</is></c>`
        : `<c${r} t="s"><v>${shared(cell)}</v></c>`;
    }
    if (typeof cell === 'number') return `<c${r}><v>${cell}</v></c>`;
    if (typeof cell === 'boolean') return `<c${r} t="b"><v>${cell ? 1 : 0}</v></c>`;
    const s = cell.s ? ` s="${cell.s}"` : '';
    switch (cell.t) {
      case 'n':
        return cell.v === undefined || cell.v === '' ? `<c${r}${s}/>` : `<c${r}${s}><v>${cell.v}</v></c>`;
      case 's':
        return `<c${r}${s} t="s"><v>${shared(cell.v)}</v></c>`;
      case 'inlineStr':
        return `<c${r}${s} t="inlineStr"><is>${tElement(cell.v)}</is></c>`;
      case 'str':
        return `<c${r}${s} t="str">${cell.f ? `<f>${escapeXml(cell.f)}</f>` : ''}<v>${escapeXml(cell.v)}</v></c>`;
      case 'b':
        return `<c${r}${s} t="b"><v>${cell.v ? 1 : 0}</v></c>`;
      case 'e':
        return `<c${r}${s} t="e"><v>${escapeXml(cell.v)}</v></c>`;
      case 'd':
        return `<c${r}${s} t="d"><v>${escapeXml(cell.v)}</v></c>`;
      default:
        throw new Error(`unknown cell ${JSON.stringify(cell)}`);
    }
  };

  sheets.forEach((sheet, si) => {
    const name = `xl/worksheets/sheet${si + 1}.xml`;
    if (overrides[name] !== undefined || sheet.xml !== undefined) {
      addText(name, overrides[name] ?? sheet.xml);
      return;
    }
    const f = level === 0 ? new ZipPassThrough(name) : new ZipDeflate(name, { level });
    zip.add(f);
    let buf = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheetData>`;
    let rowNo = 0;
    for (const row of sheet.rows) {
      const cells = Array.isArray(row) ? row : row.cells;
      rowNo = Array.isArray(row) ? rowNo + 1 : row.r;
      let x = omitRefs ? '<row>' : `<row r="${rowNo}">`;
      for (let c = 0; c < cells.length; c++) {
        const cell = cells[c];
        if (cell === null || cell === undefined) continue;
        x += cellXml(cell, columnName(c) + rowNo);
      }
      buf += `${x}</row>`;
      if (buf.length > 1 << 20) {
        f.push(strToU8(buf));
        buf = '';
      }
    }
    f.push(strToU8(`${buf}</sheetData></worksheet>`), true);
  });

  addText('xl/styles.xml', overrides['xl/styles.xml'] ?? stylesXml(spec.numFmts ?? [], spec.cellXfs ?? [0]));
  if (overrides['xl/sharedStrings.xml'] !== undefined)
    addText('xl/sharedStrings.xml', overrides['xl/sharedStrings.xml']);
  else {
    let x = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="${MAIN_NS}" count="${sstRefs}" uniqueCount="${sstList.length}">`;
    for (const s of sstList) x += `<si>${tElement(s)}</si>`;
    addText('xl/sharedStrings.xml', `${x}</sst>`);
  }
  for (const [name, text] of Object.entries(overrides)) {
    if (
      !parts.has(name) &&
      name !== 'xl/styles.xml' &&
      name !== 'xl/sharedStrings.xml' &&
      !/^xl\/worksheets\/sheet\d+\.xml$/.test(name)
    )
      addText(name, text);
  }
  zip.end();
  if (failure) throw failure;
  let size = 0;
  for (const c of chunks) size += c.length;
  const out = new Uint8Array(size);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}
