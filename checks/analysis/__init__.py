"""The analysis of a draft, in layers; rules read only the ``Draft`` that ties them together.

  tokens     Sudachi (the only module that imports it): Token, tokenize, readings, POS
  sentences  sentence spans
  dates      dates, era years and time ranges: DateMention, EraMention, TimeRange
  urls       URLs and e-mail addresses: Url, Email
  clauses    clauses with modality (permission, instruction, prohibition, warning …),
             negation and quotation: Clause, Modality
  draft      Draft (the text, its width-folded copy, each layer as a typed field) and analyse

Each layer is plain functions over the text returning frozen values; ``Draft`` computes each
on first use. No layer reads the city's configuration: the posting context is only carried for
the rules.
"""

from checks.analysis.clauses import Clause, Modality
from checks.analysis.dates import ERAS, WEEKDAYS, DateMention, EraMention, TimeRange
from checks.analysis.draft import Draft, analyse, fold_width
from checks.analysis.tokens import Token, bare_tokenize, pos_has, pos_of, sanitize, tokenize
from checks.analysis.urls import Email, Url

__all__ = [
    "ERAS",
    "WEEKDAYS",
    "Clause",
    "DateMention",
    "Draft",
    "Email",
    "EraMention",
    "Modality",
    "TimeRange",
    "Token",
    "Url",
    "analyse",
    "bare_tokenize",
    "fold_width",
    "pos_has",
    "pos_of",
    "sanitize",
    "tokenize",
]
