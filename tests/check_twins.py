"""Check that each notebook's py:percent twin, ``NAME.py`` beside it, matches it (CI step; `make sync` fixes)."""

import sys
from pathlib import Path

import jupytext


def main(paths: list[str]) -> int:
    bad = 0
    for nb_path in map(Path, paths):
        twin = nb_path.with_suffix(".py")
        expected = jupytext.writes(jupytext.read(nb_path), fmt="py:percent")
        if not twin.exists():
            print(f"{nb_path}: no jupytext twin {twin}; run make sync")
            bad += 1
        elif twin.read_text(encoding="utf-8") != expected:
            print(f"{nb_path}: twin {twin} is out of sync; run make sync")
            bad += 1
    print(f"twins: {len(paths) - bad} of {len(paths)} in sync")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
