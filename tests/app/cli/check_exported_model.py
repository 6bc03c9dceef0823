#!/usr/bin/python3
"""Loads a module written by `fairreview-cli export-model` with Python's torch and checks its
outputs against FairReview's own for the same rows (the --reference CSV: id, x0.., score,
probability, latent0..), and that model.json describes the same input width and outputs.

Usage: check_exported_model.py model.pt reference.csv model.json [--tolerance 1e-4]
Prints the worst differences as JSON; exits 1 when one is over the tolerance (|a - b| over
max(1, |b|): relative for large values, absolute for small ones). Needs Debian's python3-torch.
"""
import argparse
import csv
import json
import math
import sys

import torch


def read_reference(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    x_cols = [i for i, name in enumerate(header) if name.startswith("x")]
    latent_cols = [i for i, name in enumerate(header) if name.startswith("latent")]
    column = {name: i for i, name in enumerate(header)}

    def floats(indices):
        return torch.tensor([[float(r[i]) for i in indices] for r in body], dtype=torch.float32)

    return (floats(x_cols), floats([column["score"]]).squeeze(1),
            floats([column["probability"]]).squeeze(1), floats(latent_cols))


def worst(actual, expected):
    """The worst scaled difference; NaN matches NaN only."""
    both_nan = torch.isnan(actual) & torch.isnan(expected)
    diff = (actual.double() - expected.double()).abs()
    diff = torch.where(both_nan, torch.zeros_like(diff), diff)
    diff = torch.where(torch.isnan(diff), torch.full_like(diff, math.inf), diff)
    scaled = diff / expected.double().abs().clamp(min=1.0).nan_to_num(1.0)
    return float(diff.max()), float(scaled.max())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("module")
    parser.add_argument("reference")
    parser.add_argument("model_json")
    parser.add_argument("--tolerance", type=float, default=1e-4)
    args = parser.parse_args()
    torch.set_num_threads(2)
    description = json.load(open(args.model_json))
    x, score, probability, latent = read_reference(args.reference)
    problems = []
    if description["input"]["width"] != x.shape[1]:
        problems.append("model.json width %s, reference rows have %d columns"
                        % (description["input"]["width"], x.shape[1]))
    if description["preprocessing"]["width"] != x.shape[1]:
        problems.append("preprocessing width differs from the rows")
    module = torch.jit.load(args.module)
    with torch.no_grad():
        got_score, got_probability, got_latent = module(x)
    report = {"rows": int(x.shape[0]), "tolerance": args.tolerance}
    for name, got, want in (("score", got_score, score), ("probability", got_probability,
                            probability), ("latent", got_latent, latent)):
        if got.shape != want.shape:
            problems.append("%s: shape %s, expected %s" % (name, list(got.shape), list(want.shape)))
            continue
        max_abs, max_scaled = worst(got, want)
        report[name] = {"max_abs": max_abs, "max_scaled": max_scaled}
        if not max_scaled <= args.tolerance:
            problems.append("%s differs by %g (scaled)" % (name, max_scaled))
    has_probability = description["outputs"]["has_probability"]
    if has_probability == bool(torch.isnan(got_probability).all()):
        problems.append("has_probability is %s but the probabilities say otherwise" % has_probability)
    report["problems"] = problems
    print(json.dumps(report))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
