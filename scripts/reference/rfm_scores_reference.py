"""Reference RFM scores and named segments on the UCI Online Retail RFM table (pandas 1.5.3).

Input: the committed per-customer RFM of the full UCI file (src/core/rfm/__fixtures__/
online-retail-default.json, itself computed with pandas by rfm_reference.py) and the reference RFM table
fixtures/online-retail-rfm-2011h2.csv. Output: src/core/rfm-scores/__fixtures__/rfm-scores-reference.json.

Definitions (docs/rfm-scores.md):
- 'quantile': cuts = Series.quantile(i/n) (linear), right-closed bins; position = 1 + #(cuts < x)
  (np.searchsorted side='left'); also pd.qcut(x, n, labels=False, duplicates='drop') codes.
- 'r-rfm' (R package rfm 0.3.0): cuts = quantile(i/n) + 1, left-closed; written as the package's loop
  over lower <= x < upper intervals with lower = (min, cuts), upper = (cuts, max + 1).
- recency reversed: score = n + 1 - position.
- default segments: the common R x F map as regular expressions on the "RF" text, as popular
  Python RFM write-ups do.
"""
import json
import os

import numpy as np
import pandas as pd

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
OUT = os.path.join(ROOT, 'src', 'core', 'rfm-scores', '__fixtures__', 'rfm-scores-reference.json')


def load_uci():
    with open(os.path.join(ROOT, 'src', 'core', 'rfm', '__fixtures__', 'online-retail-default.json')) as f:
        d = json.load(f)['rfm']
    ids = sorted(d.keys())
    return pd.DataFrame({'id': ids, 'recency': [d[i][0] for i in ids], 'frequency': [d[i][1] for i in ids],
                         'monetary': [d[i][2] for i in ids]})


def load_2011h2():
    t = pd.read_csv(os.path.join(ROOT, 'fixtures', 'online-retail-rfm-2011h2.csv'))
    t.columns = ['recency', 'frequency', 'monetary']
    return t


def quantile_scores(x, n, reversed_):
    qs = [float(x.quantile(i / n)) for i in range(1, n)]
    pos = np.searchsorted(np.array(qs), x.to_numpy(), side='left') + 1
    score = (n + 1 - pos) if reversed_ else pos
    codes = pd.qcut(x, n, labels=False, duplicates='drop')
    return qs, [int(s) for s in score], [int(c) for c in codes]


def r_quantile7(x, p):
    """R's quantile.default type 7, written out: index = 1 + (n-1)p, (1-h) x[lo] + h x[hi]."""
    v = np.sort(x.to_numpy().astype(float))
    index = 1 + (len(v) - 1) * p
    lo, hi = int(np.floor(index)), int(np.ceil(index))
    a, b = v[lo - 1], v[hi - 1]
    if not index > lo or a == b:
        return float(a)
    h = index - lo
    return float((1 - h) * a + h * b)


def r_rfm_scores(x, n, reversed_):
    # R: seq(0, 1, length.out = n + 1) gives interior probabilities k * (1 / n)
    qs = np.array([r_quantile7(x, k * (1.0 / n)) for k in range(1, n)]) + 1
    lower = np.concatenate([[x.min()], qs])
    upper = np.concatenate([qs, [x.max() + 1]])
    score = np.zeros(len(x), dtype=int)  # 0 = NA (no interval)
    labels = list(range(n, 0, -1)) if reversed_ else list(range(1, n + 1))
    v = x.to_numpy()
    for i in range(n):
        score[(v >= lower[i]) & (v < upper[i])] = labels[i]
    return [float(q) for q in qs], [int(s) for s in score]


SEGMENT_MAP = {
    r'5[4-5]': 'Champions',
    r'[3-4][4-5]': 'Loyal',
    r'[4-5][2-3]': 'Potential loyalist',
    r'51': 'New',
    r'41': 'Promising',
    r'33': 'Need attention',
    r'3[1-2]': 'About to sleep',
    r'[1-2]5': "Can't lose them",
    r'[1-2][3-4]': 'At risk',
    r'[1-2][1-2]': 'Hibernating / lost',
}


def features(t, n):
    out = {}
    for feat in ['recency', 'frequency', 'monetary']:
        qs, score, codes = quantile_scores(t[feat], n, feat == 'recency')
        out[feat] = {'cuts': qs, 'scores': score, 'qcutCodes': codes}
    return out


def default_segments(t, q):
    rf = pd.Series([f'{r}{f}' for r, f in zip(q['recency']['scores'], q['frequency']['scores'])])
    seg = rf.replace(SEGMENT_MAP, regex=True)
    df = t.assign(segment=seg.values)
    g = df.groupby('segment')
    summary = {}
    total = float(df['monetary'].sum())
    for name, grp in g:
        summary[name] = {
            'customers': int(len(grp)), 'revenue': float(grp['monetary'].sum()),
            'revenueShare': float(grp['monetary'].sum()) / total,
            'medianRecency': float(grp['recency'].median()), 'medianFrequency': float(grp['frequency'].median()),
            'medianMonetary': float(grp['monetary'].median()),
        }
    # R x F grid: count and mean monetary per cell
    grid = df.assign(r=q['recency']['scores'], f=q['frequency']['scores']).groupby(['r', 'f'])['monetary']
    cells = [{'r': int(r), 'f': int(f), 'count': int(c), 'meanMonetary': float(m)}
             for (r, f), c, m in zip(grid.count().index, grid.count().values, grid.mean().values)]
    return list(seg.values), summary, cells


def main():
    uci = load_uci()
    out = {'source': 'src/core/rfm/__fixtures__/online-retail-default.json', 'pandas': pd.__version__,
           'customers': int(len(uci)), 'ids': list(uci['id'])}
    for n in [5, 4, 10]:
        out[f'quantile{n}'] = features(uci, n)
    r = {}
    for feat in ['recency', 'frequency', 'monetary']:
        cuts, scores = r_rfm_scores(uci[feat], 5, feat == 'recency')
        r[feat] = {'cuts': cuts, 'scores': scores}
    out['rRfm5'] = r
    segs, summary, cells = default_segments(uci, out['quantile5'])
    out['defaultSegments'] = {'segment': segs, 'summary': summary, 'rfGrid': cells}
    h2 = load_2011h2()
    out['h2'] = {'customers': int(len(h2)), 'quantile5': features(h2, 5)}
    for q in [out['h2']['quantile5']]:
        for feat in q:
            del q[feat]['scores']  # re-derived in the test from the cuts; keep file small
    with open(OUT, 'w') as f:
        json.dump(out, f, separators=(',', ':'))
    print('wrote', OUT, {k: out['quantile5'][k]['cuts'] for k in out['quantile5']},
          {k: out['rRfm5'][k]['cuts'] for k in out['rRfm5']},
          {k: v['customers'] for k, v in summary.items()})


if __name__ == '__main__':
    main()
