"""Errors of the personalization stage, in the project's one taxonomy (`ingest.errors`)."""

from __future__ import annotations

from ingest.errors import OncoguideError


class PersonalizeError(OncoguideError):
    """A profile, question or answer could not be turned into guidance."""

    code = "personalize_error"
    exit_code = 20
    http_status = 422


class NoMatchingAnswer(PersonalizeError):
    code = "no_matching_answer"
    exit_code = 27
    http_status = 404
    default_message = (
        "No answer in the library fits this question. Ask about breast cancer in other words "
        "(for example 'What does HER2-low mean?'), pick one of the library's questions "
        "(`oncoguide guide --list`), or give a general answer text to tailor (--answer-file)."
    )


class InvalidProfile(PersonalizeError):
    code = "invalid_profile"
    exit_code = 28
    http_status = 422
    default_message = (
        "The profile does not follow the PROFILE.md contract, so guidance cannot be tailored to it. "
        "Produce it again with `oncoguide profile FILE... --json`, or fix the fields named here."
    )


class InvalidAnswer(PersonalizeError):
    code = "invalid_answer"
    exit_code = 29
    http_status = 422
    default_message = (
        "The answer to tailor is empty or unreadable. Give a question, or a general answer as "
        "UTF-8 text or Markdown with at least one sentence."
    )
