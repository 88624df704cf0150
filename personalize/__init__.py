"""personalize: a profile and a general answer -> guidance for this diagnosis (GUIDANCE.md).

    tailor(profile, answer)                      a library answer or any answer text, tailored
    guide(profile, question=... | answer_text=...)   picks the library answer for a question first
    library()                                    the answer library (ids, titles, questions)
    Guidance.to_json_dict() / to_markdown() / to_html()
"""

from __future__ import annotations

from datetime import date

from extract.models import ProfileReport
from personalize.errors import InvalidAnswer, NoMatchingAnswer
from personalize.library import Library, LibraryAnswer, library
from personalize.models import Guidance
from personalize.tailor import tailor

__all__ = ["Guidance", "Library", "LibraryAnswer", "NoMatchingAnswer", "guide", "library", "tailor"]


def guide(
    profile: dict | ProfileReport,
    *,
    question: str | None = None,
    answer_text: str | None = None,
    today: date | None = None,
) -> Guidance:
    """Guidance for a question (answered from the library) or for a given general answer text.

    Raises `NoMatchingAnswer` when no library answer fits the question, and `InvalidAnswer`
    unless exactly one of `question` and `answer_text` is given.
    """
    if (question is None) == (answer_text is None):
        raise InvalidAnswer("Give either a question or a general answer text to tailor, not both and not neither.")
    if answer_text is not None:
        return tailor(profile, answer_text, today=today)
    if not question or not question.strip():
        raise InvalidAnswer("The question is empty. Ask about breast cancer in a sentence, for example 'What does HER2-low mean?'.")
    answer = library().best(question)
    return tailor(profile, answer, question=question.strip(), today=today)
