"""Organisation names within one document: the helpers of the aliases component
(``pipeline/components/aliases.py``).

- ``lexicon``: the word lists of ``patterns/`` the helpers read (``OrgLexicon``) and the
  corporate suffixes after a name;
- ``evidence``: the document's evidence that settles one label per name (a corporate
  suffix, "X-based", a deal slot only a company fills, the gazetteer of listed companies);
- ``surgery``: span surgery: two names joined by "and" cut apart, ORG spans tidied
  (determiners, possessives, tickers, headings, wrapped lines), short forms and tickers
  in brackets, Reuters' ``<Private Co Name>``;
- ``fullnames``: the names of a text that end in a corporate suffix, and the fuller
  names they give the Doc's organisations;
- ``canonical``: later mentions of a known organisation and the fullest name of each
  (``span._.canonical``).
"""
