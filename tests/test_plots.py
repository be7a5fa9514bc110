"""Charts, tested through their Axes: labels, bar count and order."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from claimcompare.plots import plot_event_sizes  # noqa: E402


def test_plot_event_sizes_draws_the_top_events_most_outlets_first() -> None:
    events = pd.DataFrame(
        {
            "event": ["2024-03-03 Harbour deal signed", "2024-06-11 Summit", "", "2024-03-04 Port strike"],
            "documents": [4, 2, 1, 1],
            "outlets": [3, 2, 1, 1],
            "sentences": [60, 30, 10, 5],
            "links": [12, 3, 0, 0],
            "statements": [20, 6, 0, 0],
        }
    )
    ax = plot_event_sizes(events, top=3)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["2024-03-03 Harbour deal signed", "2024-06-11 Summit", "(no event)"]
    widths = [p.get_width() for p in ax.containers[0]]
    assert widths == [3, 2, 1]
    assert [p.get_width() for p in ax.containers[1]] == [4, 2, 1]
    assert ax.get_title() == "Events with the most outlets (3 of 4 events)"
    assert ax.get_xlabel() == "outlets and documents with sentences about the event"
    plt.close(ax.figure)


def test_save_figure_writes_the_same_png_every_time(tmp_path) -> None:
    from claimcompare.plots import save_figure

    ax = pd.Series([3, 1, 2], index=["a", "b", "c"]).plot.bar()
    first = save_figure(ax, tmp_path / "one.png")
    second = save_figure(ax.figure, tmp_path / "two.png")  # an Axes or its Figure
    plt.close(ax.figure)
    assert first == tmp_path / "one.png" and first.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert first.read_bytes() == second.read_bytes()
