#!/usr/bin/python3
"""Golden references for src/core/transform, kmeans and sweep (Yeo-Johnson, k-means, metrics, knee).

Run with Debian's interpreter (scikit-learn 1.2.1, pandas 1.5.3, scipy 1.10):

    /usr/bin/python3 scripts/reference/engine_reference.py

Writes src/core/__fixtures__/engine-<name>.json for three real RFM tables:
  retail-rfm-2011h2  fixtures/online-retail-rfm-2011h2.csv as stored (3,014 customers)
  retail-default     public/sample/online-retail.csv.gz with the default definition of
                     docs/rfm-definition.md (see build_retail_default)
  cdnow              fixtures/cdnow-master.txt: frequency = orders, monetary = sum dollar_value,
                     recency = floor days from the customer's last order date to midnight after the
                     last date of the file

Each fixture holds the RFM input matrix itself (so tests use exactly these numbers), scikit-learn's
PowerTransformer lambdas/means/scales, a strided subset of transformed values plus per-column sums,
pandas skewness before/after, and for k = 1..10 KMeans(n_clusters=k, n_init=10, random_state=0)
inertia, labels (one character per row) and silhouette / Calinski-Harabasz / Davies-Bouldin of those
labels, plus the knee by the kneed algorithm (re-implemented below: kneed is not installable here),
and for retail-rfm-2011h2 MiniBatchKMeans(4, random_state=9, batch_size=10% of rows, max_iter=100)
inertia with its spread over random_state 0..19.
engine-extras.json: synthetic columns stressing the lambda search, and synthetic inertia curves with
their kneed / gradient-rule knees. Output is deterministic (re-running gives identical files).
Arguments: optional fixture names (retail-rfm-2011h2, retail-default, cdnow, extras) to rebuild only those.
"""
import json
import os
import sys

import numpy as np
import pandas as pd
from sklearn.cluster import KMeans, MiniBatchKMeans
from sklearn.metrics import calinski_harabasz_score, davies_bouldin_score, silhouette_score
from sklearn.preprocessing import PowerTransformer
import warnings

warnings.filterwarnings("ignore")

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "src", "core", "__fixtures__")

NON_PRODUCT = ["POST", "DOT", "M", "D", "C2", "BANK CHARGES", "PADS", "CRUK", "AMAZONFEE", "B", "S",
               "DCGSSBOY", "DCGSSGIRL", "gift_0001_*"]
DAY_NS = 86400 * 10**9


# ─────────────────────────── RFM inputs ───────────────────────────

def load_retail_2011h2():
    df = pd.read_csv(os.path.join(ROOT, "fixtures", "online-retail-rfm-2011h2.csv"))
    return df.iloc[:, 0].to_numpy(float), df.iloc[:, 1].to_numpy(float), df.iloc[:, 2].to_numpy(float)


def build_retail_default():
    """Default cleaning + default RFM of docs/rfm-definition.md, in pandas."""
    df = pd.read_csv(os.path.join(ROOT, "public", "sample", "online-retail.csv.gz"),
                     dtype={"InvoiceNo": str, "StockCode": str, "CustomerID": str, "Country": str,
                            "Description": str})
    df["InvoiceDate"] = pd.to_datetime(df["InvoiceDate"], format="%Y-%m-%d %H:%M:%S")
    # 1 invalid rows: none in this file (all dates/quantities/prices read)
    df = df[df["Quantity"].notna() & df["UnitPrice"].notna() & df["InvoiceDate"].notna()]
    # 2 missing customer
    df = df[df["CustomerID"].notna() & (df["CustomerID"].str.strip() != "")]
    # 3 cancellations 'net': lines stay
    cancel = df["InvoiceNo"].str.strip().str.upper().str.startswith("C")
    # 4 non-product codes, case-insensitive after trim, '*' = prefix
    code = df["StockCode"].fillna("").str.strip().str.lower()
    drop = pd.Series(False, index=df.index)
    for entry in NON_PRODUCT:
        e = entry.strip().lower()
        drop |= code.str.startswith(e[:-1]) if e.endswith("*") else (code == e)
    keep = ~drop
    # 5 non-positive price
    keep &= df["UnitPrice"] > 0
    # 6 unspecified country
    keep &= df["Country"] != "Unspecified"
    df = df[keep]
    cancel = cancel[keep]
    # 7 duplicates (all original columns equal) after the first
    dup = df.duplicated(keep="first")
    df = df[~dup]
    cancel = cancel[~dup]
    # RFM
    last_day = df["InvoiceDate"].max().normalize()
    analysis = last_day + pd.Timedelta(days=1)
    df = df.assign(amount=df["Quantity"] * df["UnitPrice"], cancel=cancel.values)
    monetary = df.groupby("CustomerID")["amount"].sum()
    purchases = df[~df["cancel"]]
    last = purchases.groupby("CustomerID")["InvoiceDate"].max()
    freq = purchases.groupby("CustomerID")["InvoiceNo"].nunique()
    rfm = pd.DataFrame({"monetary": monetary}).join(last.rename("last"), how="inner").join(freq.rename("freq"))
    rfm = rfm[rfm["monetary"] > 0].sort_index()
    rec = ((analysis - rfm["last"]).dt.total_seconds() // 86400).to_numpy(float)
    return rec, rfm["freq"].to_numpy(float), rfm["monetary"].to_numpy(float)


def build_cdnow():
    df = pd.read_csv(os.path.join(ROOT, "fixtures", "cdnow-master.txt"), sep=r"\s+",
                     dtype={"customer_id": str, "date": str})
    df["date"] = pd.to_datetime(df["date"], format="%Y%m%d")
    analysis = df["date"].max().normalize() + pd.Timedelta(days=1)
    g = df.groupby("customer_id")
    rfm = pd.DataFrame({"last": g["date"].max(), "freq": g.size(), "monetary": g["dollar_value"].sum()})
    rfm = rfm[rfm["monetary"] > 0].sort_index()
    rec = ((analysis - rfm["last"]).dt.total_seconds() // 86400).to_numpy(float)
    return rec, rfm["freq"].to_numpy(float), rfm["monetary"].to_numpy(float)


# ─────────────────────────── knee ───────────────────────────

def kneed_knee(x, y, S=1.0):
    """The kneed package's KneeLocator(x, y, S, curve='convex', direction='decreasing',
    interp_method='interp1d', online=False).knee, re-implemented from arvkevi/kneed
    kneed/knee_locator.py (commit 588bcc21): interp1d evaluated at x is y itself; normalise x and y to
    [0, 1]; convex+decreasing -> y := max(y) - y; difference curve y_d = y_n - x_n; local maxima /
    minima by scipy.signal.argrelextrema(greater_equal / less_equal, order 1, mode 'clip');
    thresholds Tmx = y_d[max] - S * |mean(diff(x_n))|; walk from the first maximum, resetting the
    threshold at each maximum (and to 0 at each minimum); the first j = i + 1 with y_d[j] < threshold
    returns x at the threshold's maximum. None when there is no maximum or no crossing."""
    x = np.asarray(x, float)
    y = np.asarray(y, float)
    xn = (x - x.min()) / (x.max() - x.min())
    yn = (y - y.min()) / (y.max() - y.min())
    yn = yn.max() - yn
    yd = yn - xn
    n = len(x)
    prev = np.concatenate([[yd[0]], yd[:-1]])
    nxt = np.concatenate([yd[1:], [yd[-1]]])
    maxima = np.where((yd >= prev) & (yd >= nxt))[0]
    minima = np.where((yd <= prev) & (yd <= nxt))[0]
    if maxima.size == 0:
        return None
    tmx = yd[maxima] - S * np.abs(np.diff(xn).mean())
    mi = 0
    threshold = None
    threshold_index = None
    for i in range(n):
        if i < maxima[0]:
            continue
        j = i + 1
        if i == n - 1:
            break
        if (maxima == i).any():
            threshold = tmx[mi]
            threshold_index = i
            mi += 1
        if (minima == i).any():
            threshold = 0.0
        if yd[j] < threshold:
            return int(x[threshold_index])
    return None


def gradient_rule(ks, inertias, cut=-0.15):
    g = np.gradient(np.asarray(inertias, float))
    m = np.abs(g).max()
    if not m > 0:
        return None
    g = g / m
    for k, v in zip(ks, g):
        if not v < cut:
            return int(k)
    return None


# ─────────────────────────── main ───────────────────────────

def labels_string(labels):
    return "".join(chr(48 + int(v)) for v in labels)


def run(name, rec, freq, mon, silhouette_stride):
    X0 = np.column_stack([rec, freq, mon]).astype(float)
    n = X0.shape[0]
    pt = PowerTransformer(method="yeo-johnson", standardize=True)
    X = pt.fit_transform(X0)
    stride = max(1, n // 500)
    sub = np.arange(0, n, stride)
    sil_idx = np.arange(0, n, silhouette_stride)
    out = {
        "name": name,
        "n": n,
        "d": 3,
        # RFM input, column-major (recency, frequency, monetary)
        "recency": rec.tolist(),
        "frequency": freq.tolist(),
        "monetary": mon.tolist(),
        "lambdas": pt.lambdas_.tolist(),
        "means": pt._scaler.mean_.tolist(),
        "scales": pt._scaler.scale_.tolist(),
        "transformedStride": stride,
        "transformedSubset": X[sub].ravel().tolist(),  # rows 0, stride, 2*stride, ... (row-major)
        "transformedColumnSums": X.sum(axis=0).tolist(),
        "transformedColumnSumsOfSquares": (X ** 2).sum(axis=0).tolist(),
        "skewBefore": pd.DataFrame(X0).skew().tolist(),
        "skewAfter": pd.DataFrame(X).skew().tolist(),
        "silhouetteStride": silhouette_stride,
        "sweep": [],
    }
    ks = list(range(1, 11))
    inertias = []
    for k in ks:
        km = KMeans(n_clusters=k, n_init=10, random_state=0).fit(X)
        lab = km.labels_
        point = {"k": k, "inertia": float(km.inertia_), "nIter": int(km.n_iter_),
                 "labels": labels_string(lab)}
        if k > 1:
            point["silhouette"] = float(silhouette_score(X[sil_idx], lab[sil_idx]))
            point["calinskiHarabasz"] = float(calinski_harabasz_score(X, lab))
            point["daviesBouldin"] = float(davies_bouldin_score(X, lab))
        out["sweep"].append(point)
        inertias.append(float(km.inertia_))
        print(name, k, km.inertia_, file=sys.stderr)
    out["kneedle"] = kneed_knee(ks, inertias)
    out["gradientRule"] = gradient_rule(ks, inertias)
    if name == "retail-rfm-2011h2":
        bs = int(n * 0.1)
        mb = MiniBatchKMeans(n_clusters=4, random_state=9, batch_size=bs, max_iter=100).fit(X)
        # the spread over seeds, to compare distributions (different generators)
        spread = [float(MiniBatchKMeans(n_clusters=4, random_state=s, batch_size=bs, max_iter=100).fit(X).inertia_)
                  for s in range(20)]
        out["miniBatch4"] = {"batchSize": bs, "inertia": float(mb.inertia_), "inertiasRandomState0to19": spread}
    return out


def extras():
    """Synthetic columns that stress the lambda search: large left-skewed money amounts (sklearn
    lambda far above the (-2, 2) bracket), and amounts with negative values (net of returns)."""
    i = np.arange(500.0)
    cols = {
        "leftSkewedLarge": 1e14 - 1e12 * np.exp(-i / 40),
        "leftSkewedSmall": 1e4 - np.exp(i / 60),
        "withNegatives": np.where(i % 7 == 0, -i, i * i),
        # 99% of customers bought once, 1% twice: the MLE lambda is extreme (about -47) and
        # scikit-learn's transformed column is all zeros (its spread is lost to rounding).
        "twoValued": np.where(np.arange(10000) < 100, 2.0, 1.0),
    }
    out = {}
    for key, col in cols.items():
        pt = PowerTransformer().fit(col[:, None])
        out[key] = {"x": col.tolist(), "lambda": float(pt.lambdas_[0]), "mean": float(pt._scaler.mean_[0]),
                    "scale": float(pt._scaler.scale_[0]),
                    **({"zDistinct": np.unique(pt.transform(col[:, None])).tolist()} if len(np.unique(col)) <= 10
                       else {})}
    ks = list(range(1, 11))
    curves = {
        "sharp": [100, 20, 10, 8, 7, 6.5, 6.2, 6, 5.9, 5.8],
        "line": [100 - 5 * k for k in ks],
        "inverse": [100 / k for k in ks],
        "twoElbows": [100, 90, 80, 30, 25, 20, 8, 7, 6, 5],
        "bump": [100, 60, 62, 40, 30, 28, 27, 26.5, 26, 25.8],
        "exponential": [float(1000 * np.exp(-0.5 * k)) for k in ks],
    }
    out["kneeCurves"] = {key: {"ks": ks, "y": y, "kneedle": kneed_knee(ks, y), "gradientRule": gradient_rule(ks, y)}
                         for key, y in curves.items()}
    return out


def main():
    os.makedirs(OUT, exist_ok=True)
    only = sys.argv[1:]
    if not only or "extras" in only:
        with open(os.path.join(OUT, "engine-extras.json"), "w") as f:
            json.dump(extras(), f, separators=(",", ":"))
    jobs = [
        ("retail-rfm-2011h2", load_retail_2011h2, 1),
        ("retail-default", build_retail_default, 1),
        ("cdnow", build_cdnow, 4),
    ]
    for name, build, sil_stride in jobs:
        if only and name not in only:
            continue
        rec, freq, mon = build()
        out = run(name, rec, freq, mon, sil_stride)
        with open(os.path.join(OUT, f"engine-{name}.json"), "w") as f:
            json.dump(out, f, separators=(",", ":"))
        print(name, out["n"], out["lambdas"], out["kneedle"], out["gradientRule"], file=sys.stderr)


if __name__ == "__main__":
    main()
