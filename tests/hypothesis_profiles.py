"""Hypothesis profiles: reproducible in CI, random locally, long under ``make fuzz``.

- ``ci`` (chosen when ``CI`` is set, as ``.ci/run`` runs): ``derandomize=True`` and
  no example database, so every CI run draws the same examples and passes or
  fails the same way.
- ``dev`` (the default elsewhere): Hypothesis' random search, with its database
  under ``.hypothesis/`` so a failure found once is replayed first.
- ``fuzz`` (``make fuzz``): random search with :func:`examples` scaled by
  ``CLAIMCOMPARE_FUZZ`` (default 20 under that profile).

``HYPOTHESIS_PROFILE`` picks a profile by name, over the rule above.  Tests
write ``@settings(max_examples=examples(100), ...)`` so that the fuzz profile
can raise every test's count at once (an explicit ``max_examples`` in a
decorator would win over a profile's).
"""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
settings.register_profile("dev", print_blob=True)
settings.register_profile("fuzz", print_blob=True)

PROFILE = os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
settings.load_profile(PROFILE)

_FACTOR = int(os.environ.get("CLAIMCOMPARE_FUZZ") or (20 if PROFILE == "fuzz" else 1))


def examples(n: int) -> int:
    """``n`` examples, times the fuzz factor (1 unless ``make fuzz``)."""
    return n * _FACTOR
