"""Peak resident memory of reading a table of articles whole or in batches.

Usage::

    python benchmarks/read_tables.py DIR/articles.parquet whole     # claimcompare.read_articles
    python benchmarks/read_tables.py DIR/articles.parquet 5000      # claimcompare.iter_article_batches(batch_size=5000)

Prints the articles read, the wall time and the process's peak resident set
size (``resource.getrusage``).  Each batch is a Corpus (cleaned into labelled
blocks), so the time is mostly cleaning.
"""

import resource
import sys
import time
import warnings

from claimcompare import iter_article_batches, read_articles


def main(argv: list[str]) -> int:
    path, mode = argv
    warnings.simplefilter("ignore")  # generated corpora repeat sentences; duplicate notes are not the point here
    t = time.perf_counter()
    if mode == "whole":
        n = len(read_articles(path))
    else:
        n = sum(len(c) for c in iter_article_batches(path, batch_size=int(mode)))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{mode}: {n} articles, {time.perf_counter() - t:.1f} s, peak RSS {peak:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
