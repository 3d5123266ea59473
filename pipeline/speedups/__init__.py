"""Faster drop-in versions of spaCy components (attribute ruler, lemmatizer) and spaCy internals we extend."""
