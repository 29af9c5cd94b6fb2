"""MinHash LSH near-duplicate detection with Python datasketch, set up as storyline's
DedupIndex is (crates/cluster/src/dedup.rs, config.rs): 3-word shingles of the lowercased
alphanumeric words of the body, 126 permutations banded 42 x 3, and every LSH candidate
verified on the shingle sets (Jaccard >= 0.5: near copy; >= 80% of the shorter text's
shingles, at least 40 of them, inside the other: contained copy), the strongest verified
earlier article winning, ties to the earliest.

Usage: datasketch_dedup.py INPUT.jsonl PAIRS_OUT.json [PERMUTATIONS.json]

PERMUTATIONS (written by `minhash_lsh --permutations`) holds storyline's permutation
parameters {"scheme": "affine32", "a": [...], "b": [...]}: datasketch 2's default scheme
(fmix32 of the 32-bit shingle hash, then a*h+b mod 2^32) with the same a and b as storyline,
so both sketch with the same permutations (each hashes shingles with its own function:
datasketch's default SHA-1, storyline's xxh3). Without it datasketch's seed-1 permutations
are used.

INPUT holds one {"id", "title", "body": [paragraphs]} per line (scripts/py/make_corpus.py),
read in file order as a stream: each article is queried against the earlier ones, then
inserted. Reading JSON is not timed; the timed part is shingling + MinHash (the sketch),
LSH query and insert, and separately the verification. Writes {id: [canonical id, kind]} for
every article found to copy an earlier one (canonical = the earliest of its chain, as
storyline reports it) and prints one JSON line with the timing.
"""

import json
import re
import sys
import time

import datasketch
import numpy as np
from datasketch import MinHash, MinHashLSH

SHINGLE_WORDS = 3
BANDS, ROWS = 42, 3
NEAR_JACCARD = 0.5
CONTAINED_MIN = 0.8
MIN_CONTAINED_SHINGLES = 40
WORD = re.compile(r"[^\W_]+")  # storyline: split on non-alphanumeric chars


def shingles(text):
    words = WORD.findall(text.lower())
    if not words:
        return set()
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words)}
    return {" ".join(words[i:i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


def verify(a, b):
    shared = len(a & b)
    jaccard = shared / (len(a) + len(b) - shared)
    if jaccard >= NEAR_JACCARD:
        return "near", jaccard
    shorter = min(len(a), len(b))
    if shorter >= MIN_CONTAINED_SHINGLES and shared / shorter >= CONTAINED_MIN:
        return "contained", shared / shorter
    return None


RANK = {"near": 1, "contained": 0}


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit("usage: datasketch_dedup.py INPUT.jsonl PAIRS_OUT.json [PERMUTATIONS.json]")
    minhash_args = {}
    if len(sys.argv) == 4:
        with open(sys.argv[3], encoding="utf-8") as f:
            p = json.load(f)
        permutations = (np.array(p["a"], dtype=np.uint32), np.array(p["b"], dtype=np.uint32))
        if len(permutations[0]) != BANDS * ROWS:
            sys.exit(f"{sys.argv[3]}: {len(permutations[0])} permutations, expected {BANDS * ROWS}")
        minhash_args = {"permutations": permutations, "scheme": p["scheme"]}
    with open(sys.argv[1], encoding="utf-8") as f:
        records = [json.loads(line) for line in f if line.strip()]
    texts = ["\n\n".join(r["body"]) for r in records]

    lsh = MinHashLSH(num_perm=BANDS * ROWS, params=(BANDS, ROWS))
    sets, canonical, found = [], [], {}
    t_lsh = t_verify = 0.0
    candidates_total = 0
    started = time.perf_counter()
    for i, text in enumerate(texts):
        t0 = time.perf_counter()
        s = shingles(text)
        sets.append(s)
        canonical.append(i)
        if not s:  # storyline indexes an article with no words by id only
            t_lsh += time.perf_counter() - t0
            continue
        m = MinHash(num_perm=BANDS * ROWS, **minhash_args)
        m.update_batch([x.encode("utf-8") for x in s])
        candidates = lsh.query(m)
        lsh.insert(i, m)
        t1 = time.perf_counter()
        t_lsh += t1 - t0
        candidates_total += len(candidates)
        best = None
        for other in sorted(candidates):
            v = verify(s, sets[other])
            if v is None:
                continue
            kind, score = v
            if best is None or (RANK[kind], score) > (RANK[best[1]], best[2]):
                best = (other, kind, score)
        if best is not None:
            canonical[i] = canonical[best[0]]
            found[records[i]["id"]] = [records[canonical[i]]["id"], best[1]]
        t_verify += time.perf_counter() - t1
    total = time.perf_counter() - started
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        json.dump(found, f, indent=0, sort_keys=True)
    n = len(records)
    print(json.dumps({
        "tool": "datasketch",
        "version": datasketch.__version__,
        "docs": n,
        "permutations": "storyline" if minhash_args else "datasketch seed 1",
        "copies": len(found),
        "lsh_candidates": candidates_total,
        "seconds_sketch_index_query": t_lsh,
        "seconds_verify": t_verify,
        "seconds_total": total,
        "docs_per_second": n / t_lsh,
        "docs_per_second_with_verify": n / total,
    }))


if __name__ == "__main__":
    main()
