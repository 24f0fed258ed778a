"""Quiz data used by several test modules."""

import copy

TRICKY = "<script>alert(\"x\")</script> & 'quotes'"

VALID = {
    "title": "Sample " + TRICKY,
    "questions": [
        {
            "id": "pick-one",
            "type": "single",
            "prompt": "Which? " + TRICKY,
            "options": [
                {
                    "id": "a",
                    "text": "Right " + TRICKY,
                    "correct": True,
                    "feedback": "Yes " + TRICKY,
                },
                {"id": "b", "text": "Wrong", "feedback": "No, because."},
                {"id": "c", "text": "Also wrong"},
            ],
            "explanation": "Explained " + TRICKY,
            "source": "Source " + TRICKY,
            "source_url": 'https://example.org/a?b=1&c="2"',
        },
        {
            "id": "pick-all",
            "type": "multiple",
            "prompt": "Which ones?",
            "options": [
                {"id": "x", "text": "X", "correct": True, "feedback": "X is in."},
                {"id": "y", "text": "Y", "correct": True},
                {"id": "z", "text": "Z", "feedback": "Z is out."},
            ],
            "explanation": "X and Y.",
            "source": "S",
        },
        {
            "id": "how-many",
            "type": "numeric",
            "prompt": "How many?",
            "answer": {"param": "count"},
            "tolerance": 0.5,
            "unit": "hectares",
            "feedback_low": "More.",
            "feedback_high": "Fewer.",
            "explanation": "Five.",
            "source": "S",
        },
        {
            "id": "in-order",
            "type": "ordering",
            "prompt": "Order them.",
            "items": [
                {"id": "first", "text": "First"},
                {"id": "second", "text": "Second"},
                {"id": "third", "text": "Third"},
                {"id": "fourth", "text": "Fourth " + TRICKY},
            ],
            "explanation": "By date.",
            "source": "S",
        },
    ],
}
PARAMS = {"count": 5}


def valid():
    return copy.deepcopy(VALID)
