import { describe, expect, it } from 'vitest';
import {
  decodeOoxmlEscapes,
  decodeXmlEntities,
  TOK_CLOSE,
  TOK_END,
  TOK_OPEN,
  TOK_SELF,
  TOK_TEXT,
  XmlScanner,
} from './xml-scanner';

const DOC =
  '<?xml version="1.0" encoding="UTF-8"?>\n<!-- a comment with <tags> -->' +
  '<x:root xmlns:x="urn:x" a=\'1 > 0\' b="&quot;q&quot;"><x:item r:id="rId7" name="A &amp; B"/>' +
  'Fish &amp; Chips &#163;5 &#xA3;6 &bogus; <![CDATA[<raw> & stuff]]><empty/><x:t xml:space="preserve">  sp  </x:t></x:root>';

/** Tokens of a document fed in pieces of `size` characters. */
function tokens(doc: string, size: number): string[] {
  const sc = new XmlScanner();
  const out: string[] = [];
  let text = '';
  const flushText = (): void => {
    if (text !== '') out.push(`T:${text}`);
    text = '';
  };
  const drain = (): void => {
    for (let t = sc.next(); t !== TOK_END; t = sc.next()) {
      if (t === TOK_TEXT) {
        text += sc.text();
        continue;
      }
      flushText();
      if (t === TOK_OPEN || t === TOK_SELF) {
        const attrs = ['a', 'b', 'id', 'name', 'space'].map((a) => sc.attr(a)).filter((v) => v !== undefined);
        out.push(`${t === TOK_OPEN ? 'O' : 'S'}:${sc.name}${attrs.length ? `[${attrs.join('|')}]` : ''}`);
      } else if (t === TOK_CLOSE) out.push(`C:${sc.name}`);
    }
  };
  for (let i = 0; i < doc.length; i += size) {
    sc.push(doc.slice(i, i + size), i + size >= doc.length);
    drain();
  }
  flushText();
  return out;
}

describe('XmlScanner', () => {
  it('tokenizes names without prefixes, attributes with quotes and entities', () => {
    expect(tokens(DOC, DOC.length)).toEqual([
      'T:\n',
      'O:root[1 > 0|"q"]',
      'S:item[rId7|A & B]',
      'T:Fish & Chips £5 £6 &bogus; <raw> & stuff',
      'S:empty',
      'O:t[preserve]',
      'T:  sp  ',
      'C:t',
      'C:root',
    ]);
  });

  it('gives the same tokens whatever the chunk boundaries', () => {
    const whole = tokens(DOC, DOC.length);
    for (let size = 1; size <= 40; size++) expect(tokens(DOC, size)).toEqual(whole);
  });
});

describe('decoders', () => {
  it('decodes XML entities and leaves unknown ones', () => {
    expect(
      decodeXmlEntities('a &lt;b&gt; &amp;&amp; &apos;c&apos; &#163;&#x20AC;&#X1F600; &nbsp; &#xD800;'),
    ).toBe("a <b> && 'c' £€😀 &nbsp; &#xD800;");
  });

  it('undoes the _xHHHH_ escape', () => {
    expect(decodeOoxmlEscapes('line1_x000D__x000A_line2')).toBe('line1\r\nline2');
    expect(decodeOoxmlEscapes('_x005F_x0041_')).toBe('_x0041_');
    expect(decodeOoxmlEscapes('snake_x_case')).toBe('snake_x_case');
  });
});
