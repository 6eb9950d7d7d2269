#!/usr/bin/python3
"""Golden references for src/core/profile (data profile, at-a-glance, outliers, histograms).

Run with Debian's interpreter (pandas 1.5.3, numpy):

    /usr/bin/python3 scripts/reference/profile_reference.py

Reads public/sample/online-retail.csv.gz (the full UCI Online Retail file, 541,909 rows) with ids kept
as text (dtype=str, keep_default_na so an empty field is NaN) and fixtures/cdnow-master.txt, and writes
src/core/profile/__fixtures__/profile-reference.json with:
  - per-column counts (missing = NaN cells, distinct = nunique), pandas describe() of the numbers,
    first/last InvoiceDate, top-5 value_counts of the text columns;
  - per calendar month: rows, revenue (Quantity × UnitPrice), cancellation lines (InvoiceNo starting
    with 'C', case-insensitive) and their revenue, return lines (Quantity < 0);
  - top 10 countries and products (StockCode) by revenue, rows without CustomerID;
  - the outlier rule of src/core/profile/outliers.ts computed independently with numpy (|x| > factor ×
    the 99.9th percentile of the non-zero |x|), with the flagged spreadsheet rows (header = row 1);
  - numpy.histogram references (fixed bins, log10 bins, 'auto' bins) for histogram().
"""
import json
import os

import numpy as np
import pandas as pd

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "src", "core", "profile", "__fixtures__", "profile-reference.json")
UCI = os.path.join(ROOT, "public", "sample", "online-retail.csv.gz")
CDNOW = os.path.join(ROOT, "fixtures", "cdnow-master.txt")

OUTLIER_PERCENTILE = 99.9
OUTLIER_FACTOR = 100.0


def describe(s):
    d = s.describe()
    return {k: float(d[k]) for k in ["count", "mean", "std", "min", "25%", "50%", "75%", "max"]}


def top_counts(s, n=5):
    vc = s.value_counts()
    return [{"value": str(k), "count": int(v)} for k, v in vc.head(n).items()]


def hist(values, bins):
    counts, edges = np.histogram(values, bins=bins)
    return {"counts": [int(c) for c in counts], "edges": [float(e) for e in edges]}


def outliers(x):
    a = np.abs(x[np.isfinite(x)])
    a = a[a > 0]
    level = min(OUTLIER_PERCENTILE / 100.0, 1.0 - 10.0 / len(a))
    ref = float(np.percentile(a, level * 100.0))
    thr = OUTLIER_FACTOR * ref
    flagged = np.flatnonzero(np.abs(x) > thr)
    return {"nonZero": int(len(a)), "level": level, "reference": ref, "threshold": thr,
            "rows": [int(i) + 2 for i in flagged]}


def uci():
    df = pd.read_csv(UCI, dtype={"InvoiceNo": str, "StockCode": str, "Description": str,
                                 "CustomerID": str, "Country": str, "InvoiceDate": str},
                     keep_default_na=True)
    out = {"rows": int(len(df))}
    out["columns"] = {c: {"missing": int(df[c].isna().sum()), "distinct": int(df[c].nunique())} for c in df.columns}
    out["describe"] = {"Quantity": describe(df["Quantity"]), "UnitPrice": describe(df["UnitPrice"])}
    out["numberFacts"] = {
        c: {"negatives": int((df[c] < 0).sum()), "zeros": int((df[c] == 0).sum()), "sum": float(df[c].sum())}
        for c in ["Quantity", "UnitPrice"]
    }
    t = pd.to_datetime(df["InvoiceDate"], format="%Y-%m-%d %H:%M:%S")
    out["dates"] = {"min": t.min().strftime("%Y-%m-%d %H:%M:%S"), "max": t.max().strftime("%Y-%m-%d %H:%M:%S")}
    out["top"] = {c: top_counts(df[c]) for c in ["InvoiceNo", "StockCode", "Description", "CustomerID", "Country"]}
    out["topCountriesByRows"] = top_counts(df["Country"], 10)

    rev = df["Quantity"] * df["UnitPrice"]
    cancel = df["InvoiceNo"].str.upper().str.startswith("C")
    month = t.dt.to_period("M").astype(str)
    g = pd.DataFrame({"month": month, "rev": rev, "cancel": cancel, "ret": df["Quantity"] < 0,
                      "crev": rev.where(cancel, 0.0)}).groupby("month")
    monthly = []
    for m, part in g:
        monthly.append({"month": m, "rows": int(len(part)), "revenue": float(part["rev"].sum()),
                        "cancellations": int(part["cancel"].sum()), "cancellationRevenue": float(part["crev"].sum()),
                        "returns": int(part["ret"].sum())})
    out["monthly"] = monthly
    out["revenue"] = float(rev.sum())
    out["cancellations"] = int(cancel.sum())
    out["returns"] = int((df["Quantity"] < 0).sum())
    out["missingCustomer"] = int(df["CustomerID"].isna().sum())

    def top_by_revenue(col):
        grp = pd.DataFrame({"k": df[col], "rev": rev}).groupby("k")["rev"].agg(["sum", "size"])
        grp = grp.sort_values("sum", ascending=False).head(10)
        return [{"label": str(k), "revenue": float(r["sum"]), "rows": int(r["size"])} for k, r in grp.iterrows()]

    out["topCountriesByRevenue"] = top_by_revenue("Country")
    out["topProductsByRevenue"] = top_by_revenue("StockCode")

    q = df["Quantity"].to_numpy(dtype=float)
    p = df["UnitPrice"].to_numpy(dtype=float)
    out["outliers"] = {"percentile": OUTLIER_PERCENTILE, "factor": OUTLIER_FACTOR,
                       "quantity": outliers(q), "price": outliers(p)}

    pos = p[p > 0]
    cust = pd.DataFrame({"c": df["CustomerID"], "rev": rev}).dropna().groupby("c")["rev"].sum()
    mon = cust[cust > 0.005].to_numpy()  # at least a cent: tiny float residues of netted customers differ by summation order
    out["histograms"] = {
        "quantity50": hist(q, 50),
        "log10Price40": hist(np.log10(pos), 40),
        "monetaryAuto": hist(mon, "auto"),
        "log10MonetaryAuto": hist(np.log10(mon), "auto"),
    }
    return out


def cdnow():
    df = pd.read_csv(CDNOW, delim_whitespace=True, dtype={"customer_id": str, "date": str})
    return {"rows": int(len(df)),
            "columns": {c: {"missing": int(df[c].isna().sum()), "distinct": int(df[c].nunique())} for c in df.columns},
            "describe": {c: describe(df[c]) for c in ["number_of_cds", "dollar_value"]},
            "dates": {"min": df["date"].min(), "max": df["date"].max()}}


def main():
    ref = {"generator": "scripts/reference/profile_reference.py", "pandas": pd.__version__, "numpy": np.__version__,
           "uci": uci(), "cdnow": cdnow()}
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(ref, f, indent=1)
    print("wrote", OUT, os.path.getsize(OUT), "bytes")


if __name__ == "__main__":
    main()
