#!/usr/bin/python3
"""The published UaiNet's round in Python/PyTorch, for a side-by-side timing with fairreview-cli.

One round as in docs/ALGORITHMS.md §3: 100 iterations, each one reconstruction batch of 256 rows
(noise 0.1) plus the class-weighted BCE of the UAI head on the labelled rows, RMSprop lr 0.01,
then every row scored again (latent code and error). Prints JSON: the median and p95 round time.
Usage: scripts/python_uainet_round.py data/shuttle.csv [--labels 300] [--rounds 20] [--threads 2]
Needs Debian's python3-torch and python3-numpy.
"""
import argparse, csv, json, time

import numpy as np
import torch


def load(path):
    with open(path) as f:
        rows = list(csv.DictReader(f))
    cols = [c for c in rows[0] if c not in ("id", "label")]
    x = np.array([[float(r[c]) for c in cols] for r in rows], dtype=np.float32)
    y = np.array([float(r["label"]) for r in rows], dtype=np.float32)
    x = (x - x.mean(0)) / (x.std(0) + 1e-8)
    return torch.from_numpy(x), torch.from_numpy(y)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("data")
    ap.add_argument("--labels", type=int, default=300)
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--threads", type=int, default=2)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    x, y = load(a.data)
    d = x.shape[1]
    enc = torch.nn.Sequential(torch.nn.Linear(d, 256), torch.nn.ReLU(), torch.nn.Linear(256, 64),
                              torch.nn.ReLU(), torch.nn.Linear(64, 8))
    dec = torch.nn.Sequential(torch.nn.Linear(8, 64), torch.nn.ReLU(), torch.nn.Linear(64, 256),
                              torch.nn.ReLU(), torch.nn.Linear(256, d))
    head = torch.nn.Linear(9, 1)
    params = list(enc.parameters()) + list(dec.parameters()) + list(head.parameters())
    opt = torch.optim.RMSprop(params, lr=0.01)
    labelled = torch.randperm(x.shape[0])[: a.labels]
    target = y[labelled]
    pos = target.sum().clamp(min=1)
    w = torch.where(target > 0, len(target) / (2 * pos), len(target) / (2 * (len(target) - pos)))
    with torch.no_grad():
        s = ((x - dec(enc(x))) ** 2).sum(1)
    times = []
    for _ in range(a.rounds):
        start = time.perf_counter()
        mean, std = s.mean(), s.std()
        ls = ((s[labelled] - mean) / std).unsqueeze(1)
        for _ in range(100):
            batch = x[torch.randint(0, x.shape[0], (256,))]
            rec = ((batch - dec(enc(batch + 0.1 * torch.randn_like(batch)))) ** 2).sum(1).mean()
            logit = head(torch.cat([enc(x[labelled]), ls], 1)).squeeze(1)
            bce = torch.nn.functional.binary_cross_entropy_with_logits(logit, target, weight=w)
            opt.zero_grad()
            (rec + bce).backward()
            opt.step()
        with torch.no_grad():
            latent = enc(x)
            s = ((x - dec(latent)) ** 2).sum(1)
        times.append(1000 * (time.perf_counter() - start))
    times.sort()
    print(json.dumps({"round_ms_p50": times[len(times) // 2],
                      "round_ms_p95": times[int(0.95 * (len(times) - 1))],
                      "rows": x.shape[0], "labels": a.labels, "threads": a.threads}))


if __name__ == "__main__":
    main()
