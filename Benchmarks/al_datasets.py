#!/usr/bin/env python3
"""Writes scikit-learn's bundled digits, wine and breast-cancer datasets as CSV files for the
active-learning lab (`sweep al --data DIR/digits.csv`). Nothing is downloaded: the three ship
inside scikit-learn.

Usage: python3 Benchmarks/al_datasets.py [--out Benchmarks/out/al-data]

Each file has a header row (f0, f1, ..., label) and one row per sample; `label` is the class.
Features are written ready to use, because the lab uses features as given:
- digits.csv: the 8x8 pixel counts divided by 16 (so in [0, 1]), 1,797 rows, 10 classes;
- wine.csv and breast_cancer.csv: each column min-max scaled to [0, 1] over the whole file
  (178 rows, 3 classes; 569 rows, 2 classes).
"""
import argparse
import csv
import os

from sklearn.datasets import load_breast_cancer, load_digits, load_wine


def write(path, X, y):
    with open(path, "w", newline="") as f:
        out = csv.writer(f)
        out.writerow([f"f{j}" for j in range(X.shape[1])] + ["label"])
        for row, label in zip(X, y):
            out.writerow([repr(float(v)) for v in row] + [int(label)])


def min_max(X):
    low, high = X.min(axis=0), X.max(axis=0)
    span = high - low
    span[span == 0] = 1
    return (X - low) / span


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "out", "al-data"))
    a = p.parse_args()
    os.makedirs(a.out, exist_ok=True)
    X, y = load_digits(return_X_y=True)
    write(os.path.join(a.out, "digits.csv"), X / 16.0, y)
    X, y = load_wine(return_X_y=True)
    write(os.path.join(a.out, "wine.csv"), min_max(X), y)
    X, y = load_breast_cancer(return_X_y=True)
    write(os.path.join(a.out, "breast_cancer.csv"), min_max(X), y)
    print(a.out)


if __name__ == "__main__":
    main()
