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
# # 04 · Attribution: who is said to say what
#
# **Question.** Who is said to say what in each report, and do the outlets attribute the same statement to the same speaker?
#
# A report of a meeting mixes voices: named people, the participants speaking jointly, and the outlet narrating. One outlet ends a sentence with "**he added**", where "he" is the person named two sentences earlier; another reports the same words as "**[name] said** …"; a third gives sentences to "**the officials**" or "**they**", and others to no one at all. This notebook gives every body sentence one speaker, by rules of form, and compares the speakers of statements that the aligner links across outlets; the examples of this corpus are in the tables below.
#
# Data → Method → Results → Caveats.

# %% [markdown]
# ## Parameters
# The corpus folder, where charts and tables are saved and the hand-made gold file of speakers (used only when its documents are in the corpus). Pass them with papermill (`-p corpus_dir PATH`, and `-p pattern '*.html'` for a folder of saved web pages) to run this notebook on your own articles.

# %% tags=["parameters"]
corpus_dir = "../seeds"
pattern = "*.txt"  # which files of corpus_dir are articles: "*.html" for saved web pages
reports_dir = "../reports"
gold_path = "../tests/gold/speakers-2021-07-27.csv"

# %%
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

import claimcompare as cc
from claimcompare import findings
from claimcompare.plots import save_figure
from claimcompare.aligner import Aligner, aligner_summary
from claimcompare.corpus import load_event_sentences
from claimcompare.attribution import (
    attribute_speakers,
    attribution_agreement,
    compare_to_gold,
    load_speaker_gold,
    plot_speaker_shares,
    score_attribution,
    speaker_shares,
)

pd.set_option("display.width", 140)
reports = Path(reports_dir)
reports.mkdir(parents=True, exist_ok=True)

# %% [markdown]
# ## Data
# The corpus and its sentences table (notebook 01), with each sentence's event marked (below), all from `claimcompare.corpus.load_event_sentences`; only `body` sentences get a speaker, so headlines, datelines and captions are left out.

# %%
data = load_event_sentences(corpus_dir, pattern=pattern)
corpus, sentences, marked = data.corpus, data.sentences, data.marked
print(data.documents.set_index("doc_id")[["outlet", "event_date", "body_sentences"]].to_string())

# %% [markdown]
# An article can report another event besides the one it is compared on. Each sentence's event is the `event` column of the sentences table (`claimcompare.passages.passage_events`, the one home for the event of a sentence), and `claimcompare.passages.own_event` marks the sentences about their report's own event: the results below (whose voice fills each report, whether outlets give a statement to the same speaker) count only those. Speakers are still read over the whole article, since a "he" needs the sentences before it. What is set aside, per report (`sentences`: body sentences; `set_aside`: those about another event), then sentence by sentence (saved as `04-attribution-set-aside.csv`):

# %%
set_aside, aside = data.counts, data.set_aside
print(set_aside[["doc_id", "sentences", "set_aside", "other_events"]].to_string(index=False, max_colwidth=60))
cc.to_spreadsheet_csv(aside, reports / "04-attribution-set-aside.csv", index=False)
print()
print(aside.to_string(index=False, max_colwidth=60) if len(aside) else "no sentence is set aside")

# %% [markdown]
# Which reports lose which passages:

# %%
print(findings.set_aside_finding(set_aside))

# %% [markdown]
# ## Method
# `attribute_speakers` reads each article in order and applies rules of form, the first that fits deciding (the module docstring of `claimcompare.attribution` lists them in full):
#
# 1. a **reporting verb** (said, stressed, noted, added, urged, called on, told, expressed, agreed, thanked, …) with a subject before it; a trailing frame (", he added.", ", Berg said on Tuesday …") frames the whole sentence and wins over a subject at its start;
# 2. **"according to X"**;
# 3. a **participle** (", saying that …", ", adding that …") gives the sentence to the main clause's subject;
# 4. otherwise the **outlet's own voice**.
#
# The subject is then typed. *He*, *she* and definite descriptions ("the president", "the Chinese official") take the last person named as the subject of a reporting verb or of a narrated action in the same article. "They", "the two sides", "the officials" and pairs ("X and Y agreed") are the group **two sides**. A name loses its titles and takes the form the article also uses alone ("Finance Minister Anna Berg" → "Berg" when the article also writes "Berg"). No rule knows a person or an outlet: names come from capitalised words.

# %%
speakers = attribute_speakers(sentences)
table = speakers.merge(sentences[["doc_id", "sent_id", "text"]], on=["doc_id", "sent_id"])
cc.to_spreadsheet_csv(table, reports / "04-attribution-speakers.csv", index=False)
print(table[["doc_id", "sent_id", "speaker_type", "speaker", "cue", "text"]].to_string(index=False, max_colwidth=48))

# %% [markdown]
# How the speakers were found, over all body sentences (the `cue` column above shows the words that decided each one):

# %%
print(findings.speaker_kinds_finding(speakers))

# %% [markdown]
# ## Results
# ### Whose voice fills each report
# Share of each report's body sentences about its own event by speaker.

# %%
own_keys = marked.loc[marked["own_event"], ["doc_id", "sent_id"]]
own_speakers = speakers.merge(own_keys, on=["doc_id", "sent_id"])
shares = speaker_shares(own_speakers, corpus.documents)
cc.to_spreadsheet_csv(shares, reports / "04-attribution-shares.csv", index=False)
print(shares.assign(share=shares["share"].round(2)).to_string(index=False))

# %%
ax = plot_speaker_shares(shares)
save_figure(ax, reports / "04-attribution-shares.png")
plt.show()

# %% [markdown]
# Each report's main voice, and how many of its sentences are the outlet's own narration (a report made almost entirely of reported speech has few):

# %%
print(findings.speaker_shares_finding(shares))

# %% [markdown]
# ### Do the outlets give the same statement to the same speaker?
# The statements compared are the aligned sentence pairs (the learned aligner of notebook 02, `claimcompare.aligner.Aligner` with its defaults, fitted on the whole corpus) between reports of the event with the most documents, both sentences about that event; for each pair, the two speakers and whether they agree (same type and, for persons, a shared name word).

# %%
events = corpus.event_of().dropna()
if len(events):
    sizes = events.value_counts()
    event = sorted(sizes.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    event_docs = sorted(events[events == event].index)
else:  # no sources.csv: every document
    event, event_docs = "(all documents)", sorted(corpus.documents["doc_id"])
aligner = Aligner().fit(sentences, corpus.documents)
method, thresholds = aligner_summary("learned", min_score=aligner.threshold_)
print("aligner:", method)
print("links:", thresholds)
alignment = aligner.align()
alignment = alignment[alignment["doc_a"].isin(event_docs) & alignment["doc_b"].isin(event_docs)]
own = set(zip(own_keys["doc_id"], own_keys["sent_id"]))
both_own = [(a, sa) in own and (b, sb) in own for a, sa, b, sb in alignment[["doc_a", "sent_a", "doc_b", "sent_b"]].itertuples(index=False)]
alignment = alignment[both_own]  # only statements of the passages about the event compared
agreement = attribution_agreement(alignment, speakers)
cc.to_spreadsheet_csv(agreement, reports / "04-attribution-agreement.csv", index=False)
print(f"event: {event}")
print(f"documents: {', '.join(event_docs)}")
print(f"aligned pairs: {len(agreement)}, same speaker: {int(agreement['same'].sum())}, different: {int((~agreement['same']).sum())}")

# %% [markdown]
# Every aligned pair, with the speaker each outlet gives it.

# %%
cols = ["doc_a", "sent_a", "speaker_a", "doc_b", "sent_b", "speaker_b", "score", "same"]
print(agreement[cols].assign(score=agreement["score"].round(3)).to_string(index=False))

# %% [markdown]
# The disagreements, with both sentences.

# %%
different = agreement[~agreement["same"]]
for row in different.itertuples(index=False):
    print(f"{row.doc_a} #{row.sent_a} [{row.speaker_type_a}: {row.speaker_a}]  {row.text_a}")
    print(f"{row.doc_b} #{row.sent_b} [{row.speaker_type_b}: {row.speaker_b}]  {row.text_b}")
    print()

# %% [markdown]
# How many aligned pairs have the same speaker on both sides, and which differ. A difference is either a real difference of attribution (one outlet narrates what another attributes, or gives the words to another person) or a doubtful link between two different statements: read both sentences above before calling it either. Any two groups count as the same speaker, so pairs that agree only as groups are counted apart. The counts depend on the aligner's threshold (printed above with the aligner).

# %%
print(findings.speaker_agreement_finding(agreement))

# %% [markdown]
# ### Accuracy against the hand-made gold
# A hand-made gold file (`gold_path`) gives body sentences of some reports a speaker, by character offsets. A sentence counts as correct when the speaker type matches and, for persons, the names share a word. The gold is used only when its documents are in the corpus.

# %%
gold_file = Path(gold_path)
gold = load_speaker_gold(gold_file) if gold_file.is_file() else None
if gold is not None and set(gold["doc_id"]) <= set(corpus.documents["doc_id"]):
    scores = score_attribution(speakers, sentences, gold)
    print(f"accuracy {scores['accuracy']:.3f} ({scores['correct']} of {scores['total']} gold sentences)")
    check = compare_to_gold(speakers, sentences, gold)
    wrong = check[~check["correct"]]
    print(wrong[["doc_id", "sent_id", "gold_type", "gold_speaker", "speaker_type", "speaker", "text"]].to_string(index=False, max_colwidth=60))
else:
    scores, wrong = None, None
    print("gold speakers not scored: the gold file is missing or its documents are not in this corpus")

# %% [markdown]
# How many gold sentences the rules get right, what one sentence weighs, and the kinds of misses (gold type → type given). Misses between the outlet and a group are often a matter of convention: the rules give sentences that only report the topics of talks ("They discussed …") to the participants, while an annotator may give them to the outlet; and an unframed sentence that continues a speaker's point is the outlet's for the rules, which make no inference across sentences.

# %%
print(findings.speaker_accuracy_finding(scores, wrong))

# %% [markdown]
# ## Caveats
# - Rules of form over English news prose, no parser: a subject with lowercase words inside it that the rules do not know, a relative clause ("…, which he said …") or a quotation running over several sentences can be missed, and a sentence without a frame is the outlet's even when it continues someone's statement.
# - Pronouns take the last person named as a subject, without checking gender or number; an article that alternates two speakers with "he" can be misread.
# - "Two sides" stands for any joint attribution to the participants, so two outlets' "two sides" agree even if they mean different pairs; and any two groups count as the same speaker, so a ministry's statement agrees with "the two sides" (the agreement finding above counts such pairs).
# - Whether topic-only sentences ("They discussed …") belong to the participants or to the outlet is a convention; the gold and these rules differ on it (above).
# - The agreement table inherits the aligner's errors: a pair of different statements wrongly linked shows up as a disagreement on the speaker.
# - The gold is small: the accuracy finding says how much one sentence moves it. It scores every gold sentence, whatever event its passage reports: attribution is read the same way in both.
# - Passages about another event are set aside by `claimcompare.passages.passage_events`'s rules of form (transition phrases, dates in the text, the participants of the events in `also_reports`); a passage that gives no such sign counts toward the report's own event.
