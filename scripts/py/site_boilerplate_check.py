"""Checks of per-site boilerplate over stored articles (`storyline articles --json
--limit 1000000`, JSON lines). Three reports:

  repeats < ARTICLES.jsonl
      per site, body paragraphs (<= 60 words; digits read as 0, case and spacing
      ignored, as the learner reads them) found in >= 3 of the site's articles: the
      total of their occurrences and each one, with its count and the site's size.
  removed BEFORE.jsonl AFTER.jsonl
      paragraphs an article's body had in BEFORE and lacks in AFTER (same article id),
      counted by site and text: what a change took out.
  events DATASET < ARTICLES.jsonl
      BCubed and pairwise F1 of the stored events against news-cluster's gold EventId
      (DATASET: the news-cluster folder; articles matched by source file name).
"""
import ast
import collections
import itertools
import json
import os
import re
import sys


def articles(stream):
    for line in stream:
        if line.strip():
            yield json.loads(line)


def paragraphs(article):
    body = article.get("body") or ""
    return body.split("\n\n") if isinstance(body, str) else body


def key(paragraph):
    words = paragraph.split()
    if not words or len(words) > 60:
        return None
    return re.sub(r"\d", "0", " ".join(words).lower())


def repeats(stream):
    by_site = collections.defaultdict(list)
    for a in articles(stream):
        by_site[a.get("site")].append(paragraphs(a))
    rows = []
    for site, bodies in by_site.items():
        counts = collections.Counter()
        for body in bodies:
            counts.update({k for k in map(key, body) if k})
        rows += [(n, len(bodies), site, k[:70]) for k, n in counts.items() if n >= 3]
    print("articles", sum(len(b) for b in by_site.values()), "sites", len(by_site))
    print("occurrences of paragraphs repeated in >= 3 articles of a site:", sum(r[0] for r in rows))
    for row in sorted(rows, reverse=True):
        print("  %3d of %3d  %-24s %s" % row)


def removed(before_path, after_path):
    def load(path):
        with open(path) as f:
            return {a["id"]: (a.get("site"), paragraphs(a)) for a in articles(f)}

    before, after = load(before_path), load(after_path)
    gone, changed, added = collections.Counter(), 0, 0
    for article_id, (site, body) in before.items():
        if article_id not in after:
            continue
        kept = set(after[article_id][1])
        lost = [p for p in body if p not in kept]
        added += len([p for p in after[article_id][1] if p not in set(body)])
        changed += bool(lost)
        for p in lost:
            gone[(site, p[:90])] += 1
    print("articles changed", changed, "paragraphs removed", sum(gone.values()), "paragraphs added", added)
    for (site, p), n in gone.most_common():
        print("  %3d  %-24s %s" % (n, site, p))


def events(dataset, stream):
    gold = {}
    for name in os.listdir(dataset):
        if name.endswith(".json"):
            with open(os.path.join(dataset, name)) as f:
                cluster = json.load(f)["newsCluster"]
            cluster = ast.literal_eval(cluster) if isinstance(cluster, str) else cluster
            gold[name] = cluster["EventId"]
    pred = {os.path.basename(a["source"]): a.get("event") or a["id"] for a in articles(stream)}
    ids = [i for i in pred if i in gold]
    gold_sets, pred_sets = collections.defaultdict(set), collections.defaultdict(set)
    for i in ids:
        gold_sets[gold[i]].add(i)
        pred_sets[pred[i]].add(i)
    both = {i: len(pred_sets[pred[i]] & gold_sets[gold[i]]) for i in ids}
    p = sum(both[i] / len(pred_sets[pred[i]]) for i in ids) / len(ids)
    r = sum(both[i] / len(gold_sets[gold[i]]) for i in ids) / len(ids)
    tp = fp = fn = 0
    for a, b in itertools.combinations(ids, 2):
        same_gold, same_pred = gold[a] == gold[b], pred[a] == pred[b]
        tp += same_gold and same_pred
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
    pp, pr = tp / (tp + fp), tp / (tp + fn)
    print("articles %d events %d  BCubed F1 %.3f (P %.3f R %.3f)  pairwise F1 %.3f (P %.3f R %.3f)"
          % (len(ids), len(pred_sets), 2 * p * r / (p + r), p, r, 2 * pp * pr / (pp + pr), pp, pr))


if __name__ == "__main__":
    mode = sys.argv[1] if len(sys.argv) > 1 else ""
    if mode == "repeats":
        repeats(sys.stdin)
    elif mode == "removed" and len(sys.argv) == 4:
        removed(sys.argv[2], sys.argv[3])
    elif mode == "events" and len(sys.argv) == 3:
        events(sys.argv[2], sys.stdin)
    else:
        sys.exit(__doc__)
