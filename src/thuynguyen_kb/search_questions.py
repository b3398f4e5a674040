"""Words of a query that say little about what is looked for: question words and stopwords.

"bao nhiêu kinh phí", "ai báo cáo", "how long is a session": the reader asks a question, and the
page that answers it holds "kinh phí", "báo cáo", "session", not always "bao nhiêu" or "how". So
search.js makes such words optional: a page need not hold them to be found, and one that does
ranks a little higher (they still count, weighted by their rarity like any word). A query of
optional words only ("ai làm gì", the name of a page) keeps them all required. A question that
asks what a term means ("… là gì", "what is …") ranks the glossary first among pages that
match as well (:func:`asks_definition`).

The lists are per language, written with their marks, and a query's words are compared with
them by search key (:mod:`thuynguyen_kb.search_keys`), with or without marks: "bao nhieu" is
the same question as "bao nhiêu". Marks are not used even when typed, so that a query typed
without them (on a phone without a Vietnamese keyboard) has the same optional words and so
finds the same pages in the same order. Where a listed word shares its key with a word of
subject, that word is optional too ("vệ" of "bảo vệ", as "về"; "cán" of "cán bộ", as "cần"): it
still counts in the ranking, a page need only not hold it. When the test was by the marked form,
"bảo vệ" required "vệ" and "bao ve" did not, and the two forms of a query ranked different pages
first. The keys travel to the browser in the index's ``meta.js``; :func:`optional` and
:func:`asks_definition` are the rules search.js applies, and a browser test checks that both
sides mark the same words.
"""

from __future__ import annotations

from thuynguyen_kb import search_keys
from thuynguyen_kb.vietnamese import words

# Words that are optional wherever they stand: question words, and the function words of
# common stopword lists that say nothing of the subject. An optional word still matches and
# counts; it is only not required. Words are compared by key, so a function word whose key is
# also that of a common word of subject is left out: "tại" (as "tài liệu"), "như" ("nhu cầu"),
# "đang" ("đăng ký"), "đã" ("đa dạng"), "cũng" ("cung cấp"), "từ" ("word"), "thế" ("đoàn
# thể"), "chưa" ("chưa thành niên"). Some are kept although their key is shared, as questions
# hold them too often: "có" ("cơ quan" then needs only "quan"), "về" ("vệ"), "cần" ("cán"),
# "để" ("đề"), "thì" ("thị"), "do" ("độ"), "trong" ("trọng"), "tôi" ("tội"). Leaving twelve
# such out (these but "có", and "mà", "mấy", "nếu", "đâu", "bị") lowered the Vietnamese MRR
# over the query sets in tests/ from 0.922 to 0.908. English "s" and "t" are what is
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


def _keys(text: str, language: str) -> list[str]:
    """The search key of each word of ``text``."""
    return [key for key in (search_keys.key(word, language) for word in words(text)) if key]


def browser_lists(language: str) -> dict[str, list[list[str]]]:
    """The lists of ``language`` as search.js reads them: each stopword, phrase and definition
    question as its words' search keys."""
    return {
        "stopwords": [_keys(word, language) for word in STOPWORDS.get(language, ())],
        "phrases": [_keys(phrase, language) for phrase in PHRASES.get(language, ())],
        "definitions": [_keys(phrase, language) for phrase in DEFINITIONS.get(language, ())],
    }


def _starts(typed: list[str], phrase: list[str]) -> list[int]:
    """Where ``phrase`` stands in the query's words (keys)."""
    return [
        start
        for start in range(len(typed) - len(phrase) + 1)
        if typed[start : start + len(phrase)] == phrase
    ]


def optional(query: str, language: str) -> list[bool]:
    """For each word of ``query``, whether it is optional (all required if all would be)."""
    typed = _keys(query, language)
    lists = browser_lists(language)
    listed = [[word] in lists["stopwords"] for word in typed]
    for phrase in lists["phrases"]:
        for start in _starts(typed, phrase):
            listed[start : start + len(phrase)] = [True] * len(phrase)
    return [False] * len(typed) if all(listed) else listed


def asks_definition(query: str, language: str) -> bool:
    """Whether ``query`` asks what a term means ("… là gì", "what is …")."""
    typed = _keys(query, language)
    return any(_starts(typed, phrase) for phrase in browser_lists(language)["definitions"])
