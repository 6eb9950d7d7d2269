#!/usr/bin/python3
"""Independent pandas reference for Segment Notebook's cleaning and RFM (docs/rfm-definition.md).

Run from the repository root with Debian's Python (pandas 1.5.3):
    /usr/bin/python3 scripts/reference/rfm_reference.py
Writes compact JSON fixtures to src/core/rfm/__fixtures__/ (customer id -> [R, F, M]).

(a) Online Retail, default cleaning + default RFM;
(b) Online Retail, the reference-notebook preset (SOURCES.md): 3,169 customers on the full file;
(c) CDNOW, default cleaning + default RFM. CDNOW has no invoice id: each row is one order, so
    frequency = number of rows (purchase lines) and monetary = sum of dollar_value. Ids keep their
    leading zeros (read as text). Default cleaning applies: there is no invoice/product/price/country
    column, so only invalid rows, missing customers and exact duplicate rows could be dropped.
"""
import json
import os
import numpy as np
import pandas as pd

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
OUT = os.path.join(ROOT, 'src', 'core', 'rfm', '__fixtures__')
DAY = pd.Timedelta(days=1)
# Monetary at or below this counts as <= 0 (exactly cancelling lines leave ~1e-15 of float noise).
MONEY_EPS = 1e-6

NON_PRODUCT = ['POST', 'DOT', 'M', 'D', 'C2', 'BANK CHARGES', 'PADS', 'CRUK', 'AMAZONFEE', 'B', 'S',
               'DCGSSBOY', 'DCGSSGIRL', 'gift_0001_*']


def read_retail():
    df = pd.read_csv(os.path.join(ROOT, 'public', 'sample', 'online-retail.csv.gz'), dtype=str,
                     keep_default_na=False, compression='gzip')
    df['_date'] = pd.to_datetime(df['InvoiceDate'], format='%Y-%m-%d %H:%M:%S', errors='coerce')
    df['_q'] = pd.to_numeric(df['Quantity'], errors='coerce')
    df['_p'] = pd.to_numeric(df['UnitPrice'], errors='coerce')
    return df


def non_product_mask(codes, entries):
    c = codes.str.strip().str.lower()
    exact = [e.strip().lower() for e in entries if not e.endswith('*')]
    prefixes = [e.strip().lower()[:-1] for e in entries if e.endswith('*')]
    m = c.isin(exact)
    for p in prefixes:
        m |= c.str.startswith(p)
    return m


def customers(df):
    return df.loc[df['CustomerID'] != '', 'CustomerID'].nunique()


def step(report, name, df, drop_mask):
    before_rows, before_c = len(df), customers(df)
    out = df[~drop_mask]
    report.append({'rule': name, 'rowsRemoved': before_rows - len(out), 'customersRemoved': before_c - customers(out)})
    return out


def rfm_records(ids, r, f, m):
    return {str(i): [int(a), int(b), float(c)] for i, a, b, c in zip(ids, r, f, m)}


def retail_default(raw):
    report = []
    df = raw
    df = step(report, 'invalidRows', df, df['_date'].isna() | df['_q'].isna() | df['_p'].isna())
    df = step(report, 'missingCustomer', df, df['CustomerID'] == '')
    df = step(report, 'cancellations', df, pd.Series(False, index=df.index))  # 'net': lines stay
    df = step(report, 'nonProductCodes', df, non_product_mask(df['StockCode'], NON_PRODUCT))
    df = step(report, 'nonPositivePrice', df, df['_p'] <= 0)
    df = step(report, 'unspecifiedCountry', df, df['Country'] == 'Unspecified')
    orig = ['InvoiceNo', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Country']
    df = step(report, 'duplicates', df, df.duplicated(subset=orig, keep='first'))
    analysis = df['_date'].max().normalize() + DAY
    cancel = df['InvoiceNo'].str.strip().str.upper().str.startswith('C')
    df = df.assign(_v=df['_q'] * df['_p'])
    money = df.groupby('CustomerID')['_v'].sum()
    buys = df[~cancel]
    last = buys.groupby('CustomerID')['_date'].max()
    freq = buys.groupby('CustomerID')['InvoiceNo'].nunique()
    t = pd.DataFrame({'m': money}).join(pd.DataFrame({'last': last, 'f': freq}), how='left')
    no_purchase = t['last'].isna()
    keep = ~no_purchase & (t['m'] > MONEY_EPS)
    t = t[keep].sort_index()
    rec = np.floor((analysis - t['last']) / DAY).astype(int)
    return {
        'rowsIn': int(len(raw)), 'customersIn': int(customers(raw)), 'rowsKept': int(len(df)),
        'customersKept': int(customers(df)), 'steps': report,
        'analysisTime': analysis.strftime('%Y-%m-%dT%H:%M:%S'),
        'excludedNonPositive': int((~keep).sum()),
        'rfm': rfm_records(t.index, rec, t['f'], t['m']),
    }


def retail_reference(raw):
    df = raw[(raw['CustomerID'] != '') & (raw['Country'] != 'Unspecified') & (raw['_p'] != 0)]
    df = df[~df['StockCode'].isin(['POST', 'BANK CHARGES', 'PADS', 'DOT', 'CRUK'])]
    df = df[(df['_date'] >= '2011-06-01') & (df['_date'] < '2011-12-01')]
    sums = df.groupby(['CustomerID', 'StockCode', '_p', 'Country'])['_q'].sum()
    bad = set(sums[sums < 0].index.get_level_values(0))
    df = df[~df['CustomerID'].isin(bad)]
    analysis = df['_date'].max()
    df = df.assign(_v=df['_q'] * df['_p'])
    g = df.groupby('CustomerID')
    t = pd.DataFrame({'last': g['_date'].max(), 'f': g.size(), 'm': g['_v'].sum()}).sort_index()
    # The notebook keeps every customer left (Yeo-Johnson accepts monetary <= 0): 3,169 on the full
    # file, of which a few have monetary <= 0; the preset therefore does not exclude them.
    nonpositive = int((t['m'] <= 0).sum())
    rec = np.floor((analysis - t['last']) / DAY).astype(int)
    return {
        'analysisTime': analysis.strftime('%Y-%m-%dT%H:%M:%S'),
        'nonPositiveMonetary': nonpositive, 'rowsKept': int(len(df)),
        'rfm': rfm_records(t.index, rec, t['f'], t['m']),
    }


def cdnow_default():
    df = pd.read_csv(os.path.join(ROOT, 'fixtures', 'cdnow-master.txt'), sep=r'\s+', dtype=str, keep_default_na=False)
    rows_in = len(df)
    df['_date'] = pd.to_datetime(df['date'], format='%Y%m%d', errors='coerce')
    df['_n'] = pd.to_numeric(df['number_of_cds'], errors='coerce')
    df['_v'] = pd.to_numeric(df['dollar_value'], errors='coerce')
    invalid = df['_date'].isna() | df['_n'].isna() | df['_v'].isna()
    df = df[~invalid & (df['customer_id'] != '')]
    dup = df.duplicated(subset=['customer_id', 'date', 'number_of_cds', 'dollar_value'], keep='first')
    df = df[~dup]
    analysis = df['_date'].max().normalize() + DAY
    g = df.groupby('customer_id')
    t = pd.DataFrame({'last': g['_date'].max(), 'f': g.size(), 'm': g['_v'].sum()}).sort_index()
    keep = t['m'] > MONEY_EPS
    excluded = int((~keep).sum())
    t = t[keep]
    rec = np.floor((analysis - t['last']) / DAY).astype(int)
    return {
        'rowsIn': int(rows_in), 'invalidRows': int(invalid.sum()), 'duplicateRows': int(dup.sum()),
        'customersIn': int(g.ngroups), 'analysisTime': analysis.strftime('%Y-%m-%dT%H:%M:%S'),
        'excludedNonPositive': excluded, 'rfm': rfm_records(t.index, rec, t['f'], t['m']),
    }


def main():
    os.makedirs(OUT, exist_ok=True)
    raw = read_retail()
    facts = {
        'rows': int(len(raw)), 'customers': int(customers(raw)),
        'rowsWithoutCustomer': int((raw['CustomerID'] == '').sum()),
        'invoices': int(raw['InvoiceNo'].nunique()), 'stockCodes': int(raw['StockCode'].nunique()),
        'countries': int(raw['Country'].nunique()),
        'cancellationRows': int(raw['InvoiceNo'].str.upper().str.startswith('C').sum()),
        'duplicateRows': int(raw.duplicated(subset=list(raw.columns[:8])).sum()),
        'sumQuantity': float(raw['_q'].sum()), 'sumValue': float((raw['_q'] * raw['_p']).sum()),
        'firstTime': raw['_date'].min().strftime('%Y-%m-%dT%H:%M:%S'),
        'lastTime': raw['_date'].max().strftime('%Y-%m-%dT%H:%M:%S'),
    }
    out = {
        'online-retail-default.json': {'facts': facts, **retail_default(raw)},
        'online-retail-reference.json': retail_reference(raw),
        'cdnow-default.json': cdnow_default(),
    }
    for name, data in out.items():
        with open(os.path.join(OUT, name), 'w') as f:
            json.dump(data, f, separators=(',', ':'))
        summary = {k: v for k, v in data.items() if k != 'rfm'}
        print(name, len(data['rfm']), 'customers', json.dumps(summary))


if __name__ == '__main__':
    main()
