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
# # 05 · Talking points: statements that come back across events
#
# **Question.** Which statements come back across events (meetings, briefings, visits), from whom, and when?
#
# Reports of diplomacy repeat formulas from one meeting to the next, sometimes in the mouths of different officials of one government. Notebooks 02–03 compare reports of *one* event; this one compares reports of *different* events, sentence by sentence and phrase by phrase. The talking point of this corpus that comes back at the most events is quoted under Results.
#
# Data → Method → Results → Caveats.

# %% [markdown]
# ## Parameters
# The corpus folder, where charts and tables are saved, and the thresholds: the lowest link score between two sentences of different meetings, the fewest meetings a talking point or phrase must come back in, and the phrase lengths in words. Pass them with papermill (`-p corpus_dir PATH`, and `-p pattern '*.html'` for a folder of saved web pages) to run this notebook on your own articles.

# %% tags=["parameters"]
corpus_dir = "../seeds"
pattern = "*.txt"  # which files of corpus_dir are articles: "*.html" for saved web pages
reports_dir = "../reports"
min_score = 0.25
min_events = 2
phrase_min_words = 2
phrase_max_words = 4

# %%
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

import claimcompare as cc
from claimcompare import findings
from claimcompare.plots import save_figure
from claimcompare.copies import document_copies, source_families
from claimcompare.embeddings import backend_description
from claimcompare.corpus import load_event_sentences
from claimcompare.talking import (
    cross_event_pairs,
    plot_talking_points_timeline,
    point_summary,
    recurring_phrases,
    recurring_statements,
    speaker_of,
    threshold_sensitivity,
    timeline_table,
)

pd.set_option("display.width", 160)
reports = Path(reports_dir)
reports.mkdir(parents=True, exist_ok=True)

# %% [markdown]
# ## Data
# All documents of the corpus, with their sentences table (notebook 01) and each sentence's event marked (below), from `claimcompare.corpus.load_event_sentences`. Each is compared on one meeting (`event_date` and `event_title` in `sources.csv`); `also_reports` lists other meetings an article covers.

# %%
data = load_event_sentences(corpus_dir, pattern=pattern)
corpus, sentences, marked = data.corpus, data.sentences, data.marked
print(data.documents[["doc_id", "outlet", "event_date", "event_title", "body_sentences"]].to_string(index=False, max_colwidth=50))

# %% [markdown]
# A sentence counts toward the event its passage reports, not its document's: the `event` column of the sentences table (`claimcompare.passages.passage_events`, the one home for the event of a sentence, from `also_reports`, transition phrases, dates and participants named). A passage about a second meeting is dated by that meeting, so a statement is never said to come back at a meeting where it was not made; a passage about a day no listed event matches cannot be placed in time and is left out. Per report (`sentences`: body sentences; `set_aside`: those counted toward another event or left out), then sentence by sentence (saved as `05-talking-points-passages.csv`):

# %%
print(data.counts[["doc_id", "sentences", "set_aside", "other_events"]].to_string(index=False, max_colwidth=60))
elsewhere = data.set_aside
cc.to_spreadsheet_csv(elsewhere, reports / "05-talking-points-passages.csv", index=False)
print()
print(elsewhere.to_string(index=False, max_colwidth=60) if len(elsewhere) else "every body sentence counts toward its report's own event")

# %% [markdown]
# Which sentences count toward another event than their report's:

# %%
print(findings.passage_events_finding(marked))

# %% [markdown]
# Documents of different meetings are compared pairwise; two reports of the same meeting never are (that is notebook 02's job). `doc_score` is the cosine of the two documents' word TF-IDF vectors.

# %%
pairs = cross_event_pairs(sentences, corpus.documents)
print(pairs.round(3).to_string(index=False))

# %% [markdown]
# How many events the articles are compared on, how many pairs of reports that gives, and the closest pair:

# %%
print(findings.cross_event_pairs_finding(pairs, corpus.documents))

# %% [markdown]
# ## Method
# 1. **Statements.** Every pair above is aligned with the aligner of notebook 02 (`claimcompare.align.align_corpus`): each body sentence is reduced to its claim (attribution frame removed), scored ½ TF-IDF cosine + ½ weighted overlap, and linked to its mutual best match in the other report when the score is at least `min_score`. Two penalties of the one-meeting aligner are switched off, since different meetings have different participants and a formula repeated by another speaker is still a talking point. Each sentence counts toward its passage's meeting (above); a link between two sentences of the same meeting (a report's passage about a second meeting and a report of that meeting) is dropped. Linked sentences are grouped into statements that do not chain (`statement_clusters`: group-average linkage, at least half the sentence pairs of a group linked, one sentence per report); a group spanning at least `min_events` meetings is a **talking point**, numbered by its first appearance in time. The scores are lexical whatever is installed (the line printed below says so): `min_score` 0.25 was chosen on lexical scores, and sentence embeddings rate any two statements about the same relationship as alike, which would chain different statements across meetings.
# 2. **From whom.** `speaker_of` gives each sentence its speaker by the rules of `claimcompare.attribution`, the same speaker notebook 04 shows and the aligner compares: the person or group a reporting verb ("Berg said that …", "…, he added."), "according to" or a participial frame gives it to, pronouns and descriptions resolved to the last person named earlier in the same article; blank for the outlet's own voice.
# 3. **Phrases.** Word n-grams of `phrase_min_words`–`phrase_max_words` words (lower-cased, stop words allowed inside a phrase but not at its ends, never across punctuation) found in body sentences of at least `min_events` meetings (each sentence counted toward its passage's meeting); a shorter phrase found only inside a longer listed one is dropped (`nested=False`).

# %% [markdown]
# ## Results
# ### Recurring statements
# One row per sentence in a talking point: its meeting's date, the report, the speaker and the sentence.

# %%
print("backend:", backend_description(None))
points = speaker_of(
    recurring_statements(sentences, corpus.documents, min_score=min_score, min_events=min_events, semantic="off"), sentences
)
cc.to_spreadsheet_csv(points, reports / "05-talking-points-statements.csv", index=False)
print(f"{points['point'].nunique()} talking points, {len(points)} sentences, from {points['doc_id'].nunique()} reports")
print(
    points[["point", "event_date", "doc_id", "speaker", "text"]]
    .rename(columns={"event_date": "date", "doc_id": "report"})
    .to_string(index=False, max_colwidth=110)
)

# %% [markdown]
# How many talking points pass the threshold, which come back at the most events, and the widest quoted at its first and last report. Not every link is a formula: a point can join two sentences on a few shared words or on names and titles (see Caveats), so read its sentences above before quoting it.

# %%
print(findings.talking_points_finding(points, point_summary(points, corpus.documents), min_score))

# %% [markdown]
# How the talking points depend on the link threshold: points, sentences and reports in them, and the size of the largest point, for thresholds around `min_score`.

# %%
sensitivity = threshold_sensitivity(
    sentences, corpus.documents, min_scores=sorted({0.15, 0.2, 0.25, 0.3, 0.35, min_score}), min_events=min_events
)
print(sensitivity.to_string(index=False))

# %% [markdown]
# How the counts move with the threshold. Which statements count as talking points depends on it: lower values chain loosely related sentences into large groups.

# %%
print(findings.talking_threshold_finding(sensitivity, min_score))

# %% [markdown]
# One row per talking point: how many meetings, reports and outlets it spans, first and last date, and the speakers. `n_families` counts its reports with copies of one text (a wire story and its reprints: `claimcompare.copies.source_families`, by shared word shingles) counted once, so an outlet that reprints another's report does not count as an independent source.

# %%
families = source_families(corpus.documents, document_copies(sentences))
summary = point_summary(points, corpus.documents, families=families)
cc.to_spreadsheet_csv(summary, reports / "05-talking-points-summary.csv", index=False)
print(summary.to_string(index=False, max_colwidth=45))

# %% [markdown]
# Which talking points come from one outlet's reports only (that outlet's formula for such events, see Caveats) and which span several outlets; which are given to several speakers (the same position in different mouths); and which are carried in part by copies of one text (fewer source families than reports):

# %%
print(findings.point_sources_finding(summary))

# %% [markdown]
# ### Recurring phrases
# Word sequences found at several meetings, most meetings first; `example` is the earliest sentence with the phrase.

# %%
phrases = recurring_phrases(
    sentences, corpus.documents, n=(phrase_min_words, phrase_max_words), min_events=min_events, nested=False
)
cc.to_spreadsheet_csv(phrases, reports / "05-talking-points-phrases.csv", index=False)
print(f"{len(phrases)} phrases at {min_events} meetings or more; {int((phrases['n_events'] >= 3).sum())} at 3 or more")
print(phrases.to_string(index=False, max_colwidth=60))

# %% [markdown]
# How many phrases come back, and those found at the most events. Such lists mix names and titles, reporting frames and stock phrases with the formulas the question is about; the CSV keeps every phrase with an example sentence.

# %%
print(findings.phrases_finding(phrases, min_events))

# %% [markdown]
# ### Talking points over time
# Each talking point is a row; a marker is a report of a meeting in which the point comes back, at the meeting's date. The CSV beside the chart holds one row per point and report.

# %%
timeline = timeline_table(points)
cc.to_spreadsheet_csv(timeline, reports / "05-talking-points-timeline.csv", index=False)
print(timeline.to_string(index=False))

# %%
ax = plot_talking_points_timeline(points)
save_figure(ax, reports / "05-talking-points-timeline.png")
plt.show()

# %% [markdown]
# Where the talking points start, which reach the latest event, and where two reports of one event carry the same point:

# %%
print(findings.timeline_finding(timeline))

# %% [markdown]
# ## Caveats
# - **Few events, few reports.** A point can span at most as many events as the corpus has (counted above), and where an event has one report, that report alone decides whether a formula "comes back". Nothing here is a frequency over many events.
# - **One outlet's reports.** A formula that recurs within one outlet's own reports (`n_outlets` 1 in the summary) is that outlet's formula for such events — evidence of how it writes them up, not independent confirmation that each speaker used those words.
# - **Dating.** Each sentence is dated by its passage's event, found by `claimcompare.passages.passage_events`'s rules of form (transition phrases, dates in the text, the participants of the events in `also_reports`). A passage that gives no such sign is dated by its article's event, and a second meeting not listed in `also_reports` is recognised only when the passage writes a day no listed event has (it is then left out).
# - **Thresholds.** The talking points depend on `min_score` (default 0.25; see the sensitivity table) and on `min_events`. Sentence links and phrases complement each other: a formula inside a sentence that links to nothing can still appear in the phrase table. Phrases depend on exact words: "firm support" and "firmly supports", "sovereignty and security" and "sovereignty, security" are different phrases.
# - **Lexical similarity.** Names and titles count as shared words: opening sentences that name the same person link on form, not on a position. The speaker comes from rules of form (`claimcompare.attribution`, scored against a hand-made gold in notebook 04): a sentence whose frame the rules do not recognise is the outlet's (blank), and a sentence that continues someone's statement without a frame is too.
