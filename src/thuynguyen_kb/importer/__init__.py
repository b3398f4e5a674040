"""Import the official text of the Committee's concluding observations into the site's data.

Run as ``python scripts/import_recommendations.py FILE --symbol SYMBOL [--lang en|vi]
[--docs DOCS] [--dry-run] [--json]`` from the repository root. FILE is the document as
downloaded from the UN Treaty Body Database: ``.docx`` (read paragraph by paragraph, tables,
content controls and page headers included, tracked changes as if accepted, Word's automatic
numbering computed as Word shows it: :mod:`.numbering`), ``.pdf`` (text extracted page by page,
its layout read from the characters' size and position: :mod:`.pdf_layout`), ``.html``/``.htm``
(a mirror's page, text only: :mod:`.html_input`) or ``.txt`` (UTF-8). DOCS must exist: the
importer never creates it.

What it writes (``--dry-run`` only says what it would write):

- ``DOCS/_data/recommendations/<slug>.yml``: every numbered paragraph with its section, cluster
  (letter, heading, articles), sub-heading, sub-item labels, footnote markers and text, and an
  ``integrity:`` block (the number of paragraphs and a SHA-256 digest of the rest, see
  :mod:`thuynguyen_kb.integrity`) by which the checks (DATA-INTEGRITY) tell a whole file from
  one cut or edited by hand. The importer owns this file: it is rewritten as a whole,
  deterministically, so that importing the same file twice changes nothing. ``--lang vi`` only adds
  the Vietnamese text of the paragraphs it finds (by number) to an existing file; the English data
  stays as it is, and an English re-import keeps the Vietnamese text of the paragraphs that are
  still there. An existing file that is not whole is refused, with how to restore it.
- ``DOCS/khuyen-nghi/p<N>.md`` and ``p<N>.en.md``: stub pages (English import only) for the
  paragraphs that have no page in either language, and the missing half of a pair whose other
  page is still the untouched stub (what a killed import leaves). Existing pages are never
  touched: the editors' summaries, themes and relations win over anything imported.

Every file is written atomically (a temporary file ``.<name>.<random>`` beside it, renamed into
place), the data file first: a killed import leaves whole files and no stub for a paragraph the
data file lacks. A temporary file a kill leaves behind is hidden, so never read by the site or
the checks; the next import names it for the maintainer to delete.

How the UN layout is read (all formats share one parser over a list of lines):

- Page furniture is dropped: empty lines, the symbol repeated as a page header, page numbers
  alone on a line, UN job numbers (``GE.…``) and bar codes. In PDFs the page is read from its
  characters' position, size and font (:mod:`.pdf_layout`): lines in the top or bottom margin
  that recur on other pages, or that are a page or job number, are headers and footers; the
  footnote text at the foot of a page (smaller type, lower half, starting like a note) is
  dropped; a footnote marker is a number in smaller type within its line; a bold line larger
  than the body text is a heading, so one that lost its letter ("Other recommendations") is
  still a cluster. A symbol followed by a full stop (a footnote citing the State party's report)
  is not the document's symbol.
- ``III. Title`` is a section, ``A. Title (arts. 4, 42 and 44 (6))`` a cluster with its articles.
  A single letter that is also a Roman numeral (``I.``, ``V.``) is a cluster when it is the next
  cluster letter of the section, and a section otherwise.
- A short line without a final full stop, after the end of a paragraph and followed by a
  paragraph or a heading, is a sub-heading; it applies until the next sub-heading, cluster or
  section.
- ``30. Text`` starts paragraph 30. Paragraph numbers only go up: a numbered line whose number
  is not higher than the previous paragraph's is never a new paragraph (it is a wrapped line or
  footnote text). A line that starts a block of its own (a DOCX paragraph, a text line after an
  empty one) and begins with a number and a full stop must carry the next number. In wrapped
  lines (PDF, text), a gap is allowed and warned about, up to 100 paragraphs. Any other number
  where a paragraph could start and followed by a capital letter (``99999. The``, a number used
  before, a lower one, a jump of more than 100) is an error, out of sequence or duplicate;
  four digits in a wrapped line are a year ending a sentence (``by\n2030. The``), never an error.
- ``(a)``, ``(b)`` … at the start of a line, after a clause ends, start a sub-item on its own line
  of the paragraph's text; the labels are recorded while they follow the alphabet.
- A number written right after a word or punctuation mark (``Convention.12 The``), a superscript
  run in DOCX and a footnote reference are footnote markers: recorded, then removed from the text.

Errors (not a concluding observations document, no symbol line or another symbol, a paragraph
number out of sequence or used twice, no numbered paragraph, a file that is damaged, encrypted,
not of its type or larger than any document (:mod:`.limits`), a docs folder that does not exist,
an existing data file that is not whole, a stub page whose front matter the page schema refuses)
print one line, ``FILE:LINE: message`` (``FILE: message`` where no line applies), on stderr and
exit 1, with nothing written. The line is the line of a text file, the paragraph of a DOCX file
(tables counted) or the line of the text extracted from a PDF (counted over all pages).
Warnings (gaps in the numbering, text outside any paragraph, leftover temporary files, …) are
printed and the exit code stays 0. With ``--json`` the parsed paragraphs are printed on stdout
as JSON and every human message goes to stderr.

The modules, in the order the data flows: :mod:`.errors` (the error that stops an import),
:mod:`.limits` (how much is read), :mod:`.lines` (the formats read into numbered lines, with
:mod:`.word` for DOCX and :mod:`.pdf`), :mod:`.footnotes` and :mod:`.shapes` (what one line is),
:mod:`.parser` (the lines read into paragraphs), :mod:`.data_file` (the YAML data file, whose
integrity block :mod:`thuynguyen_kb.integrity` defines), :mod:`.stubs` (the stub pages) and
:mod:`.command` (the command line).
"""
