"""How far can any reader of the text agree with the coded weapon and perpetrator type?

The evaluation scores our weapon and perpetrator type against Insecurity Insight's codes.
The coders often knew more than the one-line description says (the country's war, the
organisation's own records), and they did not always code the same words the same way.
This script measures that ceiling on the label-1 rows of the coded file, two ways:

1. **Identical wording.** Rows whose descriptions are the same once the date prefix,
   digits, case and punctuation are set aside ("A health worker was injured.") are read
   alike by any extractor, so the share of the most common code in each such group bounds
   what any reading of the text can score there; the pairwise agreement is how often two
   such rows were coded alike.
2. **A learner given the codes** (needs scikit-learn, not a dependency of CareWatch): a
   linear classifier trained on four fifths of the rows and scored on the fifth it did not
   see, five times over. It reads word and character n-grams of the text, the *coded*
   country (which the extractor is never given) and our extractor's own answers, so it can
   learn the coders' habits where the text is silent.

Both are printed beside the extractor's accuracy on the same rows (the same measure as
``carewatch evaluate``).

    python bench/coding_ceiling.py [FILE] [--folds 5] [--no-learner]
"""

from __future__ import annotations

import argparse
import collections
import itertools
import json
import re
import sys
import time
from pathlib import Path
from typing import Any

import carewatch
from carewatch.evaluate import predicted_perpetrator_type, predicted_weapon, repair_export_text
from carewatch.evaluate_mapping import mapped_categories

DEFAULT = Path(__file__).resolve().parents[2] / "shared/data/insecurity-insight/dev.jsonl"
FIELDS = ("weapon", "perpetrator_type")
_DATE_PREFIX = re.compile(r"^[^:.]{0,40}\d{4}\s*[:.]\s*")


def wording(text: str) -> str:
    """The description with what differs between copies of one template set aside."""
    text = _DATE_PREFIX.sub("", repair_export_text(text)).lower()
    return re.sub(r"\W+", " ", re.sub(r"\d+", "#", text)).strip()


def load(path: str) -> list[dict[str, Any]]:
    rows = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            row = json.loads(line)
            if row.get("label_health_attack") != 1:
                continue
            extraction = carewatch.extract(repair_export_text(row["text"]), published=None)
            row["_ours"] = {
                "weapon": predicted_weapon(extraction),
                "perpetrator_type": predicted_perpetrator_type(extraction),
            }
            row["_gold"] = {f: mapped_categories(f, row.get(f)) for f in FIELDS}
            rows.append(row)
    return rows


def identical_wording(rows: list[dict[str, Any]], field: str) -> dict[str, float | int]:
    groups: dict[str, list[tuple[str, ...]]] = collections.defaultdict(list)
    for row in rows:
        if row["_gold"][field]:
            groups[wording(row["text"])].append(row["_gold"][field])
    shared = [codes for codes in groups.values() if len(codes) > 1]
    pairs = agreeing = best = members = 0
    for codes in shared:
        for a, b in itertools.combinations(codes, 2):
            pairs += 1
            agreeing += bool(set(a) & set(b))
        # The best single answer for the group: the category most of its rows accept.
        accepted = collections.Counter(c for row_codes in codes for c in set(row_codes))
        best += accepted.most_common(1)[0][1]
        members += len(codes)
    return {
        "groups": len(shared),
        "rows": members,
        "pairwise_agreement": agreeing / pairs if pairs else 0.0,
        "best_any_reader": best / members if members else 0.0,
    }


def ours(rows: list[dict[str, Any]], field: str) -> tuple[float, int]:
    scored = [r for r in rows if r["_gold"][field]]
    right = sum(r["_ours"][field] in r["_gold"][field] for r in scored)
    return right / len(scored), len(scored)


def learner(rows: list[dict[str, Any]], field: str, folds: int) -> float:
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import KFold

    scored = [r for r in rows if r["_gold"][field]]
    texts = [wording(r["text"]) for r in scored]
    facts = [
        " ".join(f"{k}={v}" for k, v in (*r["_ours"].items(), ("country", r.get("iso3"))))
        for r in scored
    ]
    target = [r["_gold"][field][0] for r in scored]
    right = 0
    for train, test in KFold(folds, shuffle=True, random_state=0).split(scored):
        views = (
            (TfidfVectorizer(token_pattern=r"\S+", lowercase=False), facts, 3.0),
            (TfidfVectorizer(ngram_range=(1, 3), min_df=2, sublinear_tf=True), texts, 1.0),
            (TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), min_df=3,
                             sublinear_tf=True), texts, 1.0),
        )
        fit = hstack([v.fit_transform([d[i] for i in train]) * w for v, d, w in views])
        held = hstack([v.transform([d[i] for i in test]) * w for v, d, w in views])
        model = LogisticRegression(C=2, max_iter=3000).fit(fit.tocsr(), [target[i] for i in train])
        for i, guess in zip(test, model.predict(held.tocsr()), strict=True):
            right += guess in scored[i]["_gold"][field]
    return right / len(scored)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", nargs="?", default=str(DEFAULT))
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--no-learner", action="store_true")
    args = parser.parse_args()
    if not Path(args.file).exists():
        sys.exit(f"{args.file}: no such file (the coded data lives in ../shared beside the repo)")

    started = time.perf_counter()
    rows = load(args.file)
    print(f"{len(rows)} label-1 rows of {args.file}, extracted in "
          f"{time.perf_counter() - started:.0f} s")
    try:
        import sklearn  # noqa: F401
    except ImportError:
        if not args.no_learner:
            print("scikit-learn is not installed: the learner is skipped "
                  "(pip install scikit-learn to run it)")
        args.no_learner = True
    for field in FIELDS:
        accuracy, n = ours(rows, field)
        same = identical_wording(rows, field)
        print(f"\n{field} (n {n})")
        print(f"  CareWatch extractor accuracy            {accuracy:.3f}")
        print(f"  identical wording: {same['groups']} groups, {same['rows']} rows")
        print(f"    two such rows coded alike             {same['pairwise_agreement']:.3f}")
        print(f"    best any reader of the text can score {same['best_any_reader']:.3f}")
        print(f"    CareWatch on those rows               "
              f"{_on_identical(rows, field):.3f}")
        if not args.no_learner:
            print(f"  learner given the codes and the coded country, "
                  f"{args.folds}-fold: {learner(rows, field, args.folds):.3f}")


def _on_identical(rows: list[dict[str, Any]], field: str) -> float:
    counts = collections.Counter(wording(r["text"]) for r in rows if r["_gold"][field])
    shared = [r for r in rows if r["_gold"][field] and counts[wording(r["text"])] > 1]
    return sum(r["_ours"][field] in r["_gold"][field] for r in shared) / max(len(shared), 1)


if __name__ == "__main__":
    main()
