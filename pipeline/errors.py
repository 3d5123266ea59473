"""Exceptions with messages that tell the user what went wrong and what to do."""


class SpacyDealsError(Exception):
    """Base class of the errors this package raises on purpose."""


class PatternError(SpacyDealsError, ValueError):
    """A file in patterns/ is missing or malformed (the message names file and entry)."""


class ModelNotFound(SpacyDealsError, OSError):
    """No installed spaCy pipeline matches the requested name."""
