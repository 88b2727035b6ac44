"""Taking part: one vote per participant and statement (a replay changes nothing, a new value replaces the old),
refusals for closed questions, moderated-out and waiting statements, access rules, and new statements."""

from __future__ import annotations

import pytest

from minga.core.errors import MingaError, PermissionDenied, ValidationFailed
from minga.forum.domain.voting import add_statement, cast_vote, next_statement, participant_for
from minga.forum.models import Participant, ParticipantKey, Question, Vote
from tests.factories import make_question, make_statement, make_user

pytestmark = pytest.mark.django_db


def test_a_replayed_vote_writes_one_row_and_a_new_value_replaces_the_old() -> None:
    question = make_question()
    s = make_statement(question, "More cooperatives in public procurement")
    someone = participant_for(question, token="t" * 20)

    for _ in range(3):
        cast_vote(question, s.pk, 1, participant=someone)
    cast_vote(question, s.pk, -1, participant=someone)

    assert list(Vote.objects.values_list("participant_id", "statement_id", "value")) == [
        (someone.pk, s.pk, -1)
    ]
    assert Question.objects.get(pk=question.pk).votes_version == 2  # the replays changed nothing
    assert type(s).objects.get(pk=s.pk).vote_count == 1


def test_the_same_token_is_the_same_participant_and_nothing_personal_is_on_it() -> None:
    question = make_question()
    user = make_user()

    assert participant_for(question, token="a" * 20) == participant_for(question, token="a" * 20)
    assert participant_for(question, user=user) == participant_for(question, user=user)
    assert Participant.objects.count() == 2
    assert ParticipantKey.objects.filter(user=user).count() == 1
    assert all(p.pseudonym.startswith("p-") for p in Participant.objects.all())


def test_closed_questions_and_moderated_out_or_waiting_statements_take_no_vote() -> None:
    strict = make_question(moderation="strict")
    rejected = make_statement(strict, "Rejected", moderation=-1)
    waiting = make_statement(strict, "Waiting", moderation=0)
    someone = participant_for(strict, token="b" * 20)

    for statement in (rejected, waiting):
        with pytest.raises(MingaError) as caught:
            cast_vote(strict, statement.pk, 1, participant=someone)
        assert caught.value.message == "This statement was moderated out; votes on it are not taken."
    accepted = make_statement(strict, "Accepted")
    Question.objects.filter(pk=strict.pk).update(status="closed")
    with pytest.raises(MingaError) as closed:
        cast_vote(strict, accepted.pk, 1, participant=someone)
    assert closed.value.message == "The question 'What should change?' is closed."
    assert Vote.objects.count() == 0


def test_bad_values_and_foreign_statements_are_refused() -> None:
    question, other = make_question(), make_question(title="Other")
    s, elsewhere = make_statement(question, "Here"), make_statement(other, "There")
    someone = participant_for(question, token="c" * 20)

    with pytest.raises(ValidationFailed) as bad_value:
        cast_vote(question, s.pk, 2, participant=someone)
    with pytest.raises(ValidationFailed) as foreign:
        cast_vote(question, elsewhere.pk, 1, participant=someone)

    assert bad_value.value.errors == {"vote": ["1 (agree), -1 (disagree) or 0 (pass)"]}
    assert foreign.value.errors == {"statement": [f"no statement {elsewhere.pk} in this question"]}


def test_link_only_and_signed_in_forums_let_in_only_whom_they_should() -> None:
    link, signed = make_question(access="link"), make_question(access="signed_in")

    with pytest.raises(PermissionDenied):
        participant_for(link, token="d" * 20)
    with pytest.raises(PermissionDenied):
        participant_for(signed, token="d" * 20)

    assert participant_for(link, token="d" * 20, invitation="secret-invitation").question == link
    assert participant_for(signed, user=make_user()).question == signed


def test_the_next_statement_is_the_least_voted_not_yet_voted_visible_one() -> None:
    question = make_question(moderation="strict")
    first, second = make_statement(question, "First"), make_statement(question, "Second")
    make_statement(question, "Waiting", moderation=0)
    a, b = participant_for(question, token="e" * 20), participant_for(question, token="f" * 20)
    cast_vote(question, first.pk, 1, participant=a)

    assert next_statement(question, b) == second  # fewer votes first
    assert next_statement(question, a) == second
    cast_vote(question, second.pk, 0, participant=a)
    assert next_statement(question, a) is None


def test_statements_wait_on_strict_questions_and_duplicates_are_refused() -> None:
    question = make_question(moderation="strict")
    someone = participant_for(question, token="g" * 20)

    added = add_statement(question, "  Local  currencies keep money in town ", participant=someone)
    with pytest.raises(ValidationFailed) as twice:
        add_statement(question, "local currencies keep money in town", participant=someone)
    with pytest.raises(ValidationFailed) as empty:
        add_statement(question, "   ", participant=someone)

    assert (added.text, added.moderation, added.author) == ("Local currencies keep money in town", 0, someone)
    assert next_statement(question, someone) is None  # waits for an organiser
    assert twice.value.errors == {"text": ["this statement is already there: vote on it instead"]}
    assert empty.value.errors == {"text": ["write a statement"]}
