"""The summariser's knobs and their defaults (summary/summarize.py uses them).

Apart from the summariser so that what only needs the default candidate rules (a map-stage worker
finding each sentence's facts, corpus/facts.py) does not import its model stack (SciPy's solver).
"""

from __future__ import annotations

from dataclasses import dataclass

from newsbrief.summary.candidates import CandidateRules


@dataclass(frozen=True)
class SummaryParams:
    """Knobs of the summariser. sentence_weight, length_bonus, max_words and compress: the pick of
    benchmarks/nestedcv.py's CV on all 25 DUC 2004 dev clusters (its held-out estimate and the
    choice per outer fold in benchmarks/results/duc2004_nestedcv.md); the rest fixed (their
    in-sample effects in benchmarks/results/ablation.md)."""

    # Candidates (see candidates.CandidateRules). max_words 45 (not CandidateRules' 60): the
    # nested CV's pick (duc2004_nestedcv.md).
    min_words: int = 8
    max_words: int = 45
    allow_followers: bool = True
    allow_quotes: bool = True
    compress: bool = True
    # Concept weights: "learned" (importance.CONCEPT_MODEL) or "df" (document frequency).
    concept_model: str = "learned"
    # A concept must appear in at least this many articles (capped by the number of articles).
    min_df: int = 2
    # Content words are concepts too (besides bigrams).
    unigrams: bool = True
    # "df" weights: (articles stating it + lead_bonus * articles stating it in their first
    # lead_sentences sentences) ** df_exponent, content words times unigram_weight. An exponent
    # above 1 favours what most articles repeat over what a few mention.
    df_exponent: float = 3.0
    lead_bonus: float = 0.0
    lead_sentences: int = 3
    unigram_weight: float = 0.1
    # Weight of the learned sentence value (importance.SENTENCE_MODEL), per word, in units of the
    # heaviest concept: the nested CV's pick between 0.05 and 0.1 (duc2004_nestedcv.md).
    sentence_weight: float = 0.05
    # Reward per word of a chosen sentence (in units of the heaviest concept): between summaries
    # covering about the same concepts, prefer the one that uses the budget (0.03: nested CV's pick).
    length_bonus: float = 0.03
    # Weight, per word, of a sentence's similarity to the story's centroid embedding.
    centrality_weight: float = 0.0
    # At most one sentence per claim (sentences of several articles stating the same fact, see
    # claims.align_claims): a summary does not say one thing twice in two outlets' words.
    one_per_claim: bool = True

    def rules(self) -> CandidateRules:
        """The candidate rules these parameters ask for."""
        return CandidateRules(
            min_words=self.min_words,
            max_words=self.max_words,
            allow_followers=self.allow_followers,
            allow_quotes=self.allow_quotes,
            compress=self.compress,
        )


DEFAULT_PARAMS = SummaryParams()
