"""Run Python htmldate over a date benchmark folder, the way htmldate's own evaluation does.

Usage: htmldate_run.py DATASET PREDICTIONS_OUT [--fast]

DATASET is in the htmldate layout (tests/eval_*.json, pages under tests/{test_set,cache,eval}/)
or the trafilatura layout (tests/evaldata.json, pages under tests/cache/): the same two layouts
`storyline eval dates` reads. Writes `{url: "YYYY-MM-DD" | null}` (the shape
`storyline eval dates --score` scores) and prints one JSON line with the timing.

The call is upstream's (tests/comparison.py, restated in README.dates-feeds.md 1.3):
`find_date(html, original_date=True, extensive_search=True)`, no URL, so the date must come
from the HTML. The page is decoded as UTF-8, else with charset_normalizer's guess, else the raw
bytes are passed. Only the find_date call is timed (reading and decoding excluded), which is
also what storyline's `pages_per_second` measures; its CPU time is reported too.
"""

import gzip
import json
import os
import sys
import time

import htmldate
from htmldate import find_date


def load_entries(dataset):
    tests = os.path.join(dataset, "tests")
    evaldata = os.path.join(tests, "evaldata.json")
    entries = []  # (url, path or None)
    if os.path.isfile(evaldata):
        with open(evaldata, encoding="utf-8") as f:
            gold = json.load(f)
        for url, g in gold.items():
            if not g.get("date"):
                continue  # storyline scores only annotated pages; same set here
            entries.append((url, find_file(tests, ["cache"], g["file"])))
        return "trafilatura", entries
    names = sorted(n for n in os.listdir(tests) if n.startswith("eval_") and n.endswith(".json"))
    # upstream loads mediacloud first
    names.sort(key=lambda n: "mediacloud" not in n)
    for name in names:
        with open(os.path.join(tests, name), encoding="utf-8") as f:
            gold = json.load(f)  # Python's json accepts the bare NaN upstream writes
        for url, g in gold.items():
            entries.append((url, find_file(tests, ["test_set", "cache", "eval"], g["file"])))
    return "htmldate", entries


def find_file(tests, subdirs, name):
    for sub in subdirs:
        for candidate in (name + ".gz", name):
            path = os.path.join(tests, sub, candidate)
            if os.path.isfile(path):
                return path
    return None


def read_page(path):
    with open(path, "rb") as f:
        raw = f.read()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(raw).best()
        if best is not None:
            return str(best)
    except Exception:  # noqa: BLE001 - upstream falls back to the bytes on any failure
        pass
    return raw


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: htmldate_run.py DATASET PREDICTIONS_OUT [--fast]")
    dataset, out = sys.argv[1], sys.argv[2]
    extensive = "--fast" not in sys.argv[3:]
    layout, entries = load_entries(dataset)
    if not entries:
        sys.exit(f"{dataset}: no date entries found")
    predictions, spent, cpu, missing = {}, 0.0, 0.0, 0
    for url, path in entries:
        if path is None:
            missing += 1
            predictions[url] = None
            continue
        html = read_page(path)
        started, cpu_started = time.perf_counter(), time.process_time()
        try:
            date = find_date(html, original_date=True, extensive_search=extensive)
        except Exception:  # noqa: BLE001 - a crash on one page counts as no date, as upstream
            date = None
        spent += time.perf_counter() - started
        cpu += time.process_time() - cpu_started
        predictions[url] = date
    with open(out, "w", encoding="utf-8") as f:
        json.dump(predictions, f, ensure_ascii=False, indent=1)
    print(json.dumps({
        "tool": "htmldate",
        "version": htmldate.__version__,
        "mode": "extensive" if extensive else "fast",
        "layout": layout,
        "pages": len(entries),
        "missing_files": missing,
        "seconds_in_find_date": spent,
        "cpu_seconds_in_find_date": cpu,
        "pages_per_second": len(entries) / spent,
    }))


if __name__ == "__main__":
    main()
