"""Person roles: who is CEO, founder, chairman, analyst ... of which organisation.

The spaCy component only loads the pattern files and stores what ``pipeline.roles`` finds
as ``doc._.roles``: the frames (``patterns/role_frames.yml``: "P, 54, president of O",
"P has served as T of O since", "P was named T", "P, who founded O"), the older rules of
the parse ("O CEO P", "P, chairman of O", "founded by P") and the employer resolution
(pipeline/roles/employers.py). Titles come from ``patterns/titles.txt``, cues from
``patterns/role_cues.yml``.
"""

from __future__ import annotations

from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc

from ..patterns import PatternFilesMixin
from ..roles.lexicon import load_lexicon
from ..roles.reader import find_roles
from . import docdata  # noqa: F401  (declares doc._.roles)

__all__ = ["Roles", "make_roles"]


@Language.factory(
    "spacy_deals_roles",
    default_config={"patterns_dir": None},
    assigns=["doc._.roles"],
    requires=["doc.ents", "token.dep"],
)
def make_roles(nlp: Language, name: str, *, patterns_dir: Optional[str]) -> Roles:
    return Roles(nlp, name, patterns_dir=patterns_dir)


class Roles(PatternFilesMixin):
    """Find person-title-organisation facts and store them as ``doc._.roles``."""

    pattern_files = ("titles.txt", "role_cues.yml", "role_frames.yml")

    def __init__(self, nlp: Language, name: str = "spacy_deals_roles", *, patterns_dir: Optional[str] = None):
        self.name = name
        self.patterns_dir = patterns_dir
        self.load_patterns(patterns_dir)

    def load_patterns(self, patterns_dir) -> None:
        self.lexicon = load_lexicon(patterns_dir)

    def __call__(self, doc: Doc) -> Doc:
        doc._.roles = find_roles(doc, self.lexicon)
        return doc
