#!/usr/bin/python3
"""The Python-notebook baseline of `npm run bench`: the same steps as Segment Notebook, on the same
files, timed stage by stage with pandas + scikit-learn.

Run with Debian's interpreter (pandas 1.5.3, scikit-learn 1.2.1); the `python3` on PATH may lack them:

    /usr/bin/python3 scripts/bench/python_baseline.py --input public/sample/online-retail.csv.gz \
        --kind transactions --runs 5
    /usr/bin/python3 scripts/bench/python_baseline.py --input bench-data/rfm-100k.csv --kind rfm

Stages (wall-clock seconds by time.perf_counter, each run starts again from the file):
  read       pd.read_csv of the file as a notebook would (ids/codes/country as text; .gz inflated by pandas)
  types      InvoiceDate → datetime64 (format '%Y-%m-%d %H:%M:%S')                    [transactions]
  clean      the default cleaning of docs/rfm-definition.md (missing customer; cancellations 'net';
             non-product codes; price ≤ 0; country 'Unspecified'; exact duplicates)    [transactions]
  rfm        groupby CustomerID: recency (floor days to midnight after the last day), frequency
             (distinct purchase invoices), monetary (Σ qty × price, cancellations net); monetary ≤ 0
             left out. For a pre-aggregated table: the three columns, monetary ≤ 0 left out.
  transform  PowerTransformer(method='yeo-johnson', standardize=True).fit_transform on the n × 3 matrix
  sweep      k = 1..10: KMeans(n_clusters=k, n_init=10, random_state=seed) (lloyd, k-means++,
             max_iter 300, tol 1e-4), and for k ≥ 2 silhouette_score (on a seeded sample of 10,000 rows
             when n > 10,000, as the app), calinski_harabasz_score, davies_bouldin_score.
             Sub-totals: sweepKMeans, sweepMetrics.
  fit        KMeans(n_clusters=kPlot, n_init=10) — the notebook's "final model" cell (kPlot = 4)
  plot3d     matplotlib (Agg) 3D scatter of all transformed points coloured by cluster, rendered to PNG
  kChange    fit at kPlot + 1 plus the 3D scatter again (what changing k costs in a notebook)
  dropToRfm  read + types + clean + rfm
  dropToPlot read + types + clean + rfm + transform + sweep + fit + plot3d
Prints ONE JSON document on stdout: per stage median/min/max/runs (ms), the versions, threadpool
info, the OPENBLAS_* environment as found (not changed), peak RSS (ru_maxrss) and check values
(customers, column sums, inertias) to compare with the app.
"""
import argparse
import gc
import io
import json
import os
import platform
import resource
import statistics
import sys
import time
import warnings

warnings.filterwarnings("ignore")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import sklearn  # noqa: E402
from sklearn.cluster import KMeans  # noqa: E402
from sklearn.metrics import calinski_harabasz_score, davies_bouldin_score, silhouette_score  # noqa: E402
from sklearn.preprocessing import PowerTransformer  # noqa: E402

NON_PRODUCT = ["POST", "DOT", "M", "D", "C2", "BANK CHARGES", "PADS", "CRUK", "AMAZONFEE", "B", "S",
               "DCGSSBOY", "DCGSSGIRL", "gift_0001_*"]
SILHOUETTE_MAX_N = 10_000
K_PLOT = 4


def log(*a):
    print(*a, file=sys.stderr, flush=True)


class Timer:
    def __init__(self):
        self.t = {}

    def run(self, name, fn, *a, **kw):
        t0 = time.perf_counter()
        out = fn(*a, **kw)
        self.t[name] = (time.perf_counter() - t0) * 1000.0
        return out


TEXT_COLUMNS = {"InvoiceNo": str, "StockCode": str, "Description": str, "CustomerID": str, "Country": str}


def read_transactions(path):
    if path.endswith(".xlsx"):
        # An Excel workbook, as analysts receive the UCI data (openpyxl engine; dates come typed).
        return pd.read_excel(path, sheet_name=0, dtype=TEXT_COLUMNS)
    return pd.read_csv(path, dtype=TEXT_COLUMNS)


def type_dates(df):
    df["InvoiceDate"] = pd.to_datetime(df["InvoiceDate"], format="%Y-%m-%d %H:%M:%S", errors="coerce")
    return df


def clean(df):
    """Default cleaning (docs/rfm-definition.md). Returns (kept frame, cancellation mask)."""
    df = df[df["Quantity"].notna() & df["UnitPrice"].notna() & df["InvoiceDate"].notna()]
    df = df[df["CustomerID"].notna() & (df["CustomerID"].str.strip() != "")]
    cancel = df["InvoiceNo"].str.strip().str.upper().str.startswith("C")
    code = df["StockCode"].fillna("").str.strip().str.lower()
    drop = pd.Series(False, index=df.index)
    for entry in NON_PRODUCT:
        e = entry.strip().lower()
        drop |= code.str.startswith(e[:-1]) if e.endswith("*") else (code == e)
    keep = ~drop & (df["UnitPrice"] > 0) & (df["Country"] != "Unspecified")
    df = df[keep]
    cancel = cancel[keep]
    dup = df.duplicated(keep="first")
    return df[~dup], cancel[~dup]


def rfm_from_transactions(df, cancel):
    analysis = df["InvoiceDate"].max().normalize() + pd.Timedelta(days=1)
    df = df.assign(amount=df["Quantity"] * df["UnitPrice"], cancel=cancel.values)
    # Rounded to 1e-6 before the > 0 test: 12 UCI customers cancel out exactly and float sums leave
    # some of them at ±1e-14 (see scripts/data/sample-rfm.mjs).
    monetary = df.groupby("CustomerID")["amount"].sum().round(6)
    purchases = df[~df["cancel"]]
    g = purchases.groupby("CustomerID")
    last = g["InvoiceDate"].max()
    freq = g["InvoiceNo"].nunique()
    rfm = pd.DataFrame({"monetary": monetary}).join(last.rename("last"), how="inner").join(freq.rename("freq"))
    rfm = rfm[rfm["monetary"] > 0]
    rec = ((analysis - rfm["last"]).dt.total_seconds() // 86400).to_numpy(float)
    return np.column_stack([rec, rfm["freq"].to_numpy(float), rfm["monetary"].to_numpy(float)])


def read_rfm_table(path):
    return pd.read_csv(path, dtype={"CustomerID": str})


def rfm_from_table(df):
    cols = {c.lower(): c for c in df.columns}
    X = df[[cols["recency"], cols["frequency"], cols["monetary"]]].to_numpy(float)
    return X[X[:, 2] > 0]


def transform(X0):
    return PowerTransformer(method="yeo-johnson", standardize=True).fit_transform(X0)


def sweep(X, seed, timer):
    n = X.shape[0]
    points = []
    t_km = 0.0
    t_metrics = 0.0
    for k in range(1, 11):
        t0 = time.perf_counter()
        km = KMeans(n_clusters=k, n_init=10, random_state=seed).fit(X)
        t1 = time.perf_counter()
        p = {"k": k, "inertia": float(km.inertia_), "nIter": int(km.n_iter_)}
        if k > 1:
            lab = km.labels_
            if n > SILHOUETTE_MAX_N:
                p["silhouette"] = float(silhouette_score(X, lab, sample_size=SILHOUETTE_MAX_N, random_state=seed))
            else:
                p["silhouette"] = float(silhouette_score(X, lab))
            p["calinskiHarabasz"] = float(calinski_harabasz_score(X, lab))
            p["daviesBouldin"] = float(davies_bouldin_score(X, lab))
        t2 = time.perf_counter()
        t_km += t1 - t0
        t_metrics += t2 - t1
        points.append(p)
    timer.t["sweepKMeans"] = t_km * 1000.0
    timer.t["sweepMetrics"] = t_metrics * 1000.0
    return points


def fit(X, k, seed):
    return KMeans(n_clusters=k, n_init=10, random_state=seed).fit(X).labels_


def plot3d(X, labels):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=(7, 6), dpi=100)
    ax = fig.add_subplot(projection="3d")
    ax.scatter(X[:, 0], X[:, 1], X[:, 2], c=labels, s=2, cmap="tab10")
    ax.set_xlabel("Recency")
    ax.set_ylabel("Frequency")
    ax.set_zlabel("Monetary")
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    plt.close(fig)
    return buf.getbuffer().nbytes


def one_run(path, kind, seed, do_plot):
    tm = Timer()
    check = {}
    if kind == "transactions":
        df = tm.run("read", read_transactions, path)
        check["rows"] = int(len(df))
        df = tm.run("types", type_dates, df)
        kept, cancel = tm.run("clean", clean, df)
        check["rowsKept"] = int(len(kept))
        X0 = tm.run("rfm", rfm_from_transactions, kept, cancel)
        del df, kept, cancel
    else:
        df = tm.run("read", read_rfm_table, path)
        check["rows"] = int(len(df))
        tm.t["types"] = 0.0
        tm.t["clean"] = 0.0
        X0 = tm.run("rfm", rfm_from_table, df)
        del df
    check["customers"] = int(X0.shape[0])
    check["rfmSums"] = [float(v) for v in X0.sum(axis=0)]
    X = tm.run("transform", transform, X0)
    points = tm.run("sweep", sweep, X, seed, tm)
    check["inertias"] = [p["inertia"] for p in points]
    check["silhouettes"] = [p.get("silhouette") for p in points]
    labels = tm.run("fit", fit, X, K_PLOT, seed)
    if do_plot:
        tm.run("plot3d", plot3d, X, labels)
        t0 = time.perf_counter()
        labels2 = fit(X, K_PLOT + 1, seed)
        plot3d(X, labels2)
        tm.t["kChange"] = (time.perf_counter() - t0) * 1000.0
    else:
        t0 = time.perf_counter()
        fit(X, K_PLOT + 1, seed)
        tm.t["kChange"] = (time.perf_counter() - t0) * 1000.0
    t = tm.t
    t["dropToRfm"] = t["read"] + t["types"] + t["clean"] + t["rfm"]
    t["dropToPlot"] = t["dropToRfm"] + t["transform"] + t["sweep"] + t["fit"] + t.get("plot3d", 0.0)
    return t, check


def summarise(values):
    return {"median": statistics.median(values), "min": min(values), "max": max(values),
            "runs": [round(v, 2) for v in values]}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--input", required=True)
    ap.add_argument("--kind", choices=["transactions", "rfm"], required=True)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--no-plot", action="store_true", help="skip the matplotlib 3D scatter")
    args = ap.parse_args()

    try:
        import matplotlib  # noqa: F401

        do_plot = not args.no_plot
    except ImportError:
        do_plot = False

    try:
        from threadpoolctl import threadpool_info

        pools = [{k: p.get(k) for k in ("internal_api", "version", "architecture", "num_threads", "threading_layer")}
                 for p in threadpool_info()]
    except Exception as e:  # noqa: BLE001
        pools = [{"error": str(e)}]

    runs = []
    check = None
    for r in range(args.runs):
        gc.collect()
        t, check = one_run(args.input, args.kind, args.seed, do_plot)
        runs.append(t)
        log(f"python {os.path.basename(args.input)} run {r + 1}/{args.runs}: "
            + ", ".join(f"{k} {v:.0f} ms" for k, v in t.items()))
    stages = {k: summarise([t[k] for t in runs]) for k in runs[0]}
    out = {
        "tool": "pandas + scikit-learn",
        "python": platform.python_version(),
        "executable": sys.executable,
        "pandas": pd.__version__,
        "sklearn": sklearn.__version__,
        "numpy": np.__version__,
        "threadpools": pools,
        "env": {k: os.environ.get(k) for k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OMP_NUM_THREADS",
                                               "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")},
        "input": args.input,
        "kind": args.kind,
        "bytes": os.path.getsize(args.input),
        "runs": args.runs,
        "seed": args.seed,
        "kPlot": K_PLOT,
        "plot": "matplotlib Agg 3D scatter to PNG" if do_plot else None,
        "stagesMs": stages,
        "peakRssMB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0,
        "check": check,
    }
    json.dump(out, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
