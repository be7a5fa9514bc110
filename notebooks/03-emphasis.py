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
# # 03 · Emphasis: where each outlet puts its weight
#
# **Question.** Where does each outlet put its weight: which themes does each report dwell on, which words set it apart from the others, and what does it say first?
#
# Reports of the same talks can open differently: one outlet with protocol (who received whom, on what kind of visit), another with what the two sides agreed, a third with another meeting altogether. This notebook measures such differences in four ways: a hand-made theme lexicon, an unsupervised topic model as a cross-check, distinctive words by weighted log-odds, and theme shares weighted towards the start of each report. The first sentences of this corpus's reports are listed under Results.
#
# Data → Method → Results → Caveats.

# %% [markdown]
# ## Parameters
# The corpus folder, where charts and tables are saved, and the knobs of the methods below. Pass them with papermill (`-p corpus_dir PATH`, and `-p pattern '*.html'` for a folder of saved web pages) to run this notebook on your own articles.

# %% tags=["parameters"]
corpus_dir = "../seeds"
pattern = "*.txt"  # which files of corpus_dir are articles: "*.html" for saved web pages
reports_dir = "../reports"
n_topics = 6  # NMF topics
top_terms = 8  # terms shown per topic
top_distinctive = 6  # distinctive terms shown per report
min_count = 2  # a distinctive term must occur at least this often in its report
lead_n = 3  # first body sentences listed per report
lead_weight = "inverse_rank"  # position weights: "inverse_rank" (1, 1/2, 1/3 ...) or "exponential"
lexicon = "general"  # theme lexicon: a name from claimcompare.emphasis.available_lexicons() or the path of your own CSV

# %%
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

import claimcompare as cc
from claimcompare import findings
from claimcompare.plots import save_figure
from claimcompare.passages import own_event, own_event_counts, set_aside_sentences
from claimcompare.emphasis import (
    distinctive_terms,
    doc_labels,
    first_statements,
    lead_emphasis,
    load_themes,
    nmf_topics,
    plot_distinctive_terms,
    plot_lead_emphasis,
    plot_theme_shares,
    sentence_themes,
    lead_findings,
    theme_findings,
    theme_shares,
    topic_theme_overlap,
)

pd.set_option("display.width", 160)
reports = Path(reports_dir)
reports.mkdir(parents=True, exist_ok=True)

# %% [markdown]
# ## Data
# All body sentences of every article in the corpus (headlines, datelines, captions and page furniture are left out; see notebook 01), grouped by document. Each document is labelled by its outlet and publication date; a file flagged as a duplicate of another is left out.
#
# An article can report another event besides the one it is compared on (`event_date`, `event_title` in `sources.csv`): a second meeting of the same trip, yesterday's talks recalled. Each sentence's event is the `event` column of the sentences table (`claimcompare.passages.passage_events`, the one home for the event of a sentence: `also_reports`, transition phrases, dates and participants named), and `claimcompare.passages.own_event` marks the sentences about their report's own event. Every analysis below uses only those, so a passage about another event never counts toward this one. What is set aside, per report (`sentences`: body sentences; `set_aside`: those about another event):

# %%
corpus = cc.load_corpus(corpus_dir, pattern=pattern)
documents = corpus.documents[corpus.documents["duplicate_of"].isna()]
every = cc.sentences_table(corpus)
every = own_event(every[every["doc_id"].isin(documents["doc_id"])], documents)
set_aside = own_event_counts(every, documents)
print(set_aside[["doc_id", "sentences", "set_aside", "other_events"]].to_string(index=False, max_colwidth=60))

# %% [markdown]
# The set-aside sentences, with the event each reports, saved as `03-emphasis-set-aside.csv`:

# %%
aside = set_aside_sentences(every)
cc.to_spreadsheet_csv(aside, reports / "03-emphasis-set-aside.csv", index=False)
if aside.empty:
    print("no sentence is set aside")
for row in aside.itertuples(index=False):
    print(f"{row.doc_id} #{row.sent_id} [{row.event}]\n    {row.text[:150]}")

# %% [markdown]
# Which reports lose which passages:

# %%
print(findings.set_aside_finding(set_aside))

# %% [markdown]
# The reports analysed, with their body sentences about their own event:

# %%
sentences = every[every["own_event"]].reset_index(drop=True)
labels = doc_labels(documents)
body = sentences[sentences["role"] == "body"]
overview = documents.set_index("doc_id")[["outlet", "published", "event_date"]].assign(
    label=labels, body_sentences=body.groupby("doc_id").size()
)
print(overview.to_string())

# %% [markdown]
# The reports compared, how much one sentence weighs in a share, and which events several outlets report (only there are differences between outlets not also differences between events):

# %%
print(findings.reports_finding(overview))

# %% [markdown]
# ## Method
# - **Theme shares.** A hand-made lexicon (the `lexicon` parameter: by default `general`, themes of international news in `claimcompare/data/themes-general.csv`; `china-central-asia` is the seeds' own; or your CSV of `theme, term[, forms]`) lists words and phrases per theme, each with its inflections written out; a body sentence *mentions* a theme when one of its terms occurs as whole words (no stemming, so "hospitality" is not "hospital"), a phrase as consecutive words, the longest match winning. A report's share for a theme is the fraction of its body sentences that mention it. A sentence that mentions two themes counts for both, so a report's shares do not add up to 100%.
# - **Topics (cross-check).** Non-negative matrix factorisation of the TF-IDF of all body sentences finds groups of words that occur together, without a lexicon; a report's share of a topic is its sentences' summed topic weights.
# - **Distinctive terms.** The weighted log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi and Quinn 2008): each report's word counts against all the other reports pooled, shrunk towards the whole corpus's frequencies; the z-score says how far a word's use departs from the rest, allowing for how often it occurs.
# - **Lead emphasis.** News writing puts what it thinks most important first. Each body sentence is weighted by its position k, 1/k for the first, second, third … sentence (`lead_weight`), and the theme shares are recomputed with these weights. Positions are counted over the sentences about the report's own event, so a report that opens with another event's passage is read from its first sentence about this one.

# %% [markdown]
# ## Results
# ### Themes each report touches on
# The theme lexicon: how many terms each theme has.

# %%
themes = load_themes(lexicon)
terms = themes.groupby("theme", sort=False).size().rename("terms")
print(terms.to_string())

# %% [markdown]
# The size of the lexicon used:

# %%
print(f"The {lexicon!r} lexicon has {len(terms)} themes with {terms.min()} to {terms.max()} terms each; "
      f"{terms.idxmax()} has the most.")

# %% [markdown]
# The share of each report's body sentences that mention each theme, in per cent (the CSV keeps fractions). The lexicon terms found in each sentence are saved beside it in `03-emphasis-sentence-themes.csv`, so every count can be checked against the text.

# %%
shares = theme_shares(sentences, themes, by=labels)
cc.to_spreadsheet_csv(shares, reports / "03-emphasis-themes.csv", index=False)
cc.to_spreadsheet_csv(sentence_themes(sentences, themes), reports / "03-emphasis-sentence-themes.csv", index=False)
wide = shares.pivot(index="theme", columns="group", values="share").reindex(themes["theme"].unique())
print((100 * wide).round(0).astype(int).to_string())

# %%
ax = plot_theme_shares(shares)
save_figure(ax, reports / "03-emphasis-themes.png")
plt.show()

# %% [markdown]
# What each report dwells on, read off the table above (each report's two most frequent themes):

# %%
print("\n".join(theme_findings(shares)))

# %% [markdown]
# ### A cross-check without the lexicon: NMF topics
# The top terms of each topic (words shown in their most frequent form; a word in more than 30% of sentences is left out, which removes the corpus's most common names and reporting verbs).

# %%
topics, doc_topic = nmf_topics(sentences, n_topics=n_topics, top_terms=top_terms, by=labels)
cc.to_spreadsheet_csv(topics, reports / "03-emphasis-topics.csv", index=False)
for topic, terms in topics.groupby("topic")["term"]:
    print(f"topic {topic}: {', '.join(terms)}")

# %% [markdown]
# A topic is a group of words that occur together; whether it has a subject is for the reader to judge from its terms. The table further below says which topics fall in a lexicon theme.

# %% [markdown]
# Each report's share of each topic, in per cent.

# %%
cc.to_spreadsheet_csv(doc_topic, reports / "03-emphasis-doc-topics.csv", index=False)
print((100 * doc_topic.pivot(index="group", columns="topic", values="share")).round(0).astype(int).to_string())

# %% [markdown]
# Which lexicon themes each topic's top terms belong to (a top term counts when it is a one-word lexicon entry).

# %%
overlap = topic_theme_overlap(topics, themes)
print(overlap.to_string(index=False))

# %% [markdown]
# Which topics the lexicon covers, and which it does not:

# %%
print(findings.topic_theme_finding(topics, overlap))

# %% [markdown]
# How to read the two tables together: a topic whose top terms fall in one theme, and whose share is high in the reports where that theme's share is high, confirms the lexicon without using its word list; a topic that matches no theme (often names and titles) shows what the lexicon does not measure.

# %% [markdown]
# ### Words that set each report apart
# The top terms of each report by z-score, among words it uses at least `min_count` times: positive z means the report uses the word more than the other reports do.

# %%
distinct = distinctive_terms(sentences, by=labels, top=top_distinctive, min_count=min_count)
cc.to_spreadsheet_csv(distinct, reports / "03-emphasis-distinctive.csv", index=False)
print(distinct.round({"delta": 2, "variance": 2, "z": 2}).to_string(index=False))

# %%
ax = plot_distinctive_terms(distinct)
save_figure(ax, reports / "03-emphasis-distinctive.png")
plt.show()

# %% [markdown]
# Each report's most distinctive term and the terms that pass |z| > 1.96. The most distinctive words are often who is speaking and to whom (names); beyond names they show each report's vocabulary. With the default prior (as strong as the corpus itself) few terms pass on short reports.

# %%
print(findings.distinctive_finding(distinct))

# %% [markdown]
# ### What each report says first
# The first `lead_n` body sentences of each report, with the themes they mention.

# %%
first = first_statements(sentences, n=lead_n, themes=themes)
cc.to_spreadsheet_csv(first, reports / "03-emphasis-first-statements.csv", index=False)
for row in first.itertuples(index=False):
    print(f"{labels[row.doc_id]} #{row.position} [{row.themes or '-'}]\n    {row.text[:150]}")

# %% [markdown]
# The themes of each report's first body sentence (a report can open with protocol, with an agreement, or with another meeting):

# %%
print(findings.opening_finding(first, labels))

# %% [markdown]
# Theme shares weighted by position (first body sentence 1, then 1/2, 1/3 …): a bar above its black tick means the theme comes earlier in the report than its overall frequency says.

# %%
lead = lead_emphasis(sentences, themes, weight=lead_weight, by=labels)
cc.to_spreadsheet_csv(lead, reports / "03-emphasis-lead.csv", index=False)
print(lead[lead["share"] > 0].round(2).to_string(index=False))

# %%
ax = plot_lead_emphasis(lead)
save_figure(ax, reports / "03-emphasis-lead.png")
plt.show()

# %% [markdown]
# Where each report's opening departs from its overall mix (a theme whose weighted share differs from its plain share by 10 points or more):

# %%
print("\n".join(lead_findings(lead)))

# %% [markdown]
# ## Caveats
# - **The lexicon is hand-made** and English-only: it sees words, not meaning. Titles count ("Defense Minister" is a defence mention, and a phrase that is part of a person's title counts as that theme), an inflection the lexicon does not list is not counted, and a theme the lexicon lacks is invisible. Every match is listed in `03-emphasis-sentence-themes.csv`.
# - **A small corpus.** On short reports one sentence moves a share by many percentage points (the figure printed under Data).
# - **Passages about another event** are set aside by `claimcompare.passages.passage_events`'s rules of form (transition phrases, dates written in the text, the participants of the events listed in `also_reports`): a passage that gives no such sign stays with the report's own event, and a report whose second event is not listed in `also_reports` keeps it unless it is about a day no listed event matches. The set-aside sentences are listed under Data. Differences between outlets are confounded with differences between events except for events reported by several outlets (also printed under Data).
# - **z-scores on short texts.** The log-odds z-scores assume independent word draws, and with a prior as large as the corpus they are small; on a few hundred words almost no term passes the usual 1.96, and the ranking depends on `min_count` (ties between words used twice are broken alphabetically).
# - **NMF topics** depend on `n_topics` and on the 30% document-frequency cut; they are a cross-check, not a measurement.
# - **Lead weights** (1/k) are a convention, not an estimate of what readers read; `lead_weight = "exponential"` gives another.
