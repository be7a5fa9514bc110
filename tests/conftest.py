"""Shared test set-up, and the nbval hook (loaded with ``-p tests.conftest`` by ``make nbval``)."""

import os

import matplotlib

matplotlib.use("Agg")
# The library's default backend is "auto" (hybrid when the embeddings extra is
# installed).  Tests and nbval compare against lexical results, so they pin the
# lexical backend whatever is installed; embedding tests pass encoders explicitly.
os.environ["CLAIMCOMPARE_SEMANTIC"] = "off"


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: slower tests (seconds); run with the rest by make test")
    config.addinivalue_line("markers", "browser: headless Chromium tests (tests/test_browser.py); make browser runs them, make unit leaves them out")


def pytest_collectstart(collector):
    """Compare notebook outputs by their text: DataFrames' HTML carries styling that is not the result."""
    path = getattr(collector, "path", None)
    if path is not None and path.suffix == ".ipynb":
        collector.skip_compare += ("text/html", "application/javascript")
