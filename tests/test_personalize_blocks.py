"""Splitting general answers into blocks with heading context: Markdown and plain text."""

from pathlib import Path

from personalize.blocks import is_markdown, parse_answer

ANSWERS = Path(__file__).parent / "fixtures" / "answers"


def test_plain_text_answer_headings_are_detected():
    parsed = parse_answer((ANSWERS / "car-t-general-answer.txt").read_text(encoding="utf-8"))
    assert parsed.title == "How does CAR-T cell therapy work for Breast Cancer"
    headings = list(dict.fromkeys(b.heading for b in parsed.blocks if b.heading))
    assert headings[:6] == [
        "For informational purposes only",
        "CAR-T Cell Therapy for Breast Cancer: How It Works",
        "The Basic Mechanism: How CAR-T Works",
        "Current Status in Breast Cancer",
        "Why CAR-T Is Challenging for Breast Cancer",
        "Questions to Ask Your Oncologist",
    ]
    her2 = next(b for b in parsed.blocks if b.text.startswith("HER2-positive breast cancer"))
    assert her2.role == "bullet" and her2.heading == "Current Status in Breast Cancer"
    intro = next(b for b in parsed.blocks if b.text.startswith("Important context"))
    assert intro.role == "paragraph"


def test_plain_text_with_blank_lines_joins_wrapped_paragraphs():
    parsed = parse_answer((ANSWERS / "foreign-lifestyle.txt").read_text(encoding="utf-8"))
    assert parsed.title == "Healthy Living After a Breast Cancer Diagnosis"
    first = parsed.blocks[0]
    assert first.text.startswith("Staying active") and first.text.endswith("fatigue and mood.")
    bullets = [b for b in parsed.blocks if b.role == "bullet"]
    assert len(bullets) == 3 and all(b.heading == "Diet and Alcohol" for b in bullets)
    assert parsed.blocks[-1].heading == "Supplements"


def test_markdown_keeps_nested_heading_context_and_drops_inline_markup():
    text = "# Title\n\nIntro with **bold** text.\n\n## Section\n\n### Sub\n\n- one\n- two `code`\n\n## Next\n\nPara\nwrapped.\n"
    assert is_markdown(text)
    parsed = parse_answer(text)
    assert parsed.title == "Title"
    assert [(b.role, b.text, b.headings) for b in parsed.blocks] == [
        ("paragraph", "Intro with bold text.", ()),
        ("bullet", "one", ("Section", "Sub")),
        ("bullet", "two code", ("Section", "Sub")),
        ("paragraph", "Para wrapped.", ("Next",)),
    ]


def test_a_sentence_is_never_taken_for_a_heading():
    parsed = parse_answer("Title line\nThis is a full sentence.\nAnother one here.\n")
    assert parsed.title == "Title line"
    assert [b.heading for b in parsed.blocks] == [None, None]
