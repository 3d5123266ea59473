"""People's roles: pure functions of a parsed Doc, split by concern.

- ``lexicon``: the pattern files (titles.txt, role_cues.yml, role_frames.yml), validated
  into one ``RoleLexicon`` (coded ``PatternError`` on a bad entry);
- ``titles``: titles as written; ``people``: person names; ``orgnames``: organisation
  names read from the text;
- ``titlelists``: title lists and the organisations of each title; ``frames``: the role frames; ``rules``: the constructions read from the parse;
- ``employers``: employer resolution; ``reader``: ``find_roles(doc, lexicon)``.

The spaCy component is ``pipeline.components.roles``.
"""

from .frames import described_roles, founder_roles, frame_roles, pronoun_roles
from .lexicon import RoleFrameData, RoleLexicon, build_lexicon, load_frame_data, load_lexicon
from .reader import find_roles
from .titlelists import FoundRole

__all__ = [
    "FoundRole",
    "RoleFrameData",
    "RoleLexicon",
    "build_lexicon",
    "described_roles",
    "find_roles",
    "founder_roles",
    "frame_roles",
    "load_frame_data",
    "load_lexicon",
    "pronoun_roles",
]
