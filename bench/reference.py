#!/usr/bin/env python3
"""The benchmark's reference: what an analyst does today in pandas.

Reads a workforce extract (XLSX through openpyxl, or CSV), then computes
equip's profile and representation_by_grade tables from it, with the label
mappings the bench writes into spec.json (equip's own harmonisation of every
raw label in the extract, so both sides count the same categories).

    python3 reference.py SPEC.json EXTRACT.xlsx|EXTRACT.csv OUT_DIR

Writes OUT_DIR/profile.csv and OUT_DIR/representation_by_grade.csv (exact,
unsuppressed figures) and prints one JSON line: rows, read_s, compute_s.
"""

import datetime
import json
import sys
import time

import pandas as pd

NOT_KNOWN = "Not known"
MISSING = ("Prefer not to say", NOT_KNOWN)


def read(spec, path):
    """Reads the extract as an analyst would, except that labels such as
    "None" (no religion) and "N/A" stay text rather than becoming missing."""
    if path.lower().endswith(".xlsx"):
        return pd.read_excel(path, sheet_name=spec["sheet"], engine="openpyxl", keep_default_na=False)
    return pd.read_csv(path, sep=spec["csv_delimiter"], encoding=spec["csv_encoding"],
                       dtype=str, keep_default_na=False)


def labels(column):
    """A column's cells as trimmed text, blanks as ''."""
    return column.fillna("").astype(str).str.strip()


def dates(column):
    """Dates of birth: date cells, bare Excel serial numbers, or dd/mm/yyyy text."""
    if pd.api.types.is_datetime64_any_dtype(column):
        return column
    kind = column.map(type)
    out = pd.Series(pd.NaT, index=column.index, dtype="datetime64[ns]")
    is_date = kind.isin([pd.Timestamp, datetime.datetime])
    out[is_date] = pd.to_datetime(column[is_date])
    is_number = kind.isin([int, float])
    out[is_number] = pd.to_datetime(column[is_number].astype(float), unit="D", origin="1899-12-30")
    is_text = kind == str
    out[is_text] = pd.to_datetime(column[is_text].str.strip(), format="%d/%m/%Y", errors="coerce")
    return out


def age_bands(spec, dob):
    """Completed years at the snapshot, banded; 14 to 100 only, else Not known."""
    snap = pd.Timestamp(spec["snapshot"])
    before_birthday = (dob.dt.month > snap.month) | ((dob.dt.month == snap.month) & (dob.dt.day > snap.day))
    age = snap.year - dob.dt.year - before_birthday.astype("Int64")
    band = pd.Series(NOT_KNOWN, index=dob.index, dtype=object)
    valid = age.notna() & (age >= 14) & (age <= 100)
    for b in spec["age_bands"]:
        band[valid & (age >= b["lo"]) & (age < b["hi"])] = b["label"]
    return band


def categories(spec, df):
    """Every characteristic's category per person, as equip harmonises them."""
    out = {}
    for c in spec["inputs"]:
        raw = labels(df[c["column"]])
        mapped = raw.map(c["labels"])
        unknown = sorted(set(raw[mapped.isna()]))
        if unknown:
            raise SystemExit(f"reference: {c['column']}: labels missing from the spec: {unknown[:5]}")
        out[c["characteristic"]] = mapped
    for g in spec["derived"]:
        out[g["characteristic"]] = out[g["from"]].map(g["map"])
    out["age_band"] = age_bands(spec, dates(df[spec["dob_column"]]))
    return out


def profile(spec, cats):
    rows = []
    for name in spec["order"]:
        counts = cats[name].value_counts()
        total = int(counts.sum())
        declared = total - int(sum(counts.get(m, 0) for m in MISSING))
        for category, n in counts.items():
            n = int(n)
            of_declared = "" if category in MISSING or declared == 0 else 100.0 * n / declared
            rows.append((name, category, n, 100.0 * n / total, of_declared))
    return pd.DataFrame(rows, columns=["characteristic", "category", "headcount", "percent", "percent_of_declared"])


def by_grade(spec, df, cats):
    grade = labels(df[spec["grade_column"]]).replace("", NOT_KNOWN)
    grade_headcount = grade.value_counts()
    frames = []
    for name in spec["order"]:
        counts = pd.crosstab(cats[name], grade).stack().rename("headcount").reset_index()
        counts.columns = ["category", "grade", "headcount"]
        counts["grade_headcount"] = counts["grade"].map(grade_headcount)
        counts["percent_of_grade"] = 100.0 * counts["headcount"] / counts["grade_headcount"]
        counts.insert(0, "characteristic", name)
        frames.append(counts)
    return pd.concat(frames, ignore_index=True)


def main():
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    spec_path, path, out = sys.argv[1:]
    with open(spec_path, encoding="utf-8") as f:
        spec = json.load(f)
    start = time.perf_counter()
    df = read(spec, path)
    read_s = time.perf_counter() - start
    start = time.perf_counter()
    cats = categories(spec, df)
    prof = profile(spec, cats)
    grades = by_grade(spec, df, cats)
    compute_s = time.perf_counter() - start
    prof.to_csv(f"{out}/profile.csv", index=False)
    grades.to_csv(f"{out}/representation_by_grade.csv", index=False)
    print(json.dumps({"rows": len(df), "read_s": read_s, "compute_s": compute_s}))


if __name__ == "__main__":
    main()
