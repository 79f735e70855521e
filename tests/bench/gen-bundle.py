#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes a deterministic, realistic-looking Myelin bundle for benchmarks.

The same --seed gives the same bytes. Articles have ~20 topics with a skewed
(Zipf-like) distribution, 2-5 topics each, dates spread over 2005-2026 and
text drawn from a Zipf-weighted vocabulary, so that some prefixes match most
articles ("people", "stud") and others very few ("remyel", "zq...").

    gen-bundle.py --articles 10000 --seed 1 --out bundle.json
"""

import argparse
import datetime
import json
import random
import sys

TOPICS = [
    "Disease-modifying therapy", "Relapses", "Fatigue", "Cognition", "MRI",
    "Progressive MS", "Risk factors", "Diet", "Exercise", "Vitamin D",
    "Pregnancy", "Mental health", "Pain", "Bladder and bowel", "Mobility",
    "Epstein-Barr virus", "Remyelination", "Stem cells", "Clinical trials",
    "Paediatric MS", "Sleep", "Vision",
]

# Common words first: they get the highest weights.
COMMON = (
    "the of and to in a people with ms that for is were was study this on as "
    "it be or by who are at from their more not have had than which these "
    "patients years treatment risk disease group found those after may also "
    "trial results over some about most less when could between other both "
    "during effect evidence brain nerve immune symptoms relapse therapy care "
    "higher lower measured researchers compared participants months weeks "
    "people's daily walking fatigue memory mood sleep pain diet exercise "
    "vitamin pregnancy children women men older younger clinic doctors "
    "nurses scans lesions myelin inflammation progression disability scores "
    "questionnaire follow-up analysis review studies trials medicines dose "
    "infection virus genes smoking weight sunlight quality life work family"
).split()

ONSETS = ["b", "br", "c", "ch", "cl", "d", "dr", "f", "fl", "g", "gr", "h",
          "j", "k", "l", "m", "n", "p", "pl", "pr", "qu", "r", "s", "sc",
          "sh", "st", "t", "th", "tr", "v", "w", "z", "zq"]
VOWELS = ["a", "e", "i", "o", "u", "ai", "ea", "io", "ou", "y"]
CODAS = ["", "", "n", "r", "s", "l", "m", "nt", "st", "x", "ck"]

DESIGNS = ["systematic review", "randomised controlled trial", "cohort study",
           "case-control study", "cross-sectional study", "meta-analysis",
           "qualitative study", "registry study"]
JOURNALS = ["Multiple Sclerosis Journal", "Neurology", "Brain", "Lancet Neurology",
            "Journal of Neurology", "MS and Related Disorders", "Annals of Neurology",
            "BMJ Open", "Frontiers in Immunology", "Cochrane Database"]
SURNAMES = ["Smith", "Garcia", "Okafor", "Nguyen", "Kowalski", "Rossi", "Larsen",
            "Haddad", "Tanaka", "Müller", "Silva", "O'Brien", "Novak", "Chen"]


def build_vocabulary(rng, size):
    words = list(COMMON)
    seen = set(words)
    while len(words) < size:
        n = rng.choice((2, 2, 3, 3, 4))
        w = "".join(rng.choice(ONSETS) + rng.choice(VOWELS) for _ in range(n)) + rng.choice(CODAS)
        if w not in seen:
            seen.add(w)
            words.append(w)
    # Zipf weights, as cumulative weights for random.choices.
    cum, total = [], 0.0
    for rank in range(len(words)):
        total += 1.0 / (rank + 1) ** 1.05
        cum.append(total)
    return words, cum


class Writer:
    def __init__(self, seed, vocab_size):
        self.rng = random.Random(seed)
        self.words, self.cum = build_vocabulary(random.Random(12345), vocab_size)
        # Topic popularity, skewed: the first is ~15 times the last.
        self.topic_cum, total = [], 0.0
        for rank in range(len(TOPICS)):
            total += 1.0 / (rank + 1) ** 0.9
            self.topic_cum.append(total)

    def words_(self, n):
        return self.rng.choices(self.words, cum_weights=self.cum, k=n)

    def sentence(self, lo, hi):
        w = self.words_(self.rng.randint(lo, hi))
        w[0] = w[0].capitalize()
        return " ".join(w) + "."

    def paragraph(self, n_words):
        out, left = [], n_words
        while left > 0:
            k = min(left, self.rng.randint(8, 22))
            out.append(self.sentence(k, k))
            left -= k
        return " ".join(out)

    def text(self, n_words, paragraphs=1):
        per = max(1, n_words // paragraphs)
        return "\n\n".join(self.paragraph(per) for _ in range(paragraphs))

    def topics(self):
        n = self.rng.randint(2, 5)
        chosen = []
        while len(chosen) < n:
            t = self.rng.choices(TOPICS, cum_weights=self.topic_cum, k=1)[0]
            if t not in chosen:
                chosen.append(t)
        return chosen

    def article(self, index, prefix, body_words):
        rng = self.rng
        day = datetime.date(2005, 1, 1) + datetime.timedelta(days=rng.randrange(22 * 365))
        title = self.sentence(6, 12)[:-1]
        # A rare marker word, for a selective search.
        if rng.random() < 0.004:
            title += " and natalizumab"
        a = {
            "id": "%s-%06d" % (prefix, index),
            "title": title,
            "published": day.isoformat(),
            "credibility": rng.randint(1, 5),
            "interest": rng.randint(1, 5),
            "teaser": self.sentence(15, 35),
            "key_takeaway": self.text(rng.randint(30, 60)),
            "what_they_found": self.text(body_words, paragraphs=rng.randint(2, 4)),
            "topics": self.topics(),
            "source": {
                "journal": rng.choice(JOURNALS),
                "title": self.sentence(8, 16)[:-1],
                "authors": ["%s %s" % (rng.choice("ABCDEFGHJKLMNPRST"), rng.choice(SURNAMES))
                            for _ in range(rng.randint(1, 6))],
                "year": day.year,
                "doi": "10.%04d/bench.%d.%d" % (rng.randint(1000, 9999), rng.randint(1, 99999), index),
                "url": "https://example.org/papers/%s-%d" % (prefix, index),
                "design": rng.choice(DESIGNS),
                "participants": rng.randint(10, 50000),
            },
        }
        if rng.random() < 0.7:
            a["who_should_care"] = self.text(rng.randint(30, 90))
        if rng.random() < 0.7:
            a["important_considerations"] = self.text(rng.randint(30, 90))
        if rng.random() < 0.3:
            upd = day + datetime.timedelta(days=rng.randint(1, 400))
            a["updated"] = upd.isoformat()
        if rng.random() < 0.5:
            a["review"] = {"ai_generated": rng.random() < 0.3,
                           "reviewed_by": "Editorial team",
                           "reviewed": day.isoformat()}
        return a


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--articles", type=int, default=10000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--id", default="org.example.bench")
    p.add_argument("--revision", type=int, default=1)
    p.add_argument("--body-words", type=int, default=200,
                   help="words in what_they_found (200 gives ~3 KB per article)")
    p.add_argument("--vocabulary", type=int, default=20000)
    p.add_argument("--out", required=True, help="the file to write, or - for stdout")
    args = p.parse_args()

    w = Writer(args.seed, args.vocabulary)
    prefix = "a%d" % args.seed
    articles = [w.article(i, prefix, args.body_words) for i in range(args.articles)]
    bundle = {
        "format": "myelin-bundle",
        "format_version": 1,
        "bundle": {
            "id": args.id,
            "title": "Benchmark bundle %d" % args.seed,
            "revision": args.revision,
            "publisher": "Myelin benchmarks (generated text)",
            "language": "en",
            "published": "2026-01-01",
        },
        "articles": articles,
    }
    text = json.dumps(bundle, ensure_ascii=False, indent=1)
    if args.out == "-":
        sys.stdout.write(text)
    else:
        with open(args.out + ".tmp", "w", encoding="utf-8") as f:
            f.write(text)
        import os
        os.replace(args.out + ".tmp", args.out)


if __name__ == "__main__":
    main()
