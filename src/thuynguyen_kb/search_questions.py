"""Words of a query that say little about what is looked for: question words and stopwords.

"bao nhiêu kinh phí", "ai báo cáo", "how long is a session": the reader asks a question, and the
page that answers it holds "kinh phí", "báo cáo", "session", not always "bao nhiêu" or "how". So
search.js makes such words optional: a page need not hold them to be found, and one that does
ranks a little higher (they still count, weighted by their rarity like any word). A query of
optional words only ("ai làm gì", the name of a page) keeps them all required. A question that
asks what a term means ("… là gì", "what is …") ranks the glossary first among pages that
match as well (:func:`asks_definition`).

The lists are per language, written with their marks. A word typed with marks is compared
with them as written (lower case, :func:`thuynguyen_kb.vietnamese.canonical`): "thể" in "đoàn
thể" is not "thế"; one typed without marks by its search key (:mod:`thuynguyen_kb.search_keys`),
so "bao nhieu" is the same question as "bao nhiêu". They travel to the browser in the index's
``meta.js``; :func:`optional` and :func:`asks_definition` are the rules search.js applies, and
a browser test checks that both sides mark the same words.
"""

from __future__ import annotations

from thuynguyen_kb import search_keys
from thuynguyen_kb.vietnamese import canonical, fold, words

# Words that are optional wherever they stand: question words, and the function words of
# common stopword lists that say nothing of the subject. An optional word still matches and
# counts; it is only not required. A word typed without marks is compared by its key, so a
# function word whose key is also that of a common word of subject is left out: "tại" (as
# "tài liệu"), "như" ("nhu cầu"), "đang" ("đăng ký"), "đã" ("đa dạng"), "cũng" ("cung cấp"),
# "từ" ("word"), "thế" ("đoàn thể"), "chưa" ("chưa thành niên"). "có" is kept, though "co
# quan" then needs only "quan": too many questions hold it. English "s" and "t" are what is
# left of "prosecutor's" and "don't" once the apostrophe splits the word.
STOPWORDS = {
    "vi": (
        "ai", "gì", "nào", "đâu", "sao", "không", "có", "là", "của", "và", "với", "cho", "các",
        "những", "một", "được", "thì", "mà", "ở", "về", "để", "hay", "hoặc", "tôi", "cần",
        "phải", "muốn", "nên", "bị", "mấy", "do", "trong", "theo", "vào", "khi", "nếu",
        "rằng", "này", "sẽ",
    ),
    "en": (
        "a", "an", "the", "of", "to", "in", "on", "for", "by", "with", "and", "or", "is", "are",
        "was", "be", "do", "does", "did", "can", "could", "should", "what", "who", "whom",
        "whose", "which", "where", "when", "how", "why", "my", "our", "i", "we", "you", "it",
        "there", "this", "that", "if", "at", "from", "about", "me", "need", "get", "have",
        "has", "had", "any", "some", "its", "their", "they", "them", "into", "as", "so", "than",
        "up", "yet", "also", "just", "been", "were", "will", "would", "may", "under", "over",
        "after", "before", "between", "within", "among", "per", "via", "s", "t",
    ),
}  # fmt: skip
# Phrases whose words are optional when they stand together ("bao" alone is not a question).
# "vai trò": "X có vai trò gì" asks what X does, as "X làm gì" does; it is not an everyday word
# for "nhiệm vụ" in search-terms.yml, since that would file "trò" (of "trò chơi") under every
# section that names a task.
PHRASES = {
    "vi": (
        "bao nhiêu", "bao lâu", "bao giờ", "khi nào", "lúc nào", "ở đâu", "như thế nào", "thế nào",
        "là gì", "làm gì", "làm sao", "tại sao", "vì sao", "có phải", "ra sao", "nghĩa là",
        "viết tắt của", "vai trò",
    ),
    "en": (
        "how long", "how much", "how many", "how often", "what kind", "stand for", "meaning of",
        "definition of",
    ),
}  # fmt: skip
# Questions that ask what a term means: search.js then ranks the glossary, where terms are
# defined, before other pages that match as well (DEFINITION in search.js).
DEFINITIONS = {
    "vi": ("là gì", "nghĩa là gì", "nghĩa là", "viết tắt của"),
    "en": ("what is", "what are", "what does", "stand for", "meaning of", "definition of"),
}  # fmt: skip


def _spellings(text: str, language: str) -> list[list[str]]:
    """Each word of ``text`` as ``[canonical form, search key]``."""
    return [[canonical(word), search_keys.key(word, language)] for word in words(text)]


def browser_lists(language: str) -> dict[str, list[list[list[str]]]]:
    """The lists of ``language`` as search.js reads them: each stopword and each phrase as its
    words' ``[canonical form, search key]``."""
    return {
        "stopwords": [_spellings(word, language) for word in STOPWORDS.get(language, ())],
        "phrases": [_spellings(phrase, language) for phrase in PHRASES.get(language, ())],
        "definitions": [_spellings(phrase, language) for phrase in DEFINITIONS.get(language, ())],
    }


def _same(word: list[str], listed: list[str]) -> bool:
    """Whether a query word (``[form, key]``) is a listed word: by its form if typed with marks."""
    marked = fold(word[0]) != word[0]
    return word[0] == listed[0] if marked else word[1] == listed[1]


def _starts(typed: list[list[str]], phrase: list[list[str]]) -> list[int]:
    """Where ``phrase`` stands in the query's words."""
    return [
        start
        for start in range(len(typed) - len(phrase) + 1)
        if all(_same(typed[start + i], listed) for i, listed in enumerate(phrase))
    ]


def _typed(query: str, language: str) -> list[list[str]]:
    return [word for word in _spellings(query, language) if word[1]]


def optional(query: str, language: str) -> list[bool]:
    """For each word of ``query``, whether it is optional (all required if all would be)."""
    typed = _typed(query, language)
    lists = browser_lists(language)
    marked = [any(_same(word, stop[0]) for stop in lists["stopwords"]) for word in typed]
    for phrase in lists["phrases"]:
        for start in _starts(typed, phrase):
            marked[start : start + len(phrase)] = [True] * len(phrase)
    return [False] * len(typed) if all(marked) else marked


def asks_definition(query: str, language: str) -> bool:
    """Whether ``query`` asks what a term means ("… là gì", "what is …")."""
    typed = _typed(query, language)
    return any(_starts(typed, phrase) for phrase in browser_lists(language)["definitions"])
