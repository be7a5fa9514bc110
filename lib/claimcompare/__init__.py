"""claimcompare: compare how news outlets report the same event, statement by statement.

Data flow, each step a function from tables to tables::

    load_corpus(folder)          -> Corpus (documents, labelled blocks, texts)
    sentences_table(corpus)      -> one row per sentence, offsets into the file
    align_corpus(sentences, ...) -> one row per linked sentence pair
    statement_clusters(...)      -> statements shared by several reports
    unique_statements(...)       -> statements only one report makes

Tables in and out (claimcompare.tables; Parquet needs the dask extra)::

    read_articles(table or folder or glob) -> Corpus
    write_table(df, folder)                -> Parquet partitioned by event; read_table(folder, event=...)
    write_outputs(folder, documents, sentences, links) -> the four tables of align --format parquet
    open_outputs(folder)                   -> .events (index from the manifests); .event(key) -> one event's tables
"""

from .align import (
    ALIGNMENT_COLUMNS,
    align_corpus,
    align_pair,
    candidate_pairs,
    statement_clusters,
    unique_statements,
)
from .clean import ROLES, label_blocks, split_paragraphs
from .corpus import DOC_COLUMNS, SENTENCE_COLUMNS, Corpus, corpus_from_texts, load_corpus, read_article, sentences_table
from .errors import CorpusError
from .evaluate import baseline_alignment, load_gold, score_alignment, threshold_sweep
from .frames import claim_text, split_frame
from .segment import sentence_spans, split_sentences
from .similarity import StatementVectorizer, tfidf_similarity, word_tokens
from .spreadsheet import to_spreadsheet_csv
from .tables import (
    corpus_from_table,
    corpus_to_table,
    iter_article_batches,
    open_outputs,
    read_articles,
    read_table,
    table_events,
    write_outputs,
    write_table,
)

__version__ = "0.1.0"

__all__ = [
    "ALIGNMENT_COLUMNS",
    "DOC_COLUMNS",
    "ROLES",
    "SENTENCE_COLUMNS",
    "Corpus",
    "CorpusError",
    "StatementVectorizer",
    "align_corpus",
    "align_pair",
    "baseline_alignment",
    "candidate_pairs",
    "claim_text",
    "corpus_from_table",
    "corpus_from_texts",
    "corpus_to_table",
    "iter_article_batches",
    "label_blocks",
    "load_corpus",
    "load_gold",
    "open_outputs",
    "read_article",
    "read_articles",
    "read_table",
    "score_alignment",
    "sentence_spans",
    "sentences_table",
    "split_frame",
    "split_paragraphs",
    "split_sentences",
    "statement_clusters",
    "table_events",
    "threshold_sweep",
    "tfidf_similarity",
    "to_spreadsheet_csv",
    "unique_statements",
    "word_tokens",
    "write_outputs",
    "write_table",
]
