#!/usr/bin/env python3
"""Offline check of a learned join decision for event clustering (issue 13).

Reads the table written by
    ./target/release/examples/events_errors ../shared/data/news-cluster pairs > pairs.tsv
(one row per article and per earlier *gold* event sharing text: similarity parts and
whether it is the article's own event) and simulates each article's decision against the
gold events so far (an oracle setting: no earlier mistakes): join the best-scoring event
when its score passes the cut, else open a new one. Compares storyline's hand formula
(events.rs: text blend + 0.25 title + 0.15 entities, over 1.4) at several thresholds with
a logistic regression (IRLS, L2 = 1) over the same parts plus time gap and event size,
cross-validated in 5 folds by gold event (weights fitted on 4/5 of the events, decisions
scored on the other fifth). Plain Python, no numpy.

Usage: scripts/py/events_join_cv.py pairs.tsv
"""
import csv
import math
import random
import sys
from collections import defaultdict

FEATURES = sys.argv[2].split(",") if len(sys.argv) > 2 else ["text_max", "text_top3", "title_max", "ent_max", "centroid_text", "lgap", "undated", "lsize"]


def load(path):
    rows = []
    with open(path) as f:
        lines = [l for l in f if not l.startswith("pairwise")]
    for r in csv.DictReader(lines, delimiter="\t"):
        for k in ["text_max", "text_top3", "title_max", "ent_max", "centroid_text"]:
            r[k] = float(r[k])
        r["gap"], r["size"], r["label"] = int(r["gap"]), int(r["size"]), int(r["label"])
        rows.append(r)
    return rows


def hand(r):
    text = 0.5 * r["text_max"] + 0.5 * r["text_top3"]
    return (text + 0.25 * r["title_max"] + 0.15 * r["ent_max"]) / 1.4


def fx(r):
    d = dict(r)
    d["lgap"] = math.log1p(r["gap"]) if r["gap"] >= 0 else 0.0
    d["undated"] = 1.0 if r["gap"] < 0 else 0.0
    d["lsize"] = math.log(r["size"])
    return [1.0] + [d[f] for f in FEATURES]


def solve(a, b):
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        for r in range(n):
            if r != c:
                f = m[r][c] / m[c][c]
                for k in range(c, n + 1):
                    m[r][k] -= f * m[c][k]
    return [m[i][n] / m[i][i] for i in range(n)]


def fit(rows, l2=1.0):
    xs = [fx(r) for r in rows]
    ys = [r["label"] for r in rows]
    d = len(xs[0])
    w = [0.0] * d
    for _ in range(30):
        h = [[0.0] * d for _ in range(d)]
        g = [0.0] * d
        for x, t in zip(xs, ys):
            z = sum(a * b for a, b in zip(w, x))
            p = 1 / (1 + math.exp(-max(-30, min(30, z))))
            s = p * (1 - p)
            for j in range(d):
                g[j] += (p - t) * x[j]
                for k in range(d):
                    h[j][k] += s * x[j] * x[k]
        for j in range(1, d):
            g[j] += l2 * w[j]
            h[j][j] += l2
        step = solve(h, g)
        w = [a - b for a, b in zip(w, step)]
        if max(abs(s) for s in step) < 1e-6:
            break
    return w


def decide(by_art, arts, score, cut):
    """(merges into another event, wrong joins, splits) over `arts`."""
    merge = wrong = split = 0
    for a in arts:
        rs = by_art[a]
        best = max(rs, key=score)
        own = any(r["label"] for r in rs)
        if score(best) >= cut:
            if not best["label"]:
                if own:
                    wrong += 1
                else:
                    merge += 1
        elif own:
            split += 1
    return merge, wrong, split


def main():
    rows = load(sys.argv[1])
    by_art = defaultdict(list)
    for r in rows:
        by_art[int(r["art"])].append(r)
    arts = sorted(by_art)
    for cut in (0.12, 0.13, 0.14, 0.15, 0.16):
        m, w, s = decide(by_art, arts, hand, cut)
        print(f"hand formula, threshold {cut}: {m + w + s} wrong decisions (merge {m}, wrong join {w}, split {s})")
    golds = sorted({r["gold"] for r in rows})
    random.seed(1)
    random.shuffle(golds)
    fold = {g: i % 5 for i, g in enumerate(golds)}
    gold_of = {a: by_art[a][0]["gold"] for a in arts}
    weights = [fit([r for r in rows if fold[r["gold"]] != k]) for k in range(5)]
    for cut in (-3.0, -2.5, -2.0, -1.5, -1.0, 0.0):
        total = [0, 0, 0]
        for k in range(5):
            w = weights[k]
            sc = lambda r, w=w: sum(a * b for a, b in zip(w, fx(r)))
            held = [a for a in arts if fold[gold_of[a]] == k]
            total = [x + y for x, y in zip(total, decide(by_art, held, sc, cut))]
        m, w, s = total
        print(f"logistic, 5-fold by event, logit cut {cut}: {m + w + s} wrong decisions (merge {m}, wrong join {w}, split {s})")
    print("weights on all:", [round(x, 2) for x in fit(rows)], "for [bias] +", FEATURES)


if __name__ == "__main__":
    main()
