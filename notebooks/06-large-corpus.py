# ---
# jupyter:
#   jupytext:
#     cell_metadata_filter: tags,-all
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %%

# %% [markdown]
# # 06 · A large corpus: one event at a time from the Parquet outputs
#
# **Question.** Which events of a corpus do the most outlets report, and what do the reports of one of them share, when the outputs are read one event at a time instead of every text at once?
#
# Notebooks 01–05 load the whole corpus into memory. On hundreds of thousands of articles that is too much for a JupyterLab kernel, so the alignment is run once outside the notebook (`claimcompare align CORPUS --format parquet --out-dir DIR`, with `--engine dask` when one process is not enough) and its outputs (documents, sentences, links and statements, written as Parquet partitioned by event) are read here: first an index of the events, built without reading any sentence, then the tables of one event alone. The event with the most outlets in this corpus is named under Data, and its shared statements are quoted under Results.
#
# Data → Method → Results → Caveats.

# %% [markdown]
# ## Parameters
# The corpus folder (used only when `outputs_dir` is `None`), where charts and tables are saved, the outputs folder (`None`: this notebook writes the outputs of `corpus_dir` itself, into `06-outputs/` of the reports folder), the event to read (`None`: the event with the most outlets), how many events the index shows and how many outlets make a statement "shared". Pass them with papermill (`-p outputs_dir DIR`) or edit them here to read your own outputs in JupyterLab.

# %% tags=["parameters"]
corpus_dir = "../seeds"
pattern = "*.txt"  # which files of corpus_dir are articles: "*.html" for saved web pages
reports_dir = "../reports"
outputs_dir = None  # a folder written by: claimcompare align CORPUS --format parquet --out-dir DIR
event = None
top = 10
min_outlets = 2

# %%
# %matplotlib inline
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import HTML, display

import claimcompare as cc
from claimcompare import findings
from claimcompare.aligner import DEFAULT_ALIGNER, align_with, aligner_summary
from claimcompare.plots import plot_event_sizes
from claimcompare.tables import open_outputs, write_outputs
from claimcompare.views import side_by_side_html

pd.set_option("display.width", 140)
pd.set_option("display.max_colwidth", 70)
reports = Path(reports_dir)
reports.mkdir(parents=True, exist_ok=True)

# %% [markdown]
# ## Data
# The outputs folder. When `outputs_dir` is `None`, this cell aligns `corpus_dir` as `claimcompare align` does and writes its outputs with `claimcompare.tables.write_outputs`, the function behind `--format parquet --out-dir`; this is the only cell that reads articles, and it keeps nothing of them in memory. Given an `outputs_dir`, no article is read at all.

# %%
if outputs_dir is None:
    corpus = cc.load_corpus(corpus_dir, pattern=pattern)
    sentences = cc.sentences_table(corpus)
    print("aligner: {}\nlinks: {}".format(*aligner_summary(DEFAULT_ALIGNER)))
    links = align_with(DEFAULT_ALIGNER, sentences, corpus.documents)
    outputs_dir = reports / "06-outputs"
    print(write_outputs(outputs_dir, corpus.documents, sentences, links).to_string(index=False))
    del corpus, sentences, links
else:
    print("reading the outputs in outputs_dir; no article is read")

# %% [markdown]
# The index of the events: for each event, the documents with sentences about it and their outlets (a document without an outlet counts as its own), then the rows of its partition of each table. `claimcompare.tables.open_outputs` takes the row counts from the small `_table.json` file beside each table's partitions and the documents and outlets from three columns of the `documents` table (no text); no sentence, link or statement is read. Most outlets first; the first `top` events:

# %%
outputs = open_outputs(outputs_dir)
cc.to_spreadsheet_csv(outputs.events, reports / "06-events.csv", index=False)
print(outputs.events.head(top).to_string(index=False))

# %% [markdown]
# What the outputs hold, and the events reported by the most outlets:

# %%
print(findings.outputs_index_finding(outputs.events))

# %% [markdown]
# The same index as a chart: outlets and documents of the events with the most outlets.

# %%
ax = plot_event_sizes(outputs.events, top=top)
ax.figure.savefig(reports / "06-events.png", dpi=120, bbox_inches="tight")
plt.show()

# %% [markdown]
# ## Method
# One event is read: `event`, or the first of the index (the most outlets). `Outputs.event` reads that event's partition of each table with `claimcompare.tables.read_table(folder, event=key)`: one Parquet file per table, `event=<key>/part-0.parquet`, whose folder name is the key percent-encoded; the files of the other events are never opened (`tests/test_tables.py` makes them unreadable and reads the event all the same). A `columns=` argument reads fewer columns from disk, e.g. `{"sentences": ["doc_id", "sent_id", "role"]}` to leave the text out.
#
# Below: how many rows of each table were read, and the memory the tables read take in this kernel (pandas' `memory_usage(deep=True)`, strings counted in full).

# %%
event_key = event if event is not None else outputs.events["event"].iloc[0]
one = outputs.event(event_key)
memory = one.memory_usage()
print(memory[["table", "rows"]].to_string(index=False))

# %% [markdown]
# The share of the outputs this event took, and its memory:

# %%
print(findings.event_read_finding(memory, outputs.events, one.event))

# %% [markdown]
# ## Results
# ### The reports of the event
# The documents with sentences about the event (a document whose passages report two events appears under both), with their outlet, date and sentences about this event:

# %%
shown = [c for c in ("doc_id", "outlet", "published", "n_sentences") if c in one.documents.columns]
cc.to_spreadsheet_csv(one.documents, reports / "06-event-documents.csv", index=False)
print("event:", one.event or "(no event)")
print(one.documents[shown].to_string(index=False))

# %% [markdown]
# ### The aligned statements side by side
# The links of the event (those whose first sentence is about it), as notebook 02 shows them: the words only in the left sentence on red, those only in the right sentence on green.

# %%
links = one.links.sort_values(["score", "doc_a", "sent_a", "doc_b", "sent_b"], ascending=[False, True, True, True, True], ignore_index=True)
cc.to_spreadsheet_csv(links, reports / "06-event-links.csv", index=False)
display(HTML(side_by_side_html(links, caption=f"Aligned statements: {one.event or 'no event'}")))

# %% [markdown]
# The closest pair of sentences of this event, quoted, with the words only one of them has:

# %%
print(findings.closest_link_finding(links))

# %% [markdown]
# ### Statements in at least `min_outlets` outlets
# The statements of the event (groups of linked sentences that do not chain, `claimcompare.align.statement_clusters`, computed over the whole corpus before writing) whose sentences come from at least `min_outlets` outlets, in full:

# %%
shared = one.statements[one.statements["n_outlets"] >= min_outlets]
cc.to_spreadsheet_csv(shared, reports / "06-event-statements.csv", index=False)
print(f"{shared['cluster'].nunique()} statements found in at least {min_outlets} outlets")
print(findings.statement_listing(shared))

# %% [markdown]
# How many statements reach `min_outlets` outlets, and the largest:

# %%
print(findings.shared_finding(shared, min_outlets))

# %% [markdown]
# ## Caveats
# - **What a partition holds.** A sentence is in the partition of the event its passage reports (the `event` column of the sentences table, `claimcompare.passages.passage_events`), so a report's passage about another event is read with that other event, and a document appears under every event it has sentences about. A link is in the partition of its first sentence (`doc_a`, `sent_a`): a link from a sentence about another event to a sentence of this one is read with the other event.
# - **Counts across events.** A statement's `n_outlets` counts the outlets of the whole statement, computed before the outputs were split by event; a statement whose sentences lie in two events is read in parts, one per event. Copies of one text are not merged here (notebook 02 counts source families); the outputs hold what `claimcompare align` prints.
# - **Memory.** The figure printed is what the tables of one event take in pandas, not the kernel's whole memory; it grows with the event, not with the corpus. The index grows with the number of events and documents (one row per event, three short columns per document and event).
# - **Thresholds** are those of the run that wrote the outputs (`claimcompare align --aligner`, `--min-score`); to try others, run it again into another folder. The outputs do not record them.
