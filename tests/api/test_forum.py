"""Forum API: anonymous participants identified by their X-Participant token, one vote per statement whatever the
replays, clear refusals, and the analysis as `minga forum analyze` prints it."""

from __future__ import annotations

import pytest
from django.test import Client

from minga.forum.domain.analysis import analyze_question
from minga.forum.models import Vote
from tests.factories import make_question, make_statement

pytestmark = pytest.mark.django_db
TOKEN = {"HTTP_X_PARTICIPANT": "participant-token-0001"}


def test_a_participant_gets_the_next_statement_and_votes_once_whatever_the_replays() -> None:
    question = make_question()
    first, second = make_statement(question, "First"), make_statement(question, "Second")
    client = Client(HTTP_HOST="localhost")

    before = client.get(f"/api/v1/forum/questions/{question.pk}", **TOKEN).json()
    replies = [client.post(f"/api/v1/forum/questions/{question.pk}/votes", {"statement": first.pk, "vote": 1},
                           content_type="application/json", **TOKEN).status_code for _ in range(3)]  # fmt: skip
    after = client.get(f"/api/v1/forum/questions/{question.pk}", **TOKEN).json()

    assert before["next"] == {"id": first.pk, "text": "First", "language": "en"}
    assert replies == [200, 200, 200]
    assert after["next"] == {"id": second.pk, "text": "Second", "language": "en"}
    assert list(Vote.objects.values_list("statement_id", "value")) == [(first.pk, 1)]


def test_refusals_say_what_to_do() -> None:
    question = make_question(moderation="strict")
    waiting = make_statement(question, "Waiting", moderation=0)
    client = Client(HTTP_HOST="localhost")

    no_token = client.post(f"/api/v1/forum/questions/{question.pk}/votes", {"statement": waiting.pk, "vote": 1},
                           content_type="application/json")  # fmt: skip
    moderated = client.post(f"/api/v1/forum/questions/{question.pk}/votes", {"statement": waiting.pk, "vote": 1},
                            content_type="application/json", **TOKEN)  # fmt: skip

    assert (no_token.status_code, no_token.json()["errors"]) == (
        422, {"X-Participant": ["send a random token of 16 to 64 characters, the same every time"]})  # fmt: skip
    assert (moderated.status_code, moderated.json()) == (
        400, {"detail": "This statement was moderated out; votes on it are not taken.", "hint": "Vote on the next statement."})  # fmt: skip
    assert Vote.objects.count() == 0


def test_a_statement_added_through_the_api_waits_on_strict_questions() -> None:
    question = make_question(moderation="strict")

    made = Client(HTTP_HOST="localhost").post(f"/api/v1/forum/questions/{question.pk}/statements",
                                              {"text": "Public procurement for co-ops", "language": "en"},
                                              content_type="application/json", **TOKEN)  # fmt: skip

    assert made.status_code == 201
    assert made.json()["text"] == "Public procurement for co-ops"
    assert question.statements.get().moderation == 0


def test_the_analysis_endpoint_serves_the_stored_analysis_and_says_if_it_is_current() -> None:
    question = make_question()
    statements = [make_statement(question, f"S{i}") for i in range(6)]
    for p in range(8):
        client = Client(HTTP_HOST="localhost")
        for i, s in enumerate(statements):
            client.post(f"/api/v1/forum/questions/{question.pk}/votes", {"statement": s.pk, "vote": 1 if (p + i) % 3 else -1},
                        content_type="application/json", HTTP_X_PARTICIPANT=f"participant-{p:012d}")  # fmt: skip
    question.refresh_from_db()
    stored, _ = analyze_question(question)

    found = Client(HTTP_HOST="localhost").get(f"/api/v1/forum/questions/{question.pk}/analysis").json()

    assert found["up_to_date"] is True
    assert {k: found[k] for k in ("participants", "statements", "groups", "consensus", "topics")} == {
        k: stored[k] for k in ("participants", "statements", "groups", "consensus", "topics")}  # fmt: skip
