"""Progress reports: the form each body fills in, the import of filled forms, what the site shows.

The cycle (explained for editors in ``docs/huong-dan-bien-tap.md``): the build writes a report
form per body and language (:mod:`.form`); a body fills it in and sends it to the Health Office;
an editor imports it (``scripts/import_progress.py``, :mod:`.importer`), which writes one data
file per reporting unit and period under ``docs/_data/progress/``; the build shows what was
reported (:mod:`thuynguyen_kb.render.progress`). :mod:`.records` holds the vocabulary they share:
the statuses, the periods, the rows of a body's form and the data files' schema.
"""
