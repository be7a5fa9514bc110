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
# # 02 · Alignment: which statements the reports of one event share
#
# **Question.** When several outlets report one event, which statements do they share, what does each say alone, and what changes inside a statement they share?
#
# Two reports of one event often carry the same statement in different words: one outlet has a minister "strengthen counter-terrorism cooperation", another "deepen anti-terrorism collaboration", a third reports a different remark altogether. This notebook lines up the reports of one event sentence by sentence, shows the words each one changes inside a shared statement (the closest pair of this corpus is quoted under Results), and lists what only one outlet says — including passages about another event that a report carries beside this one.
#
# Data → Method → Results → Caveats.

# %% [markdown]
# ## Parameters
# The corpus folder, where charts and tables are saved, the event to compare (`None`: the event with the most articles in `sources.csv`, or every article when there is no event metadata), the lowest probability of a link (`None`: the threshold of the aligner's model, chosen on the training events and printed under Method) and how many outlets make a statement "shared by all". Pass them with papermill (`-p corpus_dir PATH`, and `-p pattern '*.html'` for a folder of saved web pages) to run this notebook on your own articles.

# %% tags=["parameters"]
corpus_dir = "../seeds"
pattern = "*.txt"  # which files of corpus_dir are articles: "*.html" for saved web pages
reports_dir = "../reports"
event = None
min_score = None
min_outlets = 3

# %%
# %matplotlib inline
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import HTML, display

import claimcompare as cc
from claimcompare import findings
from claimcompare.plots import save_figure
from claimcompare.align import statement_clusters, unique_statements
from claimcompare.aligner import Aligner, aligner_summary
from claimcompare.copies import count_outlets, describe_copies, document_copies, source_families
from claimcompare.names import safe_filename
from claimcompare.passages import own_event
from claimcompare.views import (
    coverage,
    event_documents,
    links_touching,
    links_within,
    plot_coverage,
    plot_similarity_heatmap,
    side_by_side_html,
    similarity_matrix,
    threshold_sensitivity,
)

pd.set_option("display.width", 140)
pd.set_option("display.max_colwidth", 70)
reports = Path(reports_dir)
reports.mkdir(parents=True, exist_ok=True)

# %% [markdown]
# ## Data
# The corpus as notebook 01 loads it, and the documents of the event compared here.

# %%
corpus = cc.load_corpus(corpus_dir, pattern=pattern)
sentences = cc.sentences_table(corpus)
event_key, event_docs = event_documents(corpus.documents, event)
print("event:", event_key)
docs = corpus.documents.set_index("doc_id").loc[event_docs]
body_counts = sentences[sentences["role"] == "body"].groupby("doc_id").size().reindex(event_docs, fill_value=0)
print(docs[["outlet", "published"]].assign(body_sentences=body_counts).to_string())

# %% [markdown]
# The event compared and its reports, longest first:

# %%
print(findings.event_finding(event_key, docs.assign(body_sentences=body_counts), n_documents=len(corpus.documents)))

# %% [markdown]
# Reports that are copies of one text (an agency story reprinted by several sites, a report and its excerpt) form one **source family** (`claimcompare.copies.document_copies`: shared word shingles; `claimcompare.copies.source_families`: connected groups of copies). Wherever this notebook says how many outlets carry a statement, it counts source families, so a copy counts once. The family of each report (`family`: the first `doc_id` of its group):

# %%
families = source_families(
    corpus.documents[corpus.documents["doc_id"].isin(event_docs)], document_copies(sentences[sentences["doc_id"].isin(event_docs)])
)
cc.to_spreadsheet_csv(families, reports / "02-source-families.csv", index=False)
print(families.to_string(index=False))

# %% [markdown]
# Which reports are copies of one another:

# %%
print(describe_copies(families))

# %% [markdown]
# ## Method
# Each pair of the event's reports is aligned by the learned aligner, `claimcompare.aligner.Aligner`, fitted on the body sentences of the whole corpus (inverse document frequencies and names come from all of them):
#
# 1. each body sentence is reduced to its claim (fronted adverbial and attribution frame such as "the minister said that" removed);
# 2. every pair of sentences of the two reports is measured: TF-IDF cosine and weighted overlap of the claims, shared content words (not names, places or numbers) against shared names, numbers in common or in conflict, whether the two have the same speaker (notebook 04, `claimcompare.attribution`), whether either is about participants the other report never names or about another event, position in the report and length;
# 3. a logistic regression over those measures, fitted on hand-aligned reports of other events (the training events of the README's real-news benchmark, and the seeds) and calibrated on events it was not fitted on, gives the probability that the two sentences state the same claim;
# 4. pairs whose probability reaches the model's threshold (or `min_score`) become links when each is the other's best match, or the best of one side within a ratio of the other side's best (one-to-many; the ratio compares the model's uncalibrated probabilities, the scale it was chosen on).
#
# The lines printed below are read from the model this run used: what it is, its threshold and ratio, then the weight of each measure (the change in the log-odds of a link per standard deviation of the measure; negative weights count against a link). The findings printed between the tables are computed from this run's tables.
#
# Below: the pairs of reports compared, then every link with its probability (`score`), its plain TF-IDF cosine and the rule that made it.

# %%
aligner = Aligner(threshold=min_score).fit(sentences, corpus.documents)
min_score = aligner.threshold_
method, thresholds = aligner_summary("learned", min_score=min_score)
print("aligner:", method)
print("links:", thresholds)
print()
print(aligner.weights().round(3).to_string(index=False))
print()
pairs = aligner.pairs()
pairs = pairs[pairs["doc_a"].isin(event_docs) & pairs["doc_b"].isin(event_docs)].reset_index(drop=True)
scores = aligner.scores(pairs)  # scored once: the links, the heatmaps and the threshold sweep all read these
alignment = aligner.align(pairs, scores=scores)
cc.to_spreadsheet_csv(alignment, reports / "02-alignment.csv", index=False)
print(pairs[["doc_a", "doc_b", "reason"]].to_string(index=False))
print()
print(alignment[["doc_a", "sent_a", "doc_b", "sent_b", "score", "cosine", "rule"]].round(3).to_string(index=False))

# %% [markdown]
# How many links, by rule, and which of them sit just above the threshold (those are the first to go when `min_score` rises):

# %%
print(findings.alignment_finding(alignment, pairs, min_score))

# %% [markdown]
# ## Results
# ### The aligned statements side by side
# Each link as a row: the two sentences, the words found only in the left sentence on red, those only in the right sentence on green (a word-level diff after case folding and quote normalisation, `claimcompare.views.word_diff`). The same table is saved as `02-side-by-side.html`.

# %%
table = side_by_side_html(alignment, caption=f"Aligned statements, link probability at least {min_score:g}")
(reports / "02-side-by-side.html").write_text(
    side_by_side_html(alignment, caption=f"Aligned statements: {event_key}", standalone=True), encoding="utf-8"
)
display(HTML(table))

# %% [markdown]
# The closest pair of sentences, quoted, with the words only one of them has: even the best-scoring link can differ in many words.

# %%
print(findings.closest_link_finding(alignment))

# %% [markdown]
# ### Where the scores lie: one heatmap per pair of reports
# For each pair of reports, the link probability of every pair of body sentences in reading order (rows: the first report, columns: the second), links outlined in red. One line per pair first: how many sentence pairs there are, how many reach `min_score`, how many were linked and the highest probability.

# %%
for da, db in pairs[["doc_a", "doc_b"]].itertuples(index=False):
    matrix = similarity_matrix(sentences, da, db, aligner=aligner, scores=scores)
    name = f"02-heatmap-{safe_filename(da)}--{safe_filename(db)}"  # any id makes a valid file name
    cc.to_spreadsheet_csv(matrix, reports / f"{name}.csv")
    links = alignment[(alignment["doc_a"] == da) & (alignment["doc_b"] == db)]
    print(
        f"{da} vs {db}: {matrix.size} sentence pairs, {int((matrix >= min_score).to_numpy().sum())} scoring >= {min_score},"
        f" {len(links)} linked, highest {matrix.to_numpy().max():.3f}"
    )
    ax = plot_similarity_heatmap(matrix, links=alignment)
    save_figure(ax, reports / f"{name}.png")
    plt.show()

# %% [markdown]
# How to read the heatmaps: a dark band of rows or columns is a passage the other report does not carry (often a passage about another event, see below). A pair can have many cells at or above `min_score` and few links, because a link must be the best match of its row or its column: a sentence that scores well with a sentence already taken by a better match stays unlinked.

# %% [markdown]
# ### Coverage: how much of each report the others also report
# For each report, the body sentences that have a link to at least one sentence of another report of the event, as a share of its body sentences.

# %%
cov = coverage(sentences, alignment, pairs)
cc.to_spreadsheet_csv(cov, reports / "02-coverage.csv", index=False)
print(cov.round(2).to_string(index=False))

# %%
ax = plot_coverage(cov)
save_figure(ax, reports / "02-coverage.png")
plt.show()

# %% [markdown]
# Each report's share, and whether the reports say more alone than together. These shares depend on `min_score` (see Caveats).

# %%
print(findings.coverage_finding(cov))

# %% [markdown]
# ### Statements in at least `min_outlets` outlets
# Links form statements: groups of linked sentences that do not chain (`claimcompare.align.statement_clusters`: group-average linkage, strongest link first; two groups join only when at least half the sentence pairs between them are links and no report would hold two of their sentences). Only links between sentences about the event compared count here (each sentence's event is the `event` column of the sentences table, `claimcompare.passages.own_event`; the passages about other events are shown further below), so a passage about another meeting never makes an outlet carry a statement of this one. Statements carried by at least `min_outlets` outlets, counted by source family (`claimcompare.copies.count_outlets`: `n_families`, copies of one text counted once), in full.

# %%
marked = own_event(sentences, corpus.documents)
off = marked[(marked["role"] == "body") & marked["doc_id"].isin(event_docs)].assign(off_event=lambda t: ~t["own_event"])
off = off[["doc_id", "sent_id", "off_event", "event", "text"]].reset_index(drop=True)
clusters = statement_clusters(links_within(alignment, off[~off["off_event"]]), corpus.documents)
clusters = clusters.merge(count_outlets(clusters, families)[["cluster", "n_families"]], on="cluster", how="left")
shared = clusters[clusters["n_families"] >= min_outlets]
cc.to_spreadsheet_csv(shared, reports / "02-shared-statements.csv", index=False)
print(f"{shared['cluster'].nunique()} statements found in at least {min_outlets} source families")
print(findings.statement_listing(shared))

# %% [markdown]
# How many statements reach `min_outlets` outlets, and the largest. A statement needs links between at least half of its sentence pairs, so one weak link does not join two statements; read its sentences above before quoting it all the same, since a link can be wrong.

# %%
print(findings.shared_finding(shared, min_outlets))

# %% [markdown]
# ### Statements only one outlet makes
# Body sentences without a link to any other report of the event (`claimcompare.align.unique_statements`), in full. `[off-event]` marks sentences whose passage reports another event than the one compared here (the `event` column of the sentences table, explained in the next section).

# %%
unique = unique_statements(sentences, alignment, pairs).merge(off[["doc_id", "sent_id", "off_event"]], on=["doc_id", "sent_id"])
cc.to_spreadsheet_csv(unique, reports / "02-unique-statements.csv", index=False)
for doc_id, rows in unique.groupby("doc_id"):
    print(f"\n{doc_id}: {len(rows)} of {body_counts[doc_id]} body sentences without a counterpart")
    for r in rows.itertuples(index=False):
        print(f"  #{r.sent_id}{' [off-event]' if r.off_event else ''}: {r.text}")

# %% [markdown]
# How many body sentences of each report have no counterpart, and how many of those are about another event. A sentence listed here can still be a paraphrase the aligner missed (see Caveats).

# %%
print(findings.unique_finding(unique, body_counts))

# %% [markdown]
# ### A report that covers two meetings
# An article can report a second event beside the one it is compared on. Each sentence's event is the `event` column of the sentences table (`claimcompare.passages.passage_events`, the one home for the event of a sentence, which notebooks 03–05 use too): a passage about an event listed in `also_reports` is recognised by a transition phrase ("In another development", "Separately", "On Tuesday"), the days written in it and the participants it names; a passage about a day no listed event matches is "other". `claimcompare.passages.own_event` marks a body sentence off-event when its event is not the report's own. Off-event sentences per report, then the report with the highest share, sentence by sentence.

# %%
cc.to_spreadsheet_csv(off, reports / "02-off-event.csv", index=False)
off_summary = off.groupby("doc_id")["off_event"].agg(off_event="sum", body_sentences="size")
off_summary["share"] = (off_summary["off_event"] / off_summary["body_sentences"]).round(2)
print(off_summary.to_string())
two_meetings = off_summary.sort_values("share", ascending=False, kind="stable").index[0]
print("\nmost off-event:", two_meetings)
print(off.loc[off["doc_id"] == two_meetings, ["sent_id", "off_event", "event", "text"]].to_string(index=False, max_colwidth=60))

# %% [markdown]
# Where the passages about another event lie in each report, and which events they report:

# %%
print(findings.off_event_finding(off))

# %% [markdown]
# What this does to the comparison: coverage counted over all body sentences treats a passage about another event as statements the others leave out. Coverage with and without off-event sentences:

# %%
without = coverage(sentences, alignment, pairs, exclude=off[off["off_event"]])
both = pd.concat([cov.assign(variant="all body sentences"), without.assign(variant="without off-event sentences")], ignore_index=True)
cc.to_spreadsheet_csv(both, reports / "02-coverage-off-event.csv", index=False)
print(both.round(2).to_string(index=False))

# %%
ax = plot_coverage(both)
save_figure(ax, reports / "02-coverage-off-event.png")
plt.show()

# %% [markdown]
# Which shares move once off-event sentences are left out:

# %%
print(findings.coverage_change_finding(both))

# %% [markdown]
# The links that touch an off-event sentence, flagged by side:

# %%
touching = links_touching(alignment, off[off["off_event"]])
if touching.empty:
    print("no link touches an off-event sentence")
else:
    print(touching[["doc_a", "sent_a", "a_in_keys", "doc_b", "sent_b", "b_in_keys", "score", "rule"]].round(3).to_string(index=False))

# %% [markdown]
# Such a link joins a sentence about another event to a sentence of this one. The shared statements above leave it out; the side-by-side table, the heatmaps and the coverage over all body sentences keep it.

# %%
print(findings.touching_finding(touching))

# %% [markdown]
# ## Caveats
# - **Thresholds.** The number of links, the coverage shares, the statements in at least `min_outlets` outlets and the lists of unique statements all depend on `min_score` (by default the model's threshold, chosen on the training events and printed under Method). The off-event split does not: it comes from the passage events of the sentences table. The table below relinks the same probabilities at other thresholds (`claimcompare.views.threshold_sensitivity`: the pairs are scored once); `shared_statements` counts statements in at least `min_outlets` source families, `with_counterpart` and `unique` count body sentences with and without a link; all three over the sentences about the event compared, as above.

# %%
sensitivity = threshold_sensitivity(
    sentences, corpus.documents, pairs, min_outlets=min_outlets, aligner=aligner, scores=scores, families=families, exclude=off[off["off_event"]]
)
cc.to_spreadsheet_csv(sensitivity, reports / "02-thresholds.csv", index=False)
print(sensitivity.to_string(index=False))

# %% [markdown]
# How the counts move with the threshold. Conclusions that rest on a single link just above `min_score` are fragile.

# %%
print(findings.threshold_finding(sensitivity, min_score, min_outlets=min_outlets, by_family=True))

# %% [markdown]
# - **Accuracy.** This notebook does not know whether a link is right. With a hand-made gold alignment of the event (`claimcompare evaluate`, format in `tests/gold/`) the links can be scored; the README's "Measured" and "Quality on real news" sections give the figures measured so far, on events the model was not fitted on, and say which are in-sample. Paraphrases with almost no shared content words are the matches the model misses most: its measures are lexical.
# - **Other aligners.** The scoring rules tuned on the seeds, with the optional sentence-embedding backend, remain available (`claimcompare align --aligner rules --semantic on`); the README compares them with this model on the same events.
# - **Off-event passages** are found by rules of form (`claimcompare.passages.passage_events`): transition phrases, days written in the text and the participants named in the titles of the events in `also_reports`. A passage about a second meeting that opens with no transition phrase and names no listed participant stays with the report's event, and a second meeting not listed in `also_reports` is recognised only when the passage writes a day no listed event has.
# - **Copies** are found from shared word shingles (`claimcompare.copies.document_copies`); a rewritten agency story is not a copy and counts as its own source.
# - **Word differences** are lexical: "anti-terrorism collaboration" and "counter-terrorism cooperation" would be highlighted as different although they mean the same thing. The highlights show wording, not disagreement.
# - Statements are grouped from links (at least half of a statement's sentence pairs linked), so a wrong link can still put an outlet into a statement it does not make, and a statement whose sentences were linked only in part can come out as two.
