"""Every error this package raises on purpose, with a code, in one catalogue.

The model is spaCy's ``errors.py``: a message says what was expected, what was received and
what to do, and starts with its code so that a user can search for it::

    raise PatternError(Errors.E101.format(path=path, entry=3, problem="role 'buyr' unknown"))
    # -> PatternError: [E101] patterns/deal_frames.yml, entry 3: role 'buyr' unknown. ...

Codes by area (append new codes at the end of their area, never renumber):

- E0xx  input records and readers
- E1xx  pattern files in ``patterns/``
- E2xx  models and pipeline building
- E3xx  the output folder and tables
- E4xx  options of the command line and the Python API
"""

from __future__ import annotations


class ErrorsWithCodes(type):
    """Reading ``Errors.E101`` gives the message prefixed with ``[E101]``."""

    def __getattribute__(cls, code: str) -> str:
        message = super().__getattribute__(code)
        if code.startswith("_"):
            return message
        return f"[{code}] {message}"


class Errors(metaclass=ErrorsWithCodes):
    # --- E0xx: input records and readers ----------------------------------------------

    # --- E1xx: pattern files ------------------------------------------------------------
    E101 = "{path}, entry {entry}: {problem}. Fix the entry or remove it; the file's header says what each field means."
    E102 = "{path}: not valid {kind}: {problem}. Check the file with a {kind} validator."
    E103 = "Pattern file {path} not found. Check the `patterns_dir` setting: it may name a folder holding only some of the files."

    # --- E2xx: models and pipeline building ---------------------------------------------

    # --- E3xx: output folder and tables -------------------------------------------------

    # --- E4xx: options ------------------------------------------------------------------


class SpacyDealsError(Exception):
    """Base class of the errors this package raises on purpose."""


class PatternError(SpacyDealsError, ValueError):
    """A file in patterns/ is missing or malformed (the message names file and entry)."""


class ModelNotFound(SpacyDealsError, OSError):
    """No installed spaCy pipeline matches the requested name."""
