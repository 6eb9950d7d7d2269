#!/usr/bin/python3
"""Golden reference for src/core/model (apply a saved model: scoring, drift, transitions).

Run with Debian's interpreter (scikit-learn 1.2.1, pandas 1.5.3):

    /usr/bin/python3 scripts/reference/scoring_reference.py

Writes src/core/model/__fixtures__/scoring-reference.json from the shipped UCI sample
(public/sample/online-retail.csv.gz) with the default cleaning and RFM of docs/rfm-definition.md:

  before  RFM at 2011-06-01 00:00 from the kept lines dated before it (the shop's first months)
  after   RFM at the default analysis date (midnight after the last day) from every kept line

The model is fitted on `before` by scikit-learn: PowerTransformer(method='yeo-johnson') and
KMeans(n_clusters=4, n_init=10, random_state=0). It is written as a formatVersion-1 model JSON
(the app's writer's fields) so the TypeScript parser reads exactly what a user would open.
Scoring = a PowerTransformer whose lambdas_ and StandardScaler (mean_, scale_, var_) are set to the
saved numbers (no fitting), then numpy argmin of squared Euclidean distances to the saved centroids
(the first minimum on ties). Drift and transitions are computed here in numpy / pandas:

  quantiles   numpy linear quantiles of each training feature at QUANTILE_PROBS
  PSI bins    the distinct training deciles (10 %, …, 90 %) as edges; bin = searchsorted(edges, x,
              side='left'), i.e. (−∞, e1], (e1, e2], …, (e_m, ∞); shares floored at 1e-4;
              PSI = Σ (new − train) · ln(new / train)
  outside     share of new customers below the training minimum or above the training maximum
  distance    Euclidean distance to the assigned centroid in standardised space; per segment the
              training 99th percentile (numpy linear) and the number of new customers beyond it (>)
  transitions pandas crosstab of before × after labels over the union of customer ids, 'new' /
              'gone' for ids only in `after` / `before`; in/out counts and revenue per segment
"""
import json
import os

import numpy as np
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.preprocessing import PowerTransformer, StandardScaler
import warnings

warnings.filterwarnings("ignore")

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "src", "core", "model", "__fixtures__")
NON_PRODUCT = ["POST", "DOT", "M", "D", "C2", "BANK CHARGES", "PADS", "CRUK", "AMAZONFEE", "B", "S",
               "DCGSSBOY", "DCGSSGIRL", "gift_0001_*"]
QUANTILE_PROBS = [0, 0.01, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99, 1]
CUTOFF = "2011-06-01"
FEATURES = ["recency", "frequency", "monetary"]


def cleaned_lines():
    """The default cleaning of docs/rfm-definition.md (as engine_reference.build_retail_default)."""
    df = pd.read_csv(os.path.join(ROOT, "public", "sample", "online-retail.csv.gz"),
                     dtype={"InvoiceNo": str, "StockCode": str, "CustomerID": str, "Country": str,
                            "Description": str})
    df["InvoiceDate"] = pd.to_datetime(df["InvoiceDate"], format="%Y-%m-%d %H:%M:%S")
    df = df[df["Quantity"].notna() & df["UnitPrice"].notna() & df["InvoiceDate"].notna()]
    df = df[df["CustomerID"].notna() & (df["CustomerID"].str.strip() != "")]
    code = df["StockCode"].fillna("").str.strip().str.lower()
    drop = pd.Series(False, index=df.index)
    for entry in NON_PRODUCT:
        e = entry.strip().lower()
        drop |= code.str.startswith(e[:-1]) if e.endswith("*") else (code == e)
    df = df[~drop & (df["UnitPrice"] > 0) & (df["Country"] != "Unspecified")]
    df = df[~df.duplicated(keep="first")]
    return df.assign(amount=df["Quantity"] * df["UnitPrice"],
                     cancel=df["InvoiceNo"].str.strip().str.upper().str.startswith("C"))


def rfm_at(df, analysis):
    """Default RFM at `analysis` from the lines dated before it; sorted by customer id."""
    df = df[df["InvoiceDate"] < analysis]
    monetary = df.groupby("CustomerID")["amount"].sum()
    purchases = df[~df["cancel"]]
    last = purchases.groupby("CustomerID")["InvoiceDate"].max()
    freq = purchases.groupby("CustomerID")["InvoiceNo"].nunique()
    rfm = pd.DataFrame({"monetary": monetary}).join(last.rename("last"), how="inner").join(freq.rename("freq"))
    rfm = rfm[rfm["monetary"] > 1e-6].sort_index()
    rec = ((analysis - rfm["last"]).dt.total_seconds() // 86400).to_numpy(float)
    return pd.DataFrame({"recency": rec, "frequency": rfm["freq"].to_numpy(float),
                         "monetary": rfm["monetary"].to_numpy(float)}, index=rfm.index)


def saved_scorer(lambdas, means, scales):
    """A PowerTransformer carrying the saved numbers, nothing fitted on the data it transforms."""
    pt = PowerTransformer(method="yeo-johnson", standardize=True)
    pt.lambdas_ = np.asarray(lambdas, float)
    sc = StandardScaler()
    sc.mean_ = np.asarray(means, float)
    sc.scale_ = np.asarray(scales, float)
    sc.var_ = sc.scale_ ** 2
    sc.n_features_in_ = 3
    pt._scaler = sc
    pt.n_features_in_ = 3
    return pt


def score(pt, centroids, X):
    Z = pt.transform(X)
    d2 = ((Z[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)
    labels = np.argmin(d2, axis=1)
    return labels, np.sqrt(d2[np.arange(len(labels)), labels])


def psi_bins(train_col):
    return np.unique(np.quantile(train_col, [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]))


def psi(train_counts, new_col, edges):
    new_counts = np.bincount(np.searchsorted(edges, new_col, side="left"), minlength=len(edges) + 1)
    e = np.maximum(train_counts / train_counts.sum(), 1e-4)
    a = np.maximum(new_counts / len(new_col), 1e-4)
    return float(((a - e) * np.log(a / e)).sum()), new_counts


def main():
    lines = cleaned_lines()
    analysis_full = lines["InvoiceDate"].max().normalize() + pd.Timedelta(days=1)
    before = rfm_at(lines, pd.Timestamp(CUTOFF))
    after = rfm_at(lines, analysis_full)
    Xb = before[FEATURES].to_numpy()
    Xa = after[FEATURES].to_numpy()

    pt = PowerTransformer(method="yeo-johnson", standardize=True).fit(Xb)
    Zb = pt.transform(Xb)
    km = KMeans(n_clusters=4, n_init=10, random_state=0).fit(Zb)
    C = km.cluster_centers_
    names = ["Segment A", "Segment B", "Segment C", "Segment D"]
    model = {
        "format": "segment-notebook-model",
        "formatVersion": 1,
        "appVersion": "sklearn-reference",
        "createdAt": "2011-06-01T00:00:00.000Z",
        "dataset": {"name": "online-retail.csv.gz before 2011-06-01", "customers": int(len(Xb))},
        "cleaning": None,
        "rfm": {"analysisDate": {"date": CUTOFF}, "frequency": "invoices", "monetary": "quantityTimesPrice",
                "excludeNonPositiveMonetary": True},
        "features": FEATURES,
        "transform": {"method": "yeo-johnson", "standardize": True, "lambdas": pt.lambdas_.tolist(),
                      "means": pt._scaler.mean_.tolist(), "scales": pt._scaler.scale_.tolist()},
        "kmeans": {"k": 4, "seed": 0},
        "clusters": [{"id": c + 1, "name": names[c], "description": "", "size": int((km.labels_ == c).sum()),
                      "centroidStandardised": dict(zip(FEATURES, C[c].tolist())), "centroidOriginal": None}
                     for c in range(4)],
    }

    scorer = saved_scorer(model["transform"]["lambdas"], model["transform"]["means"], model["transform"]["scales"])
    lb, db = score(scorer, C, Xb)
    la, da = score(scorer, C, Xa)

    features = {}
    drift = {}
    for j, f in enumerate(FEATURES):
        edges = psi_bins(Xb[:, j])
        train_counts = np.bincount(np.searchsorted(edges, Xb[:, j], side="left"), minlength=len(edges) + 1)
        value, new_counts = psi(train_counts, Xa[:, j], edges)
        lo, hi = Xb[:, j].min(), Xb[:, j].max()
        features[f] = {"quantiles": np.quantile(Xb[:, j], QUANTILE_PROBS).tolist(), "min": float(lo),
                       "max": float(hi), "edges": edges.tolist(), "counts": train_counts.tolist()}
        drift[f] = {"psi": value, "newCounts": new_counts.tolist(),
                    "outsideShare": float(((Xa[:, j] < lo) | (Xa[:, j] > hi)).mean())}
    p99 = [float(np.quantile(db[lb == c], 0.99)) for c in range(4)]
    beyond = [int(((la == c) & (da > p99[c])).sum()) for c in range(4)]

    ids = sorted(set(before.index) | set(after.index))
    fr = pd.Series(lb.astype(str), index=before.index).reindex(ids).fillna("new")
    to = pd.Series(la.astype(str), index=after.index).reindex(ids).fillna("gone")
    cross = pd.crosstab(fr, to)
    rows = [str(c) for c in range(4)] + ["new"]
    cols = [str(c) for c in range(4)] + ["gone"]
    cross = cross.reindex(index=rows, columns=cols, fill_value=0)
    mb = before["monetary"].reindex(ids)
    ma = after["monetary"].reindex(ids)
    per_segment = []
    for c in range(4):
        s = str(c)
        moved_in = (to == s) & (fr != s)
        moved_out = (fr == s) & (to != s)
        per_segment.append({"stayed": int(((fr == s) & (to == s)).sum()), "in": int(moved_in.sum()),
                            "out": int(moved_out.sum()), "revenueIn": float(ma[moved_in].sum()),
                            "revenueOut": float(mb[moved_out].sum())})

    ties = {"centroids": [[0, 0, 0], [1, 0, 0], [0, 1, 0]],
            "points": [[0.5, 0, 0], [0, 0.5, 0], [0.5, 0.5, 0], [2, 2, 2], [-1, 0, 0]]}
    tc = np.asarray(ties["centroids"], float)
    tp = np.asarray(ties["points"], float)
    ties["labels"] = np.argmin(((tp[:, None, :] - tc[None, :, :]) ** 2).sum(axis=2), axis=1).tolist()

    out = {
        "cutoff": CUTOFF,
        "analysisAfter": analysis_full.strftime("%Y-%m-%d"),
        "model": model,
        "kmeansLabels": "".join(str(v) for v in km.labels_),
        "before": {"ids": before.index.tolist(), **{f: before[f].tolist() for f in FEATURES},
                   "labels": "".join(str(v) for v in lb), "distances": db.tolist()},
        "after": {"ids": after.index.tolist(), **{f: after[f].tolist() for f in FEATURES},
                  "labels": "".join(str(v) for v in la), "distances": da.tolist()},
        "quantileProbs": QUANTILE_PROBS,
        "features": features,
        "drift": drift,
        "distanceP99": p99,
        "beyondP99": beyond,
        "sizesAfter": np.bincount(la, minlength=4).tolist(),
        "transitions": {"rows": rows, "cols": cols, "matrix": cross.to_numpy().tolist(), "perSegment": per_segment},
        "ties": ties,
    }
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "scoring-reference.json"), "w") as fh:
        json.dump(out, fh, separators=(",", ":"))
    print("before", len(Xb), "after", len(Xa), "psi", {f: drift[f]["psi"] for f in FEATURES})
    print("kmeans labels == argmin labels:", bool((km.labels_ == lb).all()))
    print(cross)


if __name__ == "__main__":
    main()
