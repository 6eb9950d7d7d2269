import { describe, expect, it } from 'vitest';
import { FMT_DATE, FMT_DATETIME, FMT_PLAIN, FMT_TIME } from './cell-text';
import {
  parseRelationships,
  parseSharedStrings,
  parseStyles,
  parseWorkbook,
  relsPathOf,
  resolvePartName,
  SharedStringsParser,
} from './workbook-parts';

describe('package paths', () => {
  it('resolves relationship targets like OPC', () => {
    expect(resolvePartName('xl/workbook.xml', 'worksheets/sheet1.xml')).toBe('xl/worksheets/sheet1.xml');
    expect(resolvePartName('xl/workbook.xml', '/xl/worksheets/sheet2.xml')).toBe('xl/worksheets/sheet2.xml');
    expect(resolvePartName('xl/workbook.xml', '../customXml/item1.xml')).toBe('customXml/item1.xml');
    expect(resolvePartName('', 'xl/workbook.xml')).toBe('xl/workbook.xml');
    expect(resolvePartName('xl/workbook.xml', 'worksheets\\sheet3.xml')).toBe('xl/worksheets/sheet3.xml');
    expect(relsPathOf('xl/workbook.xml')).toBe('xl/_rels/workbook.xml.rels');
    expect(relsPathOf('')).toBe('_rels/.rels');
  });

  it('reads relationships', () => {
    const rels = parseRelationships(
      '<Relationships xmlns="urn:r"><Relationship Id="rId2" Type="http://x/relationships/worksheet" Target="/xl/worksheets/s.xml"/>' +
        '<Relationship Id="rId9" Type="http://x/hyperlink" Target="https://example.com" TargetMode="External"/></Relationships>',
      'xl/workbook.xml',
    );
    expect(rels).toEqual([
      {
        id: 'rId2',
        type: 'http://x/relationships/worksheet',
        target: 'xl/worksheets/s.xml',
        external: false,
      },
      { id: 'rId9', type: 'http://x/hyperlink', target: 'https://example.com', external: true },
    ]);
  });
});

describe('parseWorkbook', () => {
  it('lists sheets in tab order with state and reads the 1904 flag', () => {
    const wb = parseWorkbook(
      '<workbook xmlns:r="urn:r"><workbookPr date1904="true" defaultThemeVersion="1"/><bookViews><workbookView activeTab="1"/></bookViews>' +
        '<sheets><sheet name="Data &amp; more" sheetId="3" r:id="rId1"/><sheet name="Hidden" sheetId="1" state="hidden" r:id="rId2"/></sheets></workbook>',
    );
    expect(wb.date1904).toBe(true);
    expect(wb.sheets).toEqual([
      { name: 'Data & more', relId: 'rId1', state: 'visible' },
      { name: 'Hidden', relId: 'rId2', state: 'hidden' },
    ]);
    expect(parseWorkbook('<workbook><workbookPr/><sheets/></workbook>').date1904).toBe(false);
    expect(
      parseWorkbook('<x:workbook xmlns:x="urn:m"><x:workbookPr date1904="1"/></x:workbook>').date1904,
    ).toBe(true);
  });
});

describe('parseStyles', () => {
  it('maps cellXfs (not cellStyleXfs) to display kinds; custom formats override built-ins', () => {
    const kinds = parseStyles(
      '<styleSheet><numFmts count="3"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd hh:mm"/>' +
        '<numFmt numFmtId="165" formatCode="&quot;£&quot;#,##0.00"/><numFmt numFmtId="14" formatCode="0.000"/></numFmts>' +
        '<cellStyleXfs count="2"><xf numFmtId="22"/><xf numFmtId="22"/></cellStyleXfs>' +
        '<cellXfs count="7"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="165"/>' +
        '<xf numFmtId="22"><alignment/></xf><xf numFmtId="20"/><xf numFmtId="14"/><xf numFmtId="15"/></cellXfs></styleSheet>',
    );
    expect(Array.from(kinds)).toEqual([
      FMT_PLAIN,
      FMT_DATETIME,
      FMT_PLAIN,
      FMT_DATETIME,
      FMT_TIME,
      FMT_PLAIN,
      FMT_DATE,
    ]);
  });
});

describe('shared strings', () => {
  const XML =
    '<sst xmlns="urn:m" count="6" uniqueCount="6"><si><t>plain</t></si>' +
    '<si><r><rPr><b/><sz val="11"/></rPr><t>Rich </t></r><r><t xml:space="preserve">text </t></r><r><t>&amp; &lt;runs&gt; &#163;</t></r></si>' +
    '<si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/></si>' +
    '<si/><si><t/></si><si><t>a_x000D__x000A_b</t></si><si><t>007</t></si></sst>';

  it('joins rich-text runs, skips phonetic guides, decodes entities and escapes', () => {
    expect(parseSharedStrings(XML)).toEqual([
      'plain',
      'Rich text & <runs> £',
      '東京',
      '',
      '',
      'a\r\nb',
      '007',
    ]);
  });

  it('reads the same table when streamed in small pieces', () => {
    for (const size of [1, 2, 3, 7, 13, 64]) {
      const p = new SharedStringsParser();
      for (let i = 0; i < XML.length; i += size) p.push(XML.slice(i, i + size), i + size >= XML.length);
      expect(p.strings).toEqual(parseSharedStrings(XML));
    }
  });
});
