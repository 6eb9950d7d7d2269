import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DataTable, type DataColumn } from './data-table';

interface Row {
  readonly name: string;
  readonly n: number;
}

const COLUMNS: readonly DataColumn<Row>[] = [
  { header: 'Segment', rowHeader: true, cell: (r) => r.name },
  {
    header: 'Customers',
    numeric: true,
    cell: (r) => r.n,
    cellProps: (r) => ({ 'data-testid': `size-${r.name}` }),
  },
  {
    header: 'Note',
    cell: (_, i) => `row ${i}`,
    cellProps: (_, i) => (i === 1 ? { className: 'odd' } : undefined),
  },
];

const html = (props: Partial<Parameters<typeof DataTable<Row>>[0]> = {}) =>
  renderToStaticMarkup(
    createElement(DataTable<Row>, {
      caption: 'Sizes',
      columns: COLUMNS,
      rows: [
        { name: 'A', n: 3 },
        { name: 'B', n: 40 },
      ],
      ...props,
    }),
  );

describe('DataTable', () => {
  it('writes a shown caption, scoped column headers, row headers and right-aligned numbers', () => {
    expect(html({ showCaption: true, testId: 't', rowProps: (r) => ({ 'data-row': r.name }) })).toBe(
      '<div class="table-wrap"><table class="model-table" data-testid="t"><caption>Sizes</caption>' +
        '<thead><tr><th scope="col">Segment</th><th scope="col" class="num">Customers</th><th scope="col">Note</th></tr></thead>' +
        '<tbody><tr data-row="A"><th scope="row">A</th><td data-testid="size-A" class="num">3</td><td>row 0</td></tr>' +
        '<tr data-row="B"><th scope="row">B</th><td data-testid="size-B" class="num">40</td><td class="odd">row 1</td></tr>' +
        '</tbody></table></div>',
    );
  });

  it('hides the caption visually unless asked, keeps it for screen readers, and can skip the wrapper', () => {
    const out = html({ wrap: false, className: 'apply-table' });
    expect(
      out.startsWith('<table class="apply-table"><caption class="visually-hidden">Sizes</caption>'),
    ).toBe(true);
  });

  it('adds a footer when given one', () => {
    const foot = createElement('tr', null, createElement('th', { scope: 'row' }, 'All'));
    expect(html({ foot })).toContain('<tfoot><tr><th scope="row">All</th></tr></tfoot>');
  });
});
