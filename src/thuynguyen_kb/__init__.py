"""The knowledge base of the Thủy Nguyên children's rights plan, free of any site generator.

Reading (:mod:`~thuynguyen_kb.loader`: pages, data files, the site configuration, read once),
checking (:mod:`~thuynguyen_kb.rules`: every rule the checks and the build apply), rendering
(:mod:`~thuynguyen_kb.render`: records and a language in, Markdown or CSV rows out), the search
index (:mod:`~thuynguyen_kb.search_index`) and the importer of the official UN text
(:mod:`~thuynguyen_kb.importer`). The MkDocs hooks under ``overrides/hooks/`` and the command-line
tools under ``scripts/`` are thin adapters over it; nothing here imports MkDocs.
"""
