#!/usr/bin/python3
"""References for two-feature models (a feature left out, and R+F models of files without money).

Run with Debian's interpreter (scikit-learn 1.2.1, pandas 1.5.3):

    /usr/bin/python3 scripts/reference/two_features_reference.py

Writes src/core/__fixtures__/engine-two-features.json with, per case, scikit-learn's
PowerTransformer(method='yeo-johnson', standardize=True) lambdas/means/scales on the two columns and
KMeans(n_clusters=k, n_init=10, random_state=0) inertia for k = 1..10:
  retail-rfm-2011h2-rf  fixtures/online-retail-rfm-2011h2.csv, recency and frequency (monetary left out)
  retail-rfm-2011h2-fm  the same table, frequency and monetary (recency left out)
  cdnow-no-money        fixtures/cdnow-master.txt with its money columns (number_of_cds,
                        dollar_value) dropped, as a file without money; the default cleaning's
                        duplicates rule drops repeated (customer, date) lines; frequency = orders (rows;
                        the file has no invoice column), recency = floor days from the customer's last order
                        date to midnight after the last date of the file; nobody is left out (no money)
For cdnow-no-money the RFM input is not stored: the test computes it with the app's own reading and
RFM code and checks its count, sums and first rows against the ones written here.
"""
import json
import os

import numpy as np
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.preprocessing import PowerTransformer
import warnings

warnings.filterwarnings("ignore")

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "src", "core", "__fixtures__", "engine-two-features.json")


def fit(name, features, cols, store_input):
    X0 = np.column_stack(cols).astype(float)
    pt = PowerTransformer(method="yeo-johnson", standardize=True)
    X = pt.fit_transform(X0)
    sweep = []
    for k in range(1, 11):
        km = KMeans(n_clusters=k, n_init=10, random_state=0).fit(X)
        sweep.append({"k": k, "inertia": float(km.inertia_)})
    out = {
        "name": name,
        "features": features,
        "n": int(X0.shape[0]),
        "lambdas": pt.lambdas_.tolist(),
        "means": pt._scaler.mean_.tolist(),
        "scales": pt._scaler.scale_.tolist(),
        "columnSums": X0.sum(axis=0).tolist(),
        "firstRows": X0[:20].tolist(),
        "sweep": sweep,
    }
    if store_input:
        out["input"] = "fixtures/online-retail-rfm-2011h2.csv"
    return out


def main():
    df = pd.read_csv(os.path.join(ROOT, "fixtures", "online-retail-rfm-2011h2.csv"))
    rec, freq, mon = (df.iloc[:, j].to_numpy(float) for j in range(3))
    cases = [
        fit("retail-rfm-2011h2-rf", ["recency", "frequency"], [rec, freq], True),
        fit("retail-rfm-2011h2-fm", ["frequency", "monetary"], [freq, mon], True),
    ]
    cd = pd.read_csv(os.path.join(ROOT, "fixtures", "cdnow-master.txt"), sep=r"\s+",
                     dtype={"customer_id": str, "date": str})
    cd = cd.drop(columns=["number_of_cds", "dollar_value"])
    # the app's default duplicates rule: exact duplicate lines (all the file's columns, here customer
    # and date) after the first are removed
    cd = cd.drop_duplicates(keep="first")
    cd["date"] = pd.to_datetime(cd["date"], format="%Y%m%d")
    analysis = cd["date"].max().normalize() + pd.Timedelta(days=1)
    g = cd.groupby("customer_id")
    rfm = pd.DataFrame({"last": g["date"].max(), "freq": g.size()}).sort_index()
    r = ((analysis - rfm["last"]).dt.total_seconds() // 86400).to_numpy(float)
    cases.append(fit("cdnow-no-money", ["recency", "frequency"], [r, rfm["freq"].to_numpy(float)], False))
    cases[-1]["firstIds"] = rfm.index[:20].tolist()
    with open(OUT, "w") as fh:
        json.dump({"generatedBy": "scripts/reference/two_features_reference.py", "cases": cases}, fh, indent=1)
        fh.write("\n")
    print("wrote", OUT)


if __name__ == "__main__":
    main()
