"""Reference for src/core/segments/profiles.ts: segment profiles computed with pandas.

Reads fixtures/online-retail-rfm-2011h2.csv, fits scikit-learn's PowerTransformer (Yeo-Johnson,
standardised) and KMeans(k=4, n_init=10, random_state=42), relabels clusters by centroid monetary
(descending, as the app does), and writes the labels, centroids and pandas groupby statistics to
src/core/segments/__fixtures__/profiles-2011h2.json.

Run with Debian's python: /usr/bin/python3 scripts/reference/segments-profiles.py
"""
import json
import os

import numpy as np
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.preprocessing import PowerTransformer

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
df = pd.read_csv(os.path.join(ROOT, "fixtures", "online-retail-rfm-2011h2.csv"))
df.columns = ["recency", "frequency", "monetary"]
pt = PowerTransformer()
X = pt.fit_transform(df.values)
km = KMeans(n_clusters=4, n_init=10, random_state=42).fit(X)
order = np.argsort(-km.cluster_centers_[:, 2], kind="stable")
relabel = np.empty(4, dtype=int)
relabel[order] = np.arange(4)
labels = relabel[km.labels_]
centroids = km.cluster_centers_[order]
df["cluster"] = labels
g = df.groupby("cluster")
out = {
    "k": 4,
    "labels": labels.tolist(),
    "centroidsStandardised": centroids.ravel().tolist(),
    "centroidsOriginal": pt.inverse_transform(centroids).ravel().tolist(),
    "sizes": g.size().reindex(range(4), fill_value=0).tolist(),
    "revenue": g["monetary"].sum().reindex(range(4)).tolist(),
    "median": g[["recency", "frequency", "monetary"]].median().reindex(range(4)).values.tolist(),
    "mean": g[["recency", "frequency", "monetary"]].mean().reindex(range(4)).values.tolist(),
    "overallMedian": df[["recency", "frequency", "monetary"]].median().tolist(),
    "totalRevenue": float(df["monetary"].sum()),
}
path = os.path.join(ROOT, "src", "core", "segments", "__fixtures__", "profiles-2011h2.json")
with open(path, "w") as f:
    json.dump(out, f)
print("wrote", path, "sizes", out["sizes"])
