"""The PDF session packs: a trainer's copy and a participant handout per module and language, and
one whole pack per language, built with the site from the pages' own HTML.

- :mod:`~thuynguyen_kb.packs.documents` turns a page's HTML into a printable part (what changes
  between the web page and the sheet: the answer key on its own sheet, answer lines, stage cards);
- :mod:`~thuynguyen_kb.packs.catalogue` says which documents exist and assembles each one;
- :mod:`~thuynguyen_kb.packs.pdf` renders a document to PDF bytes (WeasyPrint), reproducibly.
"""
