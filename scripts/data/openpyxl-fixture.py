"""Writes workbooks with openpyxl (an independent writer) plus the text the xlsx reader must give.

Run with Debian's Python (openpyxl 3.0.9): /usr/bin/python3 scripts/data/openpyxl-fixture.py
Output: src/workers/xlsx/__fixtures__/openpyxl-{1900,1904}.xlsx and openpyxl-expected.json
"""
import datetime as dt
import json
import os

from openpyxl import Workbook
from openpyxl.utils.datetime import CALENDAR_MAC_1904

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, '..', '..', 'src', 'workers', 'xlsx', '__fixtures__')


def text(v):
    """What the reader must deliver for a Python value (computed here, not by the reader)."""
    if v is None:
        return ''
    if isinstance(v, bool):
        return 'TRUE' if v else 'FALSE'
    if isinstance(v, dt.datetime):
        return v.strftime('%Y-%m-%d %H:%M:%S')
    if isinstance(v, dt.date):
        return v.strftime('%Y-%m-%d')
    if isinstance(v, dt.time):
        return v.strftime('%H:%M:%S')
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return repr(v)
    return v


ROWS = [
    ['InvoiceNo', 'InvoiceDate', 'Day', 'At', 'UnitPrice', 'Quantity', 'CustomerID', 'Paid', 'Description'],
    ['536365', dt.datetime(2010, 12, 1, 8, 26), dt.date(2010, 12, 1), dt.time(8, 26), 2.55, 6, '17850', True, 'WHITE HANGING HEART T-LIGHT HOLDER'],
    ['C536379', dt.datetime(2011, 12, 9, 12, 50, 59), dt.date(2011, 12, 9), dt.time(23, 59, 59), 0.015625, -80995, '00042', False, 'Fish & Chips <£5> "quoted"'],
    ['A563185', dt.datetime(1900, 3, 1, 0, 0), dt.date(1900, 2, 28), dt.time(0, 0, 1), 11062.06, 0, None, None, 'Adjust bad debt'],
    [None, dt.datetime(2000, 1, 1), None, None, 1234567.125, 12345678901, '', True, ' padded '],
]

os.makedirs(OUT, exist_ok=True)
expected = {}
for name, epoch in (('1900', None), ('1904', CALENDAR_MAC_1904)):
    wb = Workbook()
    if epoch is not None:
        wb.epoch = epoch
    ws = wb.active
    ws.title = 'Transactions'
    for r in ROWS:
        ws.append(r)
    ws['J1'] = 'Formula'
    ws['J2'] = '=E2*F2'  # openpyxl stores no cached value: the reader gives ''
    other = wb.create_sheet('Second sheet')
    other.append(['only', 'here'])
    other.append([1.5, 'x'])
    wb.save(os.path.join(OUT, f'openpyxl-{name}.xlsx'))
    rows = [[text(v) for v in r] for r in ROWS]
    rows[0].append('Formula')
    expected[name] = rows
json.dump(expected, open(os.path.join(OUT, 'openpyxl-expected.json'), 'w'), indent=1, ensure_ascii=False)
print('wrote', sorted(os.listdir(OUT)))
