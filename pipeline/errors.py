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
    E001 = (
        "Record {position}: expected a str, a dict with 'id' and 'text' (optional 'title', 'date') or a "
        "pipeline.readers.Record, got {kind}. Pass texts, dicts or Records."
    )
    E002 = (
        "records must be a list (or any iterable) of texts or records, got a single {kind} of {length:,} "
        "characters, which would be read as one document per character: pass [text]. To read a file or folder, "
        "use pipeline.readers.iter_records([path]) (or spacy-deals extract PATH)."
    )
    E003 = (
        "records must be an iterable of texts or records, got the path {path!r}: read it with "
        "pipeline.readers.iter_records([path]) (or spacy-deals extract PATH)."
    )
    E004 = "records must be an iterable of texts or records, got a single {kind}: pass [record]."
    E005 = (
        "records must be an iterable of texts or records, got a DataFrame (which iterates over its column "
        "names): pass df.to_dict('records') (columns id, text, optional title, date)."
    )
    E006 = "records must be an iterable of texts or records, got {kind}. Pass a list or a generator of records."
    E007 = (
        "The Dask DataFrame has no 'text' column (it has {columns}). Rename the column holding the texts to "
        "'text' (and the ids to 'id')."
    )
    E008 = (
        "{path}: document {doc_id!r} could not be processed ({reason}). Check that its text is readable, or "
        "run `spacy-deals extract` on it to see the error row."
    )
    E009 = (
        "{path} holds no readable document{reasons}. Expected a .txt file or a JSON Lines, CSV or Parquet "
        "file with 'id' and 'text'."
    )
    E010 = "{where}: not valid JSON ({problem}). Each line of a gold file must be one JSON object."
    E011 = "{where}: expected a JSON object, got {kind}. Each line of a gold file must be one JSON object."
    E012 = "{where}: missing key(s) {missing}; a gold line needs {required}."
    E013 = "{where}: document id {doc_id!r} appears twice. Give every gold document its own id."
    E014 = (
        "Document {doc_id!r}: `buyers` must be a list of names, got {kind} {value!r}. Parse list columns (e.g. "
        "from CSV) into lists before scoring."
    )
    E015 = "The {what} table lacks column(s) {missing}; it has {columns}. See spec/outputs.md for the table columns."
    E016 = "{path}: no such file or folder. Name a .txt file, or any input `spacy-deals extract` reads."
    E017 = (
        "No document with id {doc_id!r} in {path}; it has {count} document(s), e.g. {examples}. Pass one of "
        "its ids with --id, or none for the first."
    )

    # --- E1xx: pattern files ------------------------------------------------------------
    E101 = "{path}, entry {entry}: {problem}. Fix the entry or remove it; the file's header says what each field means."
    E102 = "{path}: not valid {kind}: {problem}. Check the file with a {kind} validator."
    E103 = "Pattern file {path} not found. Check the `patterns_dir` setting: it may name a folder holding only some of the files."
    E104 = (
        "{path}, frame {frame}: {problem}. A role frame is a mapping with a 'name' and 'steps' (each a list of "
        "words, {{optional: [...]}}, {{any: [...]}} or {{age: true}}), and optionally 'tense' (current | former), "
        "'join' (true | false) and 'title'; the file's header describes them."
    )
    E105 = (
        "{path}, {key}: expected a list of words, got {value!r}. Write it as a YAML list of strings: [word, two words]."
    )
    E106 = "{path}: missing key {key!r}. Every list the file's header describes must be present (an empty list [] is allowed)."
    E107 = "{path}: {problem}. Compare the file with the one in the package's patterns/ folder."
    E108 = "{path}, entry {entry}: {line!r} is not a title. Write one title a line: 'phrase' or 'phrase => title to report'."
    E109 = "{path}, {key}: expected a mapping of words to titles, got {value!r}. Write it as {{word: title, other: title}}."
    E110 = "{path}, class {cls!r}: unknown key {key!r}. The keys of a trigger class are {known}; the file's header says what each means."
    E111 = "{path}, class {cls!r}, frame: unknown slot {slot!r}. A slot is the id of a pattern in {slots_file} ({patterned}) or a built-in slot ({builtin})."
    E112 = "{path}, class {cls!r}, frame slot {slot!r}: unknown role {role!r}. A role is one of {roles}."
    E113 = "{path}, class {cls!r}: unknown flag {flag!r}. The flags are {flags}."
    E114 = "{path}, class {cls!r}: {key} must be {expected}, got {value!r}."
    E115 = "{path}, slot {slot!r}: {problem}. A slot is an object with 'id', 'pos' (verb or noun) and 'pattern' (DependencyMatcher nodes after the trigger node, one named 'arg'); the file's 'about' describes it."
    E116 = "{path}: unknown key {key!r}. The file's keys are {known}; check the spelling against the header of the file in the package's patterns/ folder."
    E117 = (
        "{path}, entry {entry}: 'pattern' must be a list of token patterns (one dict a token, e.g. "
        '[{{"LOWER": "acquire"}}]), got {kind}. Write the entry\'s pattern as a JSON list of dicts.'
    )
    E118 = (
        "{path}, entry {entry} ({key}): spaCy's Matcher refused the pattern: {problem}. Check the token "
        "attributes and operators of the pattern against spaCy's Matcher documentation."
    )

    # --- E2xx: models and pipeline building ---------------------------------------------
    E201 = (
        "A name must be a string or None (or a missing value: NaN, pandas' NA), got {kind}: {value!r}. Pass "
        "the name as a string."
    )

    # --- E3xx: output folder and tables -------------------------------------------------
    E301 = "Unknown format {fmt!r} for the output tables; choose one of {formats}."
    E302 = "Column {column!r} has {values} values but the table has {rows} rows. Give every column one value per row."
    E303 = "Column {column!r} has no dtype: add it to DTYPES, CATEGORIES or LIST_COLUMNS in pipeline/schema.py."
    E304 = "Column {column!r} holds lists of strings, but row {row} has {kind} {value!r}: wrap a single name in a list."
    E305 = "Column {column!r} got {unknown}; the allowed values are {allowed}. Map the value to one of them."
    E306 = "Cannot {action} {path}: unknown extension; expected one of {extensions}. Rename the file or convert it."
    E307 = "{path}, line {line}: not valid JSON ({problem}). The file is damaged: write it again with spacy-deals."
    E308 = "{path}, line {line}: {fields} fields, the header has {header}. The file is damaged: write it again."
    E309 = "{path}, line {line}, column {column!r}: {problem}. The file is damaged: write it again with spacy-deals."
    E310 = "{text!r} is not a boolean: expected True or False."
    E311 = "The output folder {path} is a file: name a folder (it is made when it does not exist)."
    E312 = (
        "{path} is being written by another spacy-deals run ({holder}): wait for it to finish, or write to "
        "another folder."
    )
    E313 = (
        "Refusing to write to {path}: {problems}. spacy-deals only replaces files it wrote itself: move those "
        "files away, or choose another output folder."
    )
    E314 = "No output folder at {path}. Name the folder `spacy-deals extract -o` wrote."
    E315 = "The Dask cluster {problem}. Check the scheduler and its workers (`dask worker ADDRESS` starts one)."

    # --- E4xx: options ------------------------------------------------------------------
    E401 = "{name} must be an int of at least {minimum}, got {value!r} ({kind})."
    E402 = "{name} must be at least {minimum}, got {value}."
    E403 = "n_process must be an int (1, 2, ... or -1 for every core), got {value!r} ({kind})."
    E404 = "n_process must be at least 1 (or -1 for every core), got {value}."
    E405 = (
        "time_budget must be a number of seconds or None (no limit), got {value!r} ({kind}). On the command "
        "line: --time-budget SECONDS, 0 for no limit."
    )
    E406 = "time_budget must be more than 0 seconds (or None for no limit), got {value!r}."
    E407 = "Unknown option(s) {unknown}; the options of a run are {names} (pipeline.options.Options)."
    E408 = (
        "max_chars must be at most max_doc_chars, got max_chars={max_chars:,}, max_doc_chars={max_doc_chars:,}: "
        "texts longer than max_chars are split, texts longer than max_doc_chars refused."
    )
    E409 = "Unknown engine {engine!r}; choose one of {engines}."


class SpacyDealsError(Exception):
    """Base class of the errors this package raises on purpose."""


class PatternError(SpacyDealsError, ValueError):
    """A file in patterns/ is missing or malformed (the message names file and entry)."""


class ModelNotFound(SpacyDealsError, OSError):
    """No installed spaCy pipeline matches the requested name."""
