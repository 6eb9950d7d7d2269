#!/usr/bin/python3
"""Timing baseline for the engine: scikit-learn 1.2.1 KMeans(n_clusters=k, n_init=10, random_state=0)
for k = 1..10 on real transformed RFM rows, at 4k (the fixture itself), 100k and 1M rows.

    /usr/bin/python3 scripts/reference/engine_bench_sklearn.py [OUTDIR] [sizes...]

Data: the retail-default fixture's RFM input (src/core/__fixtures__/engine-retail-default.json),
Yeo-Johnson + standardised by PowerTransformer; the 100k / 1M matrices are a seeded bootstrap of those
rows (numpy default_rng(12345)) plus N(0, 0.01²) jitter (so rows are not exact duplicates).
Writes OUTDIR/X<size>.f64 (n × 3 row-major little-endian float64, for the Node/Chromium bench) and
OUTDIR/sklearn-<size>.json: per k the wall time, the process CPU time (all threads) and the inertia.
Not a test fixture (timings vary with the machine and its load); OUTDIR defaults to /tmp/engine-bench.
OPENBLAS_CORETYPE / OMP_NUM_THREADS are left as the environment sets them (sklearn uses every core).
"""
import json
import os
import sys
import time

import numpy as np
from sklearn.cluster import KMeans
from sklearn.preprocessing import PowerTransformer
import warnings

warnings.filterwarnings("ignore")

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def matrices(sizes):
    with open(os.path.join(ROOT, "src", "core", "__fixtures__", "engine-retail-default.json")) as f:
        fx = json.load(f)
    X0 = np.column_stack([fx["recency"], fx["frequency"], fx["monetary"]]).astype(float)
    X = PowerTransformer(method="yeo-johnson", standardize=True).fit_transform(X0)
    rng = np.random.default_rng(12345)
    out = {}
    for size in sizes:
        if size <= X.shape[0]:
            out[size] = np.ascontiguousarray(X)
        else:
            idx = rng.integers(0, X.shape[0], size)
            out[size] = np.ascontiguousarray(X[idx] + rng.normal(0, 0.01, (size, 3)))
    return out


def main():
    outdir = sys.argv[1] if len(sys.argv) > 1 else "/tmp/engine-bench"
    sizes = [int(s) for s in sys.argv[2:]] or [4321, 100_000, 1_000_000]
    os.makedirs(outdir, exist_ok=True)
    for size, X in matrices(sizes).items():
        n = X.shape[0]
        X.astype("<f8").tofile(os.path.join(outdir, f"X{n}.f64"))
        points = []
        for k in range(1, 11):
            w0, c0 = time.perf_counter(), time.process_time()
            km = KMeans(n_clusters=k, n_init=10, random_state=0).fit(X)
            w1, c1 = time.perf_counter(), time.process_time()
            points.append({"k": k, "wall": w1 - w0, "cpu": c1 - c0, "inertia": float(km.inertia_), "nIter": int(km.n_iter_)})
            print(n, k, f"wall {w1 - w0:.2f}s cpu {c1 - c0:.2f}s inertia {km.inertia_:.6f}", file=sys.stderr, flush=True)
        res = {"n": n, "points": points, "wall": sum(p["wall"] for p in points), "cpu": sum(p["cpu"] for p in points),
               "load": os.getloadavg()}
        with open(os.path.join(outdir, f"sklearn-{n}.json"), "w") as f:
            json.dump(res, f, indent=1)
        print(n, "total wall", res["wall"], "cpu", res["cpu"], "load", res["load"], file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
