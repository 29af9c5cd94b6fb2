"""Build the JSON Lines inputs of the dedup and streaming-clustering benchmarks from the
shared corpora (standard library only).

  make_corpus.py dedup  DATA_ROOT OUT.jsonl
      BBC full text (2,225 files, category/name order) then Reuters-21578 (21,578 stories,
      file order), unchanged: the input both storyline and datasketch deduplicate.
  make_corpus.py stream DATA_ROOT OUT.jsonl N [SEED]
      N articles in publication order, built from Reuters-21578, BBC and Timeline17: each
      base article is repeated 1-6 times over a few days with edits (5% of words replaced,
      a paragraph sometimes dropped, one or two Timeline17 sentences added), about 100
      articles a day, so a stream of 100,000 spans about 1,000 days.

  make_corpus.py t17-events DATA_ROOT OUT_DIR
      Timeline17's articles (4,588 with a title line and a body) as one JSON file each in
      news-cluster's layout, each topic (bpoil, LibyaWar, H1N1, ...) as its
      newsCluster.EventId: a check of event clustering on long-running stories, whose gold
      is coarser than an event (`events_errors OUT_DIR`).

One record per line: {"id", "title", "body": [paragraphs], "date": "YYYY-MM-DD", "site"}.
Paragraphs are the source's lines (as storyline's eval loaders split them).
"""

import datetime as dt
import gzip
import json
import os
import random
import sys

MONTHS = {m: i + 1 for i, m in enumerate(
    "JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split())}


def paragraphs(text):
    return [p.strip() for p in text.split("\n") if p.strip()]


def bbc(root):
    out = []
    for category in ["business", "entertainment", "politics", "sport", "tech"]:
        folder = os.path.join(root, "bbc", category)
        for name in sorted(n for n in os.listdir(folder) if n.endswith(".txt")):
            with open(os.path.join(folder, name), "rb") as f:
                text = f.read().decode("utf-8", errors="replace")
            lines = text.split("\n")
            out.append({"id": f"bbc/{category}/{name}", "title": lines[0].strip(),
                        "body": paragraphs("\n".join(lines[1:])), "date": "2005-01-01",
                        "site": "bbc.co.uk"})
    return out


def reuters(root):
    out = []
    with gzip.open(os.path.join(root, "reuters", "reuters21578.jsonl.gz"), "rt",
                   encoding="utf-8") as f:
        for n, line in enumerate(f):
            r = json.loads(line)
            day, mon, year = r["date"].split()[0].split("-")
            date = dt.date(int(year), MONTHS[mon.upper()], int(day)).isoformat()
            out.append({"id": f"reuters/{r['id']}", "title": (r.get("title") or "").strip(),
                        "body": paragraphs(r.get("body") or ""), "date": date,
                        "site": "reuters.com"})
    return out


def t17(root):
    out = []
    base = os.path.join(root, "t17")
    for folder in sorted(os.listdir(base)):
        docs = os.path.join(base, folder, "InputDocs")
        if not os.path.isdir(docs):
            continue
        for day in sorted(os.listdir(docs)):
            for name in sorted(os.listdir(os.path.join(docs, day))):
                with open(os.path.join(docs, day, name), encoding="utf-8") as f:
                    sentences = paragraphs(f.read())
                if len(sentences) < 2:
                    continue
                out.append({"id": f"t17/{folder}/{day}/{name}", "title": sentences[0],
                            "body": sentences[1:], "date": day,
                            "site": folder.split("_", 1)[1]})
    return out


def edit(record, rng, vocabulary, sentences):
    body = list(record["body"])
    if len(body) > 3 and rng.random() < 0.3:
        del body[rng.randrange(len(body))]
    edited = []
    for p in body:
        words = p.split()
        for i in range(len(words)):
            if rng.random() < 0.05:
                words[i] = rng.choice(vocabulary)
        edited.append(" ".join(words))
    for _ in range(rng.randint(1, 2)):
        edited.insert(rng.randint(0, len(edited)), rng.choice(sentences))
    return record["title"], edited


def stream(root, n, seed):
    rng = random.Random(seed)
    pool = [r for r in reuters(root) if sum(len(p.split()) for p in r["body"]) >= 20]
    pool += bbc(root)
    t17_docs = t17(root)
    pool += t17_docs
    sentences = [s for d in t17_docs for s in d["body"] if 8 <= len(s.split()) <= 40]
    vocabulary = sorted({w for s in sentences[:20000] for w in s.split() if w.isalpha()})
    days = max(1, n // 100)
    start = dt.date(2000, 1, 1)
    items = []
    order = list(range(len(pool)))
    while len(items) < n:
        rng.shuffle(order)
        for i in order:
            first = rng.randrange(days)
            for _ in range(rng.randint(1, 6)):
                items.append((first + rng.randint(0, 5), len(items), i))
            if len(items) >= n:
                break
    items = sorted(items[:n])
    with open(sys.argv[3], "w", encoding="utf-8") as out:
        for k, (day, _, i) in enumerate(items):
            title, body = edit(pool[i], rng, vocabulary, sentences)
            out.write(json.dumps({"id": f"gen/{k}", "title": title, "body": body,
                                  "date": (start + dt.timedelta(days=day)).isoformat(),
                                  "site": pool[i]["site"]}) + "\n")


def t17_events(root, out_dir):
    os.makedirs(out_dir, exist_ok=True)
    for i, d in enumerate(t17(root)):
        topic = d["id"].split("/")[1].split("_")[0]
        record = {"title": d["title"], "text": "\n".join(d["body"]),
                  "date_publish": d["date"] + "T00:00:00", "source_domain": d["site"],
                  "newsCluster": {"EventId": topic}}
        with open(os.path.join(out_dir, f"{i:05d}.json"), "w", encoding="utf-8") as f:
            json.dump(record, f)


def main():
    if len(sys.argv) < 4 or sys.argv[1] not in ("dedup", "stream", "t17-events"):
        sys.exit(__doc__)
    root = sys.argv[2]
    if sys.argv[1] == "t17-events":
        t17_events(root, sys.argv[3])
        return
    if sys.argv[1] == "dedup":
        records = bbc(root) + reuters(root)
        with open(sys.argv[3], "w", encoding="utf-8") as out:
            for r in records:
                out.write(json.dumps(r) + "\n")
    else:
        n = int(sys.argv[4]) if len(sys.argv) > 4 else sys.exit(__doc__)
        stream(root, n, int(sys.argv[5]) if len(sys.argv) > 5 else 13)


if __name__ == "__main__":
    main()
