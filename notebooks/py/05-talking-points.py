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
# # 05 · Talking points: statements that come back across meetings
#
# **Question.** Which statements come back across meetings, from whom, and when?
#
# Diplomatic reports repeat formulas from one meeting to the next. In the seeds, China's support for Tajikistan's efforts to "safeguard national sovereignty and security" is reported from Wang Yi's meeting with Rahmon on 13 July 2021, again from Wei Fenghe's on 27 July 2021 ("safeguard its sovereignty and security") and from Xi Jinping's on 5 February 2022 ("safeguard national independence, sovereignty, security"). Notebooks 02–03 compare reports of *one* meeting; this one compares reports of *different* meetings, sentence by sentence and phrase by phrase.
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
from claimcompare.embeddings import backend_description
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
# All documents of the corpus. Each is dated by the meeting it is compared on (`event_date` and `event_title` in `sources.csv`); `also_reports` lists other meetings an article covers, which this notebook does **not** use for dating (see Caveats).

# %%
corpus = cc.load_corpus(corpus_dir, pattern=pattern)
sentences = cc.sentences_table(corpus)
docs = corpus.documents.assign(body_sentences=corpus.documents["doc_id"].map(sentences[sentences["role"] == "body"].groupby("doc_id").size()))
print(docs[["doc_id", "outlet", "event_date", "event_title", "body_sentences"]].to_string(index=False, max_colwidth=50))

# %% [markdown]
# Documents of different meetings are compared pairwise; two reports of the same meeting never are (that is notebook 02's job). `doc_score` is the cosine of the two documents' word TF-IDF vectors.

# %%
pairs = cross_event_pairs(sentences, corpus.documents)
print(pairs.round(3).to_string(index=False))

# %% [markdown]
# On the seeds, the five articles report three meetings they are compared on (13 July 2021, 27 July 2021 and 5 February 2022), which gives 7 pairs: the three reports of 27 July are each paired with the 13 July and the 2022 report, and those two with each other. The most similar pair is Xinhua's reports of 13 and 27 July (document cosine 0.340).

# %% [markdown]
# ## Method
# 1. **Statements.** Every pair above is aligned with the aligner of notebook 02 (`claimcompare.align.align_corpus`): each body sentence is reduced to its claim (attribution frame removed), scored ½ TF-IDF cosine + ½ weighted overlap, and linked to its mutual best match in the other report when the score is at least `min_score`. Two penalties of the one-meeting aligner are switched off, since different meetings have different participants and a formula repeated by another speaker is still a talking point. Linked sentences are grouped into connected components (`statement_clusters`); a group spanning at least `min_events` meetings is a **talking point**, numbered by its first appearance in time. The scores are lexical whatever is installed (the line printed below says so): `min_score` 0.25 was chosen on lexical scores, and sentence embeddings rate any two statements about the same relationship as alike, which would chain different statements across meetings.
# 2. **From whom.** `speaker_of` reads the speaker named in each sentence's attribution frame ("Wei said that …", "…, he added.", pronouns resolved to the last named speaker of the same article). It is the frame speaker only, not a full attribution.
# 3. **Phrases.** Word n-grams of `phrase_min_words`–`phrase_max_words` words (lower-cased, stop words allowed inside a phrase but not at its ends, never across punctuation) found in body sentences of at least `min_events` meetings; a shorter phrase found only inside a longer listed one is dropped (`nested=False`).

# %% [markdown]
# ## Results
# ### Recurring statements
# One row per sentence in a talking point: its meeting's date, the report, the frame speaker and the sentence.

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
# On the seeds, 9 talking points (23 sentences from all five reports) pass the 0.25 threshold. Three come back at all three meetings: the opening sentence naming "Tajik President Emomali Rahmon" (P0, the reports' framing of a meeting rather than a position), China's support for Tajikistan's sovereignty and security (P2, said by Wang, Wei and Xi in turn), and the comprehensive strategic partnership (P3, in Khovar's and Xinhua's reports of 27 July and Xinhua's of 2022; its 13 July sentence is about the 30th anniversary of diplomatic ties, linked through the 2022 sentence on 30 years of ties). P5 and P6 are Rahmon's congratulations on the Communist Party's centenary and his list of cooperation fields, at 13 and 27 July. Not every link is a formula: P1 joins Khovar's "a number of issues on the international and regional agenda" to Xinhua's sentence on "issues concerning China's core interests" on the shared words *issues* and *international* (score just above 0.25).

# %% [markdown]
# How the talking points depend on the link threshold: points, sentences and reports in them, and the size of the largest point, for thresholds around `min_score`.

# %%
sensitivity = threshold_sensitivity(
    sentences, corpus.documents, min_scores=sorted({0.15, 0.2, 0.25, 0.3, 0.35, min_score}), min_events=min_events
)
print(sensitivity.to_string(index=False))

# %% [markdown]
# On the seeds, at 0.15 (the aligner's threshold for reports of one meeting) 47 sentences fall into 10 points, the largest with 10 sentences; at 0.2, 34 sentences in 9 points (largest 7); at the 0.25 used here, 23 sentences in 9 points (largest 4); at 0.3, 14 sentences in 6 points; at 0.35, 8 sentences from 2 reports in 4 points, none of them spanning three meetings. Which statements count as talking points therefore depends on this threshold: lower values chain loosely related sentences into large groups.

# %% [markdown]
# One row per talking point: how many meetings, reports and outlets it spans, first and last date, and the frame speakers.

# %%
summary = point_summary(points, corpus.documents)
cc.to_spreadsheet_csv(summary, reports / "05-talking-points-summary.csv", index=False)
print(summary.to_string(index=False, max_colwidth=45))

# %% [markdown]
# On the seeds, five of the nine talking points come from Xinhua's own reports only (`n_outlets` 1), including the sovereignty-and-security point; the comprehensive strategic partnership (P3) is the one formula of three meetings that a second outlet (NIAT Khovar) also reports. The speakers of P2 are Wang, Wei and Xi: the same Chinese position in the mouths of the foreign minister, the defence minister and the president.

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
# On the seeds, 62 phrases of two to four words come back at two meetings or more, and 11 at all three. The three-meeting list mixes names and titles ("tajik president emomali rahmon", "president xi jinping"), the reporting frame ("rahmon said"), the pandemic ("covid 19") and stock phrases ("two countries", "two sides", "work with tajikistan") with one diplomatic formula, "comprehensive strategic" / "strategic partnership" (partnership or partners). At two meetings are the formulas of the question: "three evil forces" (13 and 27 July 2021), "core interests" and "china's core interests" (13 and 27 July), "belt and road" and "political mutual trust" (13 July 2021 and 5 February 2022), "comprehensive strategic partnership" and "anti terrorism cooperation" (27 July 2021 and 5 February 2022), and "sovereignty and security" (13 and 27 July; the 2022 report lists "sovereignty, security" with a comma, which a phrase does not cross).

# %% [markdown]
# ### Talking points over time
# Each talking point is a row; a marker is a report of a meeting in which the point comes back, at the meeting's date. The CSV beside the chart holds one row per point and report.

# %%
timeline = timeline_table(points)
cc.to_spreadsheet_csv(timeline, reports / "05-talking-points-timeline.csv", index=False)
print(timeline.to_string(index=False))

# %%
ax = plot_talking_points_timeline(points)
ax.figure.savefig(reports / "05-talking-points-timeline.png", dpi=120, bbox_inches="tight")
plt.show()

# %% [markdown]
# On the seeds, every talking point starts at the 13 July 2021 meeting except P8 (support, assistance and anti-terrorism cooperation), which starts at 27 July; five points (P0, P2, P3, P4, P8) reach the February 2022 meeting. Only at 27 July, the one meeting with several reports, do two reports of the same meeting share a point (P3: Khovar and Xinhua; P8: China Daily and Xinhua).

# %% [markdown]
# ## Caveats
# - **Four meetings, five articles.** The seeds report four meetings, and only the 27 July 2021 meeting has more than one report; three meetings are the most a point can span, and one report per meeting decides whether a formula "comes back". Nothing here is a frequency over many meetings.
# - **One agency's reports.** Three of the five seed articles are Xinhua's (reprinted by gov.cn, People's Daily Online and the National Energy Administration), and they are the only reports of the 13 July 2021 and 5 February 2022 meetings. A formula that recurs within Xinhua's own reports (`n_outlets` 1 in the summary) is the agency's formula for such meetings — evidence of how Xinhua writes them up, not independent confirmation that each speaker used those words.
# - **Dating.** Each sentence is dated by its article's `event_date`. China Daily's article is mostly about Wei's meeting with Shoigu on 28 July 2021 but is compared on 27 July, so its Shoigu passage carries the 27 July date: Shoigu's "regional peace and stability" in P7, and China and Russia's "core interests" and "regional security and stability" in the phrase table, were said at a Sino-Russian meeting, not a Sino-Tajik one.
# - **Thresholds.** The talking points depend on `min_score` (0.25; see the sensitivity table) and on `min_events`. Sentence links and phrases complement each other: the 13 July "three evil forces" sentence is in no talking point at 0.25, while the phrase table finds the formula at two meetings. Phrases depend on exact words: "firm support" and "firmly supports", "sovereignty and security" and "sovereignty, security" are different phrases.
# - **Lexical similarity.** Names and titles count as shared words: the opening sentences naming Rahmon (P0) and P1's shared *issues* are links on form, not on a position. The speaker is the frame speaker only; frames the rules do not recognise ("Rahmon asked Wang to convey …", "Noting that …, Wang said …", "Hailing …, Xi said …") give none.
