"""Peak resident memory of reading an outputs folder: the index, one event, or every sentence.

Usage::

    claimcompare align CORPUS --format parquet --out-dir DIR    # the outputs folder
    python benchmarks/read_outputs.py DIR index    # claimcompare.tables.open_outputs(DIR): the index of events
    python benchmarks/read_outputs.py DIR event    # the index, then Outputs.event(first key): the event with most outlets
    python benchmarks/read_outputs.py DIR whole    # read_table(DIR/sentences) and read_table(DIR/links): every row

Prints the rows read, the wall time and the process's peak resident set size
(``resource.getrusage``), so the three can be compared in separate processes;
the baseline of an interpreter with claimcompare, pandas and pyarrow imported
is printed first.
"""

import resource
import sys
import time
from pathlib import Path


def _peak() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str]) -> int:
    folder, mode = Path(argv[0]), argv[1]
    import pyarrow.parquet  # noqa: F401  (imported before the baseline, as every mode needs it)

    from claimcompare.tables import open_outputs, read_table

    print(f"baseline (imports): peak RSS {_peak():.0f} MiB")
    t = time.perf_counter()
    if mode == "whole":
        rows = {name: len(read_table(folder / name)) for name in ("sentences", "links")}
    else:
        outputs = open_outputs(folder)
        rows = {"events": len(outputs.events)}
        if mode == "event":
            one = outputs.event(outputs.events["event"].iloc[0])
            rows.update(documents=len(one.documents), sentences=len(one.sentences), links=len(one.links), statements=len(one.statements))
    shown = ", ".join(f"{k} {v:,}" for k, v in rows.items())
    print(f"{mode}: {shown}; {time.perf_counter() - t:.1f} s, peak RSS {_peak():.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
