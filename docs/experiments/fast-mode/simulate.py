#!/usr/bin/env python3
"""Could a trafilatura-free fast path reach issue 10's quality bars? Offline answer.

Reads the four runs `run` writes into OUT (the full pipeline, the fast prototype, and the
prototype's two candidates alone: readability and the content-rules container), each as
`--predictions` (bodies) and `--pages` (per-page scores), and prints:
  - a cascade: take the fast reading when its two candidates agree (4-word-shingle Dice
    >= tau), otherwise fall back to the full pipeline; F1 and the share of pages that fall
    back, per tau;
  - oracles on the trafilatura set: per page the best of a pool of readings with the gold
    known (the most a per-page choice among them could give).
Usage: simulate.py OUT
"""
import json
import re
import sys

out = sys.argv[1]
SETS = ["scrapinghub", "trafilatura"]
RUNS = ["full", "fast", "r", "c"]


def load(run, dataset):
    bodies = json.load(open(f"{out}/{run}-{dataset}.json"))
    pages = {}
    for line in open(f"{out}/{run}-{dataset}.jsonl"):
        row = json.loads(line)
        pages[row["id"]] = row
    return bodies, pages


def shingles(text):
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i:i + 4]) for i in range(max(0, len(words) - 3))}


def dice(a, b):
    a, b = shingles(a), shingles(b)
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def f1(p, r):
    return 2 * p * r / (p + r) if p + r else 0.0


def score(dataset, pages, choice, ids):
    """The set's own F1 over each page's chosen run: ScrapingHub averages precision and
    recall over pages; the trafilatura set sums snippet counts."""
    if dataset == "scrapinghub":
        p = sum(pages[choice(i)][i]["precision"] for i in ids) / len(ids)
        r = sum(pages[choice(i)][i]["recall"] for i in ids) / len(ids)
        return f1(p, r)
    c = {k: sum(pages[choice(i)][i]["counts"][k] for i in ids) for k in ("tp", "fp", "fn")}
    return f1(c["tp"] / (c["tp"] + c["fp"]), c["tp"] / (c["tp"] + c["fn"]))


for dataset in SETS:
    runs = {run: load(run, dataset) for run in RUNS}
    pages = {run: runs[run][1] for run in RUNS}
    ids = list(pages["full"])

    def body(run, i):
        return runs[run][0].get(i, {}).get("articleBody", "")

    agreement = {i: dice(body("r", i), body("c", i)) for i in ids}
    print(f"== {dataset}: cascade (fast reading when readability and container agree)")
    for tau in (0.0, 0.5, 0.7, 0.8, 0.9, 0.95, 1.01):
        choice = lambda i, tau=tau: "fast" if agreement[i] >= tau else "full"
        falls_back = sum(choice(i) == "full" for i in ids) / len(ids)
        print(f"  tau {tau:4}: falls back on {falls_back:.0%} of pages, F1 {score(dataset, pages, choice, ids):.4f}")
    if dataset != "trafilatura":
        continue
    print(f"== {dataset}: oracles (per page the best reading of the pool, gold known)")
    for pool in (["fast"], ["r", "c"], ["full"], ["r", "c", "full"]):
        def best(i, pool=pool):
            net = lambda run: (lambda c: c["tp"] - c["fp"] - c["fn"])(pages[run][i]["counts"])
            return max(pool, key=net)
        print(f"  {'+'.join(pool):10} F1 {score(dataset, pages, best, ids):.4f}")
