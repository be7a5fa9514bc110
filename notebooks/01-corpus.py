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

# %% [markdown]
# # 01 · The corpus: what the captures contain and what cleaning set aside
#
# **Question.** Before comparing outlets statement by statement, what is in each captured article — and how much of each file is the article at all?
#
# A web capture is more than its article: a reprint can end with lines of copyright and registration notices, a page can open with menu words, a "Print" link and a stamp that fuses a date with the editor's name. claimcompare labels such parts **by their form** — never by the outlet's name — keeps every character, and records why each span was set aside. The first span set aside in this corpus is printed as an example in the Data section.
#
# Data → Method → Results → Caveats.

# %% [markdown]
# ## Parameters
# The corpus folder and where charts and tables are saved. Change them (or pass them with papermill: `-p corpus_dir PATH`, and `-p pattern '*.html'` for a folder of saved web pages) to run this notebook on your own articles.

# %% tags=["parameters"]
corpus_dir = "../seeds"
pattern = "*.txt"  # which files of corpus_dir are articles: "*.html" for saved web pages
reports_dir = "../reports"

# %%
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

import claimcompare as cc
from claimcompare import findings
from claimcompare.corpus import events_table
from claimcompare.plots import plot_event_timeline, plot_role_chars, plot_sentence_counts, role_chars, save_figure, sentence_counts

pd.set_option("display.width", 140)
pd.set_option("display.max_colwidth", 70)
pd.set_option("display.max_rows", 80)
reports = Path(reports_dir)
reports.mkdir(parents=True, exist_ok=True)

# %% [markdown]
# ## Data
# One row per article: `sources.csv` in the corpus folder supplies outlet, site and the event reported; without it, ids come from file names and the title and date from the text.

# %%
corpus = cc.load_corpus(corpus_dir, pattern=pattern)
example = corpus.removed().head(1)
for r in example.itertuples(index=False):
    print(f"For example, {r.doc_id} [{r.start}:{r.end}] was set aside as {r.role}: {r.text[:80]!r}")
corpus.documents[["doc_id", "outlet", "site", "published", "event_date", "n_chars"]]

# %% [markdown]
# ### A timeline of the events
# The events the articles report, by date: the event each article is compared on (`event_date`, `event_title`) and the other events it also covers (`also_reports`).

# %%
events = events_table(corpus.documents)
cc.to_spreadsheet_csv(events, reports / "01-corpus-events.csv", index=False)
print(events.to_string(index=False, max_colwidth=70))

# %%
ax = plot_event_timeline(events)
save_figure(ax, reports / "01-corpus-events.png")
plt.show()

# %% [markdown]
# How many events the articles report, and which of them more than one article reports: only those can be compared across outlets (notebook 02).

# %%
print(findings.events_finding(events, n_documents=len(corpus.documents)))

# %% [markdown]
# ## Method
# Each file is cut into paragraphs, and each paragraph gets a role from its form: a short line without sentence punctuation is navigation, a line with `©` or "All rights reserved" is a copyright notice, a short line carrying a date or clock time is a stamp, a paragraph ending in a bracketed credit such as "(Agency/Name)" is a photo caption, the capitalised place-date-agency prefix before a dash is the dateline, and so on (`claimcompare.clean` documents each rule). Only `body` sentences are aligned later; every other span is kept and listed with its reason.

# %% [markdown]
# ## Results
# ### How much of each file is article
# Characters of each capture by role.

# %%
chars = role_chars(corpus.blocks)
cc.to_spreadsheet_csv(chars, reports / "01-corpus-role-chars.csv")
share = (chars["body"] / chars.sum(axis=1)).round(2).rename("body share")
print(chars.assign(total=chars.sum(axis=1)).join(share).to_string())

# %%
ax = plot_role_chars(corpus.blocks)
save_figure(ax, reports / "01-corpus-role-chars.png")
plt.show()

# %% [markdown]
# The lowest and highest share of article body, and which capture carries the most of each other part:

# %%
print(findings.body_share_finding(chars))

# %% [markdown]
# ### What cleaning set aside, and why
# Every span that is not article body, with the rule that labelled it. The text is still in the file at `[start:end]`; nothing was deleted.

# %%
removed = corpus.removed()
cc.to_spreadsheet_csv(removed, reports / "01-corpus-removed.csv", index=False)
print(removed.groupby("role").size().rename("spans").to_string())

# %%
print(removed[["doc_id", "role", "start", "end", "text"]].to_string(index=False, max_colwidth=60))

# %% [markdown]
# Which kinds of furniture are most frequent. A `footer` span is labelled by its position after the article's end (an editor line, a closing notice), not by its form alone: such text could otherwise pass for body.

# %%
print(findings.removed_finding(removed))

# %% [markdown]
# ### Sentences per article
# The sentences table has one row per sentence with its document, paragraph, character offsets into the original file and role.

# %%
sentences = cc.sentences_table(corpus)
counts = sentence_counts(sentences)
cc.to_spreadsheet_csv(counts, reports / "01-corpus-sentence-counts.csv")
print(counts.to_string())

# %%
ax = plot_sentence_counts(sentences)
save_figure(ax, reports / "01-corpus-sentence-counts.png")
plt.show()

# %% [markdown]
# Which article is longest in body sentences. An article that also reports another event (`also_reports` in `sources.csv`, listed in the timeline above) counts the sentences of both events here; notebook 02 finds such passages from the names in the text.

# %%
print(findings.sentence_count_finding(counts))

# %% [markdown]
# Every offset leads back to the file: the first body sentence of each article, re-read from disk at its offsets. `read_article` decodes a file as `load_corpus` did (UTF-8 with line ends kept, or the fallback it announced above), so this holds for CRLF and Windows-1252 files too.

# %%
first_body = sentences[sentences["role"] == "body"].groupby("doc_id").head(1)
files = corpus.documents.set_index("doc_id")["file"]
for row in first_body.itertuples(index=False):
    raw = cc.read_article(Path(corpus_dir) / files[row.doc_id])
    assert raw[row.start : row.end] == row.text
    print(f"{row.doc_id} [{row.start}:{row.end}] {row.text[:80]}")

# %% [markdown]
# ## Caveats
# - Roles come from rules of form tuned on news pages in English; a page laid out differently (a caption without a credit, a headline ending in a full stop) can be labelled as body. The removed-spans table above is the place to check.
# - The headline is the first title-like line before the body; a site's section name of three words or more before it would be taken for the headline.
# - Offsets index the file's decoded text (UTF-8, or the fallback announced when it was read; a byte-order mark dropped, line ends kept), not its bytes; `read_article` gives that text back.
