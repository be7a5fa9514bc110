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
# # 02 · Alignment: the 27 July 2021 meeting as Khovar, Xinhua and China Daily tell it
#
# **Question.** When several outlets report one event, which statements do they share, what does each say alone, and what changes inside a statement they share?
#
# On 27 July 2021 Tajik President Emomali Rahmon received China's Defense Minister Wei Fenghe in Dushanbe. Xinhua reports Wei saying that "as the current situation in Afghanistan evolves, China is willing to strengthen counter-terrorism cooperation with Tajikistan"; China Daily has him say that "considering the new situation in Afghanistan, China is willing to deepen anti-terrorism collaboration with Tajikistan"; NIAT Khovar, Tajikistan's state agency, reports instead Rahmon speaking "with alarm" about the situation on the Afghan border. This notebook lines up the three reports sentence by sentence, shows the words each one changes inside a shared statement, and lists what only one outlet says — including most of China Daily's article, which is about a different meeting.
#
# Data → Method → Results → Caveats.

# %% [markdown]
# ## Parameters
# The corpus folder, where charts and tables are saved, the event to compare (`None`: the event with the most articles in `sources.csv`, or every article when there is no event metadata), the scoring backend (`"auto"`: lexical and sentence embeddings when the optional extra `claimcompare[embeddings]` is installed, lexical otherwise; `"off"`: lexical; `"on"`: hybrid or an error), the minimum alignment score of a link (`None`: the backend's default, 0.15 lexical, 0.2 hybrid) and how many outlets make a statement "shared by all". Pass them with papermill (`-p corpus_dir PATH`, and `-p pattern '*.html'` for a folder of saved web pages) to run this notebook on your own articles.

# %% tags=["parameters"]
corpus_dir = "../seeds"
pattern = "*.txt"  # which files of corpus_dir are articles: "*.html" for saved web pages
reports_dir = "../reports"
event = None
semantic = "auto"
min_score = None
min_outlets = 3

# %%
# %matplotlib inline
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import HTML, display

import claimcompare as cc
from claimcompare.align import DEFAULT_MIN_SCORE, align_corpus, candidate_pairs, statement_clusters, unique_statements
from claimcompare.embeddings import HYBRID_MIN_SCORE, backend_description, resolve_encoder
from claimcompare.names import safe_filename
from claimcompare.views import (
    coverage,
    event_documents,
    links_touching,
    passages_about_other_events,
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
# On the seeds the largest event is the Rahmon–Wei meeting of 27 July 2021, reported by three outlets: China Daily (13 body sentences), NIAT Khovar (10) and Xinhua (10). The two other seed articles report other meetings and take no part here.

# %% [markdown]
# ## Method
# Each pair of the event's reports is aligned by `claimcompare.align.align_corpus`, with one TF-IDF vectorizer fitted on the body sentences of the whole corpus:
#
# 1. each body sentence is reduced to its claim (fronted adverbial and attribution frame such as "Rahmon said that" removed);
# 2. every pair of sentences of the two reports is scored ½ · cosine + ½ · weighted overlap coefficient, in [0, 1];
# 3. the score is halved for a sentence about participants the other report never names (an off-event passage) and multiplied by 0.75 when the two sentences are attributed to different speakers;
# 4. mutual best matches scoring at least `min_score` become links, plus one-to-many links within 90% of the competing best.
#
# With the semantic backend, the score of step 2 becomes 0.85 × that score + 0.15 × the cosine of the two claims' all-MiniLM-L6-v2 sentence embeddings, before the penalties, and `min_score` defaults to 0.2 (both measured on the gold in `benchmarks/semantic.py`). The line printed first says which backend this run used; the findings written between the tables describe the committed run, which used the lexical backend.
#
# Below: the pairs of reports compared, then every link with its score, its plain TF-IDF cosine and the rule that made it.

# %%
encoder = resolve_encoder(semantic)
if min_score is None:
    min_score = DEFAULT_MIN_SCORE if encoder is None else HYBRID_MIN_SCORE
print("backend:", backend_description(encoder))
print("min_score:", min_score)
print()
pairs = candidate_pairs(sentences, corpus.documents)
pairs = pairs[pairs["doc_a"].isin(event_docs) & pairs["doc_b"].isin(event_docs)].reset_index(drop=True)
alignment = align_corpus(sentences, corpus.documents, pairs=pairs, min_score=min_score, semantic=encoder)
cc.to_spreadsheet_csv(alignment, reports / "02-alignment.csv", index=False)
print(pairs.to_string(index=False))
print()
print(alignment[["doc_a", "sent_a", "doc_b", "sent_b", "score", "cosine", "rule"]].round(3).to_string(index=False))

# %% [markdown]
# On the seeds, the three pairs give 10 links: 9 mutual best matches and one one-to-many link (Khovar #9 to Xinhua #10). Scores run from 0.151 to 0.430, and two links sit just above the 0.15 threshold (China Daily #10–Xinhua #4 at 0.151, China Daily #18–Xinhua #9 at 0.152).

# %% [markdown]
# ## Results
# ### The aligned statements side by side
# Each link as a row: the two sentences, the words found only in the left sentence on red, those only in the right sentence on green (a word-level diff after case folding and quote normalisation, `claimcompare.views.word_diff`). The same table is saved as `02-side-by-side.html`.

# %%
table = side_by_side_html(alignment, caption=f"Aligned statements, minimum score {min_score}")
(reports / "02-side-by-side.html").write_text(
    side_by_side_html(alignment, caption=f"Aligned statements: {event_key}", standalone=True), encoding="utf-8"
)
display(HTML(table))

# %% [markdown]
# Even the best-scoring pairs share few words. Khovar's and Xinhua's opening sentences (0.430) share the names and titles of Rahmon and Wei; Khovar adds Rahmon's honorifics ("Founder of Peace and National Unity, Leader of the Nation") and "an official visit", Xinhua adds that the two "agreed to strengthen cooperation between the two countries". In Wei's statement on Afghanistan (China Daily #19–Xinhua #10, 0.404) China Daily's "deepen anti-terrorism collaboration" stands against Xinhua's "strengthen counter-terrorism cooperation", and only Xinhua adds "to make positive contributions to regional peace and stability".

# %% [markdown]
# ### Where the scores lie: one heatmap per pair of reports
# For each pair of reports, the alignment score of every pair of body sentences in reading order (rows: the first report, columns: the second), links outlined in red. One line per pair first: how many sentence pairs there are, how many reach `min_score`, how many were linked and the highest score.

# %%
for da, db in pairs[["doc_a", "doc_b"]].itertuples(index=False):
    matrix = similarity_matrix(sentences, da, db, semantic=encoder)
    name = f"02-heatmap-{safe_filename(da)}--{safe_filename(db)}"  # any id makes a valid file name
    cc.to_spreadsheet_csv(matrix, reports / f"{name}.csv")
    links = alignment[(alignment["doc_a"] == da) & (alignment["doc_b"] == db)]
    print(
        f"{da} vs {db}: {matrix.size} sentence pairs, {int((matrix >= min_score).to_numpy().sum())} scoring >= {min_score},"
        f" {len(links)} linked, highest {matrix.to_numpy().max():.3f}"
    )
    ax = plot_similarity_heatmap(matrix, links=alignment)
    ax.figure.savefig(reports / f"{name}.png", dpi=120, bbox_inches="tight")
    plt.show()

# %% [markdown]
# On the seeds, no sentence pair scores above 0.43. In both pairs with China Daily its first ten body sentences (#8–#17, the Shoigu meeting) form a dark band: no cell above 0.11 against Khovar, one at 0.15 against Xinhua (#10, linked). All other links of China Daily fall in its last three rows (#18–#20). Khovar and Xinhua have the most cells at or above 0.15 (13 of 100) but only 4 links, because a link must be the best match of its row or column: Khovar #5 scores 0.18 with Xinhua #4, which pairs with Khovar #3 at 0.43.

# %% [markdown]
# ### Coverage: how much of each report the others also report
# For each report, the body sentences that have a link to at least one sentence of another report of the event, as a share of its body sentences.

# %%
cov = coverage(sentences, alignment, pairs)
cc.to_spreadsheet_csv(cov, reports / "02-coverage.csv", index=False)
print(cov.round(2).to_string(index=False))

# %%
ax = plot_coverage(cov)
ax.figure.savefig(reports / "02-coverage.png", dpi=120, bbox_inches="tight")
plt.show()

# %% [markdown]
# On the seeds, half of Xinhua's body sentences (5 of 10) have a counterpart in Khovar or China Daily, 4 of Khovar's 10, and 4 of China Daily's 13 (0.31): each report says more on its own than the three say together. These shares depend on `min_score` (see Caveats).

# %% [markdown]
# ### Statements in all three outlets
# Links form statements: connected groups of sentences (`claimcompare.align.statement_clusters`). Those with sentences from at least `min_outlets` outlets, in full.

# %%
clusters = statement_clusters(alignment, corpus.documents)
shared = clusters[clusters["n_outlets"] >= min_outlets]
cc.to_spreadsheet_csv(shared, reports / "02-shared-statements.csv", index=False)
print(f"{shared['cluster'].nunique()} statements found in at least {min_outlets} outlets")
for cluster, rows in shared.groupby("cluster"):
    print(f"\nstatement {cluster}:")
    for r in rows.itertuples(index=False):
        print(f"  {r.doc_id} #{r.sent_id}: {r.text}")

# %% [markdown]
# On the seeds, three statements link all three outlets. Statement 3 is the clearest: Rahmon on the joint fight against terrorism, extremism and separatism — China Daily and Xinhua add his thanks for China's support and the situation in Afghanistan, Khovar adds "transnational crime, drug trafficking, cybercrime". Statement 2 joins Wei's offer of counter-terrorism cooperation (China Daily, Xinhua) to Khovar's account of Rahmon's alarm about the Afghan border, which is a related statement, not the same one. Statement 0 joins the two opening sentences with China Daily #10, a sentence about the SCO defense ministers' meeting that brought Wei to Dushanbe; that link scored 0.151, just over the threshold.

# %% [markdown]
# ### Statements only one outlet makes
# Body sentences without a link to any other report of the event (`claimcompare.align.unique_statements`), in full. `[off-event]` marks sentences about participants that none of the other reports names (explained in the next section).

# %%
off = pd.concat([passages_about_other_events(sentences, d, event_docs) for d in event_docs], ignore_index=True)
unique = unique_statements(sentences, alignment, pairs).merge(off[["doc_id", "sent_id", "off_event"]], on=["doc_id", "sent_id"])
cc.to_spreadsheet_csv(unique, reports / "02-unique-statements.csv", index=False)
for doc_id, rows in unique.groupby("doc_id"):
    print(f"\n{doc_id}: {len(rows)} of {body_counts[doc_id]} body sentences without a counterpart")
    for r in rows.itertuples(index=False):
        print(f"  #{r.sent_id}{' [off-event]' if r.off_event else ''}: {r.text}")

# %% [markdown]
# On the seeds, 20 of the 33 body sentences have no counterpart. China Daily's 9 are all off-event: Wei's meeting with Russian Defense Minister Sergei Shoigu. Xinhua's 5 are its three sentences on Wei's separate talks with Tajik Defense Minister Sherali Mirzo, Rahmon's congratulations on the Communist Party of China's centenary, which the other two omit, and Rahmon's remark that cooperation "has been deepened" (#5). Khovar's 6 are mostly about Afghanistan: the deteriorating situation in its northern regions, the need for close cooperation between the two countries' intelligence agencies, and support for the peace negotiations. Khovar #5, which calls defense and security cooperation important, is the one match the hand-made gold has and the aligner misses (see Caveats).

# %% [markdown]
# ### A report that covers two meetings
# An article can report a second event beside the one it is compared on. `claimcompare.views.passages_about_other_events` marks a body sentence as off-event when, compared with every other report of the event, it names recurring participants that the other report never mentions, or sits between two such sentences. This is the aligner's own off-topic rule, so the split follows from names in the text, not from `sources.csv`. Off-event sentences per report, then the report with the highest share, sentence by sentence.

# %%
cc.to_spreadsheet_csv(off, reports / "02-off-event.csv", index=False)
off_summary = off.groupby("doc_id")["off_event"].agg(off_event="sum", body_sentences="size")
off_summary["share"] = (off_summary["off_event"] / off_summary["body_sentences"]).round(2)
print(off_summary.to_string())
two_meetings = off_summary.sort_values("share", ascending=False, kind="stable").index[0]
print("\nmost off-event:", two_meetings)
print(off.loc[off["doc_id"] == two_meetings, ["sent_id", "off_event", "text"]].to_string(index=False, max_colwidth=100))

# %% [markdown]
# On the seeds, the rule splits China Daily's report where its structure does: sentences #8–#17 (10 of 13) are off-event, and the last three (#18–#20, from "In another development, during his meeting with Tajik President Emomali Rahmon on Tuesday") are the meeting compared here. Xinhua's three sentences on the Mirzo talks (#11–#13) are also off-event, and Khovar has none. The split matches the event metadata (`also_reports` in `sources.csv`) and the hand-made gold's description of the reports, but it uses neither.
#
# What this does to the comparison: coverage counted over all body sentences treats China Daily's Shoigu passage as statements the others leave out. Coverage with and without off-event sentences:

# %%
without = coverage(sentences, alignment, pairs, exclude=off[off["off_event"]])
both = pd.concat([cov.assign(variant="all body sentences"), without.assign(variant="without off-event sentences")], ignore_index=True)
cc.to_spreadsheet_csv(both, reports / "02-coverage-off-event.csv", index=False)
print(both.round(2).to_string(index=False))

# %%
ax = plot_coverage(both)
ax.figure.savefig(reports / "02-coverage-off-event.png", dpi=120, bbox_inches="tight")
plt.show()

# %% [markdown]
# Without its off-event sentences, China Daily's account of the Rahmon meeting is fully covered (3 of 3 sentences have a counterpart, against 4 of 13 overall), and Xinhua's share rises from 0.50 to 0.71 (5 of 7). Khovar, which reports only this meeting, stays at 0.40, so it becomes the report that says most on its own. Read per meeting, China Daily's short account adds no statement of its own at this threshold; its low overall share comes from the second meeting.
#
# The links that touch an off-event sentence, flagged by side:

# %%
touching = links_touching(alignment, off[off["off_event"]])
if touching.empty:
    print("no link touches an off-event sentence")
else:
    print(touching[["doc_a", "sent_a", "a_in_keys", "doc_b", "sent_b", "b_in_keys", "score", "rule"]].round(3).to_string(index=False))

# %% [markdown]
# On the seeds, one link touches an off-event sentence: China Daily #10 (the SCO meeting) with Xinhua #4 (the opening sentence), at 0.151 even after the off-topic penalty halved it. The link is what puts China Daily into statement 0 above. The hand-made gold does not count this pair even as related.

# %% [markdown]
# ## Caveats
# - **Thresholds.** The number of links, the coverage shares, the statements in all three outlets and the lists of unique statements all depend on `min_score` (default 0.15, the value chosen on the gold). The off-event split does not: it comes from names alone. The table below reruns the alignment at other minimum scores; `shared_statements` counts statements in at least `min_outlets` outlets, `with_counterpart` and `unique` count body sentences with and without a link.

# %%
sensitivity = threshold_sensitivity(sentences, corpus.documents, pairs, min_outlets=min_outlets, semantic=encoder)
cc.to_spreadsheet_csv(sensitivity, reports / "02-thresholds.csv", index=False)
print(sensitivity.to_string(index=False))

# %% [markdown]
# On the seeds, the three statements in all three outlets fall to two at 0.175 (China Daily #10–Xinhua #4 drops out) and to one at 0.25; at 0.10 there are four. Between 0.15 and 0.20 the number of links falls from 10 to 7. Conclusions that rest on a single link near 0.15 are fragile.
# - **Accuracy.** Against the hand-made gold alignment of this meeting (`tests/gold/`; run `claimcompare evaluate`), the default aligner reaches precision 0.90, recall 0.86 and F1 0.878 (10 links, 7 sure matches). That figure is in-sample, because the defaults were chosen on this gold; with knobs chosen on the other two document pairs and scored on the held-out pair, F1 is 0.748 (README, "Measured"). Of today's 10 links, 6 are sure matches, 3 are pairs the gold calls related, and one (China Daily #10–Xinhua #4) is not in the gold at all. The gold match the aligner misses is Khovar #5–Xinhua #5 (0.13 in the heatmap), a paraphrase with almost no shared content words.
# - **Off-event passages** are found from capitalised names. A second meeting with the same participants, or a passage that names no one, would go unnoticed, and a sentence that names a person only one report mentions can be flagged although it belongs to the event.
# - **Word differences** are lexical: "anti-terrorism collaboration" and "counter-terrorism cooperation" are highlighted as different although they mean the same thing. The highlights show wording, not disagreement.
# - Statements are connected groups of links, so one weak link can join two statements, or put an outlet into a statement it does not make (statement 0 above).
