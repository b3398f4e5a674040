"""Pure renderers: the knowledge base, a page and a language in, Markdown (or CSV rows) out.

They read nothing and write nothing themselves, so they are easy to test and do not depend on
the site generator. Links are written as relative links to the Vietnamese Markdown file
(``../co-quan/phong-y-te.md``): the generator checks them, and mkdocs-static-i18n points them at
the English page on the English site. Interface words come from ``kb.strings[lang]``
(``docs/_data/strings/<lang>.yml``), never from Python.

- :mod:`.links` – links, labels of plan items, literal text;
- :mod:`.plan_records` – tasks and bodies: indexes, quotations, who does what, checklists;
- :mod:`.matrix` – the body × task table and the CSV tables;
- :mod:`.recommendations` – UN recommendation paragraphs, their facts, text and indexes;
- :mod:`.training` – training modules: index, table, the modules meant for a body;
- :mod:`.markers` – which renderer fills which ``<!-- kb:… -->`` marker, and filling a page.
"""
