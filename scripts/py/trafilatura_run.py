"""Run Python trafilatura over an extraction benchmark folder with the benchmark's own settings.

Usage: trafilatura_run.py DATASET PREDICTIONS_OUT

DATASET is in the ScrapingHub layout (ground-truth.json, html/<id>.html.gz) or the trafilatura
layout (tests/evaldata.json, pages under tests/cache/), the two layouts
`storyline eval extraction` reads. Writes `{id: {"articleBody": text | null}}`, the shape
`storyline eval extraction --score` scores, and prints one JSON line with the timing.

Settings, as README.extraction.md restates them:
- ScrapingHub: the page is gunzipped and decoded as UTF-8 to a str, then
  `extract(html, output_format="txt", include_comments=False)`, the rest at its defaults
  (the settings of the benchmark's stored trafilatura run).
- trafilatura set: `extract(html_bytes, fast=False, include_comments=False,
  include_tables=True, include_formatting=False)` (upstream's "standard" runner).
Single process, single thread. Timed: the extract call alone (reading excluded), as wall
time and as this process's CPU time (steadier on a shared machine); the loop including
reading and gunzip is reported too.
"""

import gzip
import json
import os
import sys
import time

import trafilatura
from trafilatura import extract


def read_bytes(path):
    with open(path, "rb") as f:
        raw = f.read()
    return gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw


def scrapinghub_pages(dataset):
    with open(os.path.join(dataset, "ground-truth.json"), encoding="utf-8") as f:
        truth = json.load(f)
    for page_id in truth:
        path = os.path.join(dataset, "html", page_id + ".html.gz")
        yield page_id, path


def trafilatura_pages(dataset):
    with open(os.path.join(dataset, "tests", "evaldata.json"), encoding="utf-8") as f:
        gold = json.load(f)
    for page_id, entry in gold.items():
        base = os.path.join(dataset, "tests", "cache", entry["file"])
        yield page_id, base + ".gz" if os.path.isfile(base + ".gz") else base


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: trafilatura_run.py DATASET PREDICTIONS_OUT")
    dataset, out = sys.argv[1], sys.argv[2]
    if os.path.isfile(os.path.join(dataset, "ground-truth.json")):
        layout, pages = "scrapinghub", list(scrapinghub_pages(dataset))

        def run(raw):
            html = raw.decode("utf-8", errors="replace")
            return extract(html, output_format="txt", include_comments=False)

    elif os.path.isfile(os.path.join(dataset, "tests", "evaldata.json")):
        layout, pages = "trafilatura", list(trafilatura_pages(dataset))

        def run(raw):
            return extract(raw, fast=False, include_comments=False, include_tables=True,
                           include_formatting=False)

    else:
        sys.exit(f"{dataset}: neither ground-truth.json nor tests/evaldata.json found")

    predictions, in_extract, cpu_in_extract, errors = {}, 0.0, 0.0, 0
    loop_started = time.perf_counter()
    for page_id, path in pages:
        try:
            raw = read_bytes(path)
        except OSError as e:
            print(f"{path}: {e}", file=sys.stderr)
            predictions[page_id] = {"articleBody": None}
            errors += 1
            continue
        started, cpu_started = time.perf_counter(), time.process_time()
        try:
            text = run(raw)
        except Exception as e:  # noqa: BLE001 - one bad page must not stop the run
            print(f"{path}: {e!r}", file=sys.stderr)
            text, errors = None, errors + 1
        in_extract += time.perf_counter() - started
        cpu_in_extract += time.process_time() - cpu_started
        predictions[page_id] = {"articleBody": text}
    loop = time.perf_counter() - loop_started
    with open(out, "w", encoding="utf-8") as f:
        json.dump(predictions, f, ensure_ascii=False)
    print(json.dumps({
        "tool": "trafilatura",
        "version": trafilatura.__version__,
        "layout": layout,
        "pages": len(pages),
        "errors": errors,
        "seconds_in_extract": in_extract,
        "seconds_loop": loop,
        "cpu_seconds_in_extract": cpu_in_extract,
        "pages_per_second": len(pages) / in_extract,
        "pages_per_second_loop": len(pages) / loop,
    }))


if __name__ == "__main__":
    main()
