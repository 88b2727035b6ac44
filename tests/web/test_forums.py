"""Forums on the web: voting one statement at a time (a cookie keeps the anonymous participant), adding a
statement, the moderation queue for organisers only, the results page and the synthesis downloads, in en/es/fr."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from django.test import Client

from minga.core.permissions import SYSTEM
from minga.forum.domain.analysis import analyze_question
from minga.forum.interfaces.polis_import import import_polis
from minga.forum.models import Forum, Question, Statement, Vote
from tests.factories import make_question, make_statement, make_user

pytestmark = pytest.mark.django_db


def test_an_anonymous_participant_votes_one_statement_at_a_time() -> None:
    question = make_question()
    first, _second = make_statement(question, "Cooperatives first"), make_statement(question, "Local money")
    client = Client(HTTP_HOST="localhost")

    page = client.get(f"/en/questions/{question.pk}/").content.decode()
    assert '<blockquote id="statement" lang="en">Cooperatives first</blockquote>' in page
    assert "You have voted on 0 of 2 statements." in page
    voted = client.post(f"/en/questions/{question.pk}/", {"statement": first.pk, "vote": "1"})
    replay = client.post(f"/en/questions/{question.pk}/", {"statement": first.pk, "vote": "1"})
    after = client.get(f"/es/questions/{question.pk}/").content.decode()

    assert (voted.status_code, replay.status_code) == (302, 302)
    assert list(Vote.objects.values_list("statement_id", "value")) == [(first.pk, 1)]
    assert '<blockquote id="statement" lang="en">Local money</blockquote>' in after
    assert "Ha votado 1 de 2 afirmaciones." in after


def test_a_participant_adds_a_statement_that_waits_on_strict_questions() -> None:
    question = make_question(moderation="strict")
    client = Client(HTTP_HOST="localhost")

    response = client.post(f"/fr/questions/{question.pk}/", {"text": "Des monnaies locales"}, follow=True)

    assert Statement.objects.get().text == "Des monnaies locales"
    assert "Merci : votre affirmation apparaîtra dès qu'un organisateur l'aura acceptée." in html.unescape(
        response.content.decode()
    )


def test_votes_on_a_closed_question_are_refused_with_a_clear_message() -> None:
    question = make_question(status="closed")
    s = make_statement(question, "Too late")

    response = Client(HTTP_HOST="localhost").post(
        f"/en/questions/{question.pk}/", {"statement": s.pk, "vote": "1"}
    )

    assert response.status_code == 400
    assert "The question &#x27;What should change?&#x27; is closed." in response.content.decode()
    assert Vote.objects.count() == 0


def test_only_organisers_moderate() -> None:
    organiser = make_user("organiser")
    question = make_question(organiser=organiser, moderation="strict")
    waiting = make_statement(question, "Waiting", moderation=0)
    stranger, client = Client(HTTP_HOST="localhost"), Client(HTTP_HOST="localhost")
    stranger.force_login(make_user("stranger"))
    client.force_login(organiser)

    refused = stranger.post(
        f"/en/questions/{question.pk}/moderation/", {"statement": waiting.pk, "action": "accept"}
    )
    queue = client.get(f"/en/questions/{question.pk}/moderation/").content.decode()
    client.post(f"/en/questions/{question.pk}/moderation/", {"statement": waiting.pk, "action": "accept"})

    assert refused.status_code == 403
    assert "1 statement waiting" in queue
    assert Statement.objects.get(pk=waiting.pk).moderation == 1


def test_a_link_only_forum_needs_its_invitation() -> None:
    question = make_question(access="link")
    client = Client(HTTP_HOST="localhost")

    assert client.get(f"/en/questions/{question.pk}/").status_code == 403
    assert client.get(f"/en/questions/{question.pk}/?invitation=secret-invitation").status_code == 200
    assert client.get(f"/en/questions/{question.pk}/").status_code == 200  # remembered in the session


def test_results_and_synthesis_pages_show_groups_consensus_and_downloads(shared_data: Path) -> None:
    qid = import_polis(shared_data / "polis-conversations" / "6da26haxpe", by=SYSTEM, via="test").question
    question = Question.objects.get(pk=qid)
    data, _ = analyze_question(question)
    forum = Forum.objects.get()
    client = Client(HTTP_HOST="localhost")

    results = client.get(f"/en/questions/{qid}/results/").content.decode()
    page = client.get(f"/fr/forums/{forum.pk}/synthesis/").content.decode()
    md = client.get(f"/en/forums/{forum.pk}/synthesis.md")
    pdf = client.get(f"/en/forums/{forum.pk}/synthesis.pdf")

    sizes = [len(g["participants"]) for g in data["groups"]]
    assert all(f"Group {chr(65 + i)}: {n} participants" in results for i, n in enumerate(sizes))
    top = Statement.objects.get(question=question, source_id=str(data["consensus"]["agree"][0]))
    assert f'<q lang="en">{top.text}</q>' in results.replace("&#x27;", "'")
    assert "Télécharger en PDF" in page
    assert (md["Content-Type"], pdf["Content-Type"], pdf.content[:5]) == (
        "text/markdown; charset=utf-8", "application/pdf", b"%PDF-")  # fmt: skip


def test_organisers_build_a_forum_with_the_forms() -> None:
    admin = make_user("admin", superuser=True)
    client = Client(HTTP_HOST="localhost")
    client.force_login(admin)

    client.post(
        "/en/forums/new/", {"title": "Global Virtual Forum on SSE 2026", "language": "en", "access": "open"}
    )
    forum = Forum.objects.get()
    client.post(f"/en/forums/{forum.pk}/sessions/new/", {"title": "Plenary", "kind": "plenary"})
    session = forum.sessions.get()
    client.post(f"/en/sessions/{session.pk}/rounds/new/", {"title": "1"})
    round_ = session.rounds.get()
    done = client.post(f"/en/rounds/{round_.pk}/questions/new/", {"title": "What future for the SSE?",
                                                                  "moderation": "strict", "allow_statements": "on"})  # fmt: skip

    question = Question.objects.get()
    assert done.status_code == 302 and done["Location"] == f"/en/questions/{question.pk}/"
    assert (forum.organisers.get(), question.moderation, question.allow_statements) == (admin, "strict", True)
    assert Client(HTTP_HOST="localhost").get("/en/forums/new/").status_code == 302  # sign in first


def test_a_forged_vote_is_refused_with_a_clear_message() -> None:
    question = make_question()
    make_statement(question, "Shown")

    response = Client(HTTP_HOST="localhost").post(
        f"/en/questions/{question.pk}/", {"statement": "x", "vote": "yes"}
    )

    assert response.status_code == 400
    assert "choose agree, disagree or pass on the statement shown" in response.content.decode()
    assert Vote.objects.count() == 0


def test_the_results_page_says_when_a_newer_analysis_is_ready() -> None:
    question = make_question()
    statement = make_statement(question, "Shown")
    client = Client(HTTP_HOST="localhost")
    client.post(f"/en/questions/{question.pk}/", {"statement": statement.pk, "vote": "1"})

    page = client.get(f"/en/questions/{question.pk}/results/").content.decode()
    polled = client.get(f"/en/questions/{question.pk}/results/?status=1&shown=0").content.decode()
    analyze_question(Question.objects.get(pk=question.pk))
    ready = client.get(f"/en/questions/{question.pk}/results/?status=1&shown=0").content.decode()

    assert f'hx-get="/en/questions/{question.pk}/results/?status=1&amp;shown=0" hx-trigger="every 3s"' in page
    assert "New votes are being counted: this page shows the last analysis." in polled and "hx-get" in polled
    assert "A newer analysis is ready." in ready and "hx-get" not in ready
