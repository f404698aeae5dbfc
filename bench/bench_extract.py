"""How fast the default extractor reads reports, on one CPU core, beside spaCy's tokenizer.

Not a test: it prints figures and the machine they were measured on.

    python bench/bench_extract.py                       # dev texts + news articles
    python bench/bench_extract.py --dev path/to/dev.jsonl --limit 1000 --repeat 20

Two corpora:

(a) short incident descriptions: the ``text`` fields of Insecurity Insight's dev set
    (``../shared/data/insecurity-insight/dev.jsonl`` beside the repository by default;
    the sample reports stand in when it is absent, and the output says so);
(b) full news articles: the Aleppo report (``../shared/data/reports/``) repeated
    ``--repeat`` times, plus the sample reports in ``examples/reports``.

For each: reports/s and words/s of ``carewatch.extract`` and of a blank English spaCy
pipeline's tokenizer over the same texts (the floor no spaCy-based extractor can beat),
their ratio, and the tracemalloc peak of extracting the corpus. The first call, which
loads lexicons and the gazetteer, is timed on its own and left out of the rates.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import platform
import resource
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
DEFAULT_DEV = SHARED / "insecurity-insight" / "dev.jsonl"
ALEPPO = SHARED / "reports" / "aleppo-hospitals-2016-09-28.txt"
EXAMPLES = ROOT / "examples" / "reports"
ALEPPO_PUBLISHED = dt.date(2016, 9, 28)


@dataclass
class Corpus:
    name: str
    texts: list[str]
    published: list[dt.date | None]
    note: str = ""

    @property
    def words(self) -> int:
        return sum(len(t.split()) for t in self.texts)


@dataclass
class Timing:
    seconds: float
    reports: int
    words: int

    @property
    def reports_per_s(self) -> float:
        return self.reports / self.seconds if self.seconds else float("inf")

    @property
    def words_per_s(self) -> float:
        return self.words / self.seconds if self.seconds else float("inf")


def pin_to_one_core() -> str:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {0})
        return "pinned to CPU 0"
    return "not pinned (os.sched_setaffinity is not available here)"


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def example_documents() -> list[tuple[str, dt.date | None]]:
    """The sample reports' texts as CareWatch reads them (HTML stripped, records split)."""
    from carewatch.ingest import iter_documents
    from carewatch.model import Document

    documents = iter_documents([EXAMPLES], max_bytes=10 * 1024 * 1024)
    return [(d.text, d.published) for d in documents if isinstance(d, Document)]


def dev_corpus(path: Path, limit: int | None) -> Corpus:
    if not path.exists():
        examples = example_documents()
        return Corpus(
            "(a) short reports",
            [t for t, _ in examples],
            [p for _, p in examples],
            note=f"{path} not found: the sample reports stand in for the dev texts",
        )
    texts: list[str] = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                texts.append(json.loads(line)["text"])
            if limit is not None and len(texts) >= limit:
                break
    # The dev rows carry no publication date; their own "Month YYYY:" prefix dates them.
    return Corpus("(a) short reports", texts, [None] * len(texts), note=f"{path.name} text fields")


def news_corpus(repeat: int) -> Corpus:
    texts: list[str] = []
    published: list[dt.date | None] = []
    note = []
    if ALEPPO.exists():
        texts += [ALEPPO.read_text(encoding="utf-8")] * repeat
        published += [ALEPPO_PUBLISHED] * repeat
        note.append(f"Aleppo report x{repeat}")
    else:
        note.append(f"{ALEPPO} not found")
    examples = example_documents()
    texts += [t for t, _ in examples]
    published += [p for _, p in examples]
    note.append(f"{len(examples)} sample reports")
    return Corpus("(b) news articles", texts, published, note=", ".join(note))


def time_pass(run: Callable[[str, dt.date | None], object], corpus: Corpus) -> Timing:
    gc.collect()
    start = time.perf_counter()
    for text, published in zip(corpus.texts, corpus.published, strict=True):
        run(text, published)
    return Timing(time.perf_counter() - start, len(corpus.texts), corpus.words)


def traced_peak(run: Callable[[str, dt.date | None], object], corpus: Corpus) -> int:
    """The tracemalloc peak, in bytes, while extracting the corpus (run apart from timing)."""
    gc.collect()
    tracemalloc.start()
    for text, published in zip(corpus.texts, corpus.published, strict=True):
        run(text, published)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def peak_rss_mib() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports KiB, macOS bytes.
    return usage / (1024 * 1024) if sys.platform == "darwin" else usage / 1024


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dev", type=Path, default=DEFAULT_DEV, help="dev JSONL with 'text'")
    parser.add_argument("--limit", type=int, default=None, help="use the first N dev texts")
    parser.add_argument("--repeat", type=int, default=50, help="copies of the Aleppo report")
    parser.add_argument("--extractor", default=None, help="registered extractor name")
    parser.add_argument(
        "--no-memory", action="store_true", help="skip the (slow) tracemalloc pass"
    )
    args = parser.parse_args(argv)

    pinned = pin_to_one_core()
    import spacy

    import carewatch

    print(f"machine: {cpu_model()}; {pinned}; {os.cpu_count()} CPUs visible")
    print(
        f"python {platform.python_version()} ({platform.python_implementation()}), "
        f"spaCy {spacy.__version__}, carewatch {carewatch.__version__}, {platform.platform()}"
    )

    def extract(text: str, published: dt.date | None) -> object:
        return carewatch.extract(text, published, args.extractor)

    tokenizer = spacy.blank("en").tokenizer

    def tokenize(text: str, _published: dt.date | None) -> object:
        return tokenizer(text)

    start = time.perf_counter()
    extract(ALEPPO.read_text(encoding="utf-8") if ALEPPO.exists() else "A hospital was hit.",
            ALEPPO_PUBLISHED)
    load_s = time.perf_counter() - start
    print(f"first call (loads lexicons, gazetteer, spaCy pipeline): {load_s:.2f} s, not counted")
    print()

    for corpus in (dev_corpus(args.dev, args.limit), news_corpus(args.repeat)):
        print(f"{corpus.name}: {len(corpus.texts):,} texts, {corpus.words:,} words "
              f"({corpus.words / max(len(corpus.texts), 1):.0f} a text); {corpus.note}")
        tokenize(corpus.texts[0], None)  # warm the tokenizer's caches too
        floor = time_pass(tokenize, corpus)
        timing = time_pass(extract, corpus)
        print(f"  extractor:        {timing.reports_per_s:10,.1f} reports/s "
              f"{timing.words_per_s:12,.0f} words/s  ({timing.seconds:.2f} s)")
        print(f"  spaCy tokenizer:  {floor.reports_per_s:10,.1f} reports/s "
              f"{floor.words_per_s:12,.0f} words/s  ({floor.seconds:.2f} s)")
        print(f"  extractor time / tokenizer time: {timing.seconds / floor.seconds:.1f}x")
        if not args.no_memory:
            peak = traced_peak(extract, corpus)
            print(f"  tracemalloc peak while extracting: {peak / (1024 * 1024):.1f} MiB")
        print()
    print(f"peak RSS of the process: {peak_rss_mib():.0f} MiB")


if __name__ == "__main__":
    main()
