"""``minga forum …``: thin wrappers over the forum domain functions."""

from __future__ import annotations

import argparse
import json
from typing import Any


def add_commands(sub: Any) -> None:
    p = sub.add_parser("forum", help="forums: import Pol.is conversations, analyse questions, synthesise")
    forum = p.add_subparsers(dest="forum_command", required=True)
    q = forum.add_parser("import-polis", help="import a Pol.is export folder as a question; prints its id")
    q.add_argument("path", help="folder with conversation.json, comments.json and votes.json")
    q.add_argument("--question-title", help="the question's title (default: the conversation's topic)")
    q.add_argument("--round", type=int, help="put the question in this round (default: a new forum)")
    q.add_argument("--user", help="act as this user (permissions and audit); default: the local operator")
    q = forum.add_parser("analyze", help="opinion groups, representative statements, consensus and topics")
    q.add_argument("question", type=int)
    q.add_argument("--json", action="store_true")
    q = forum.add_parser("export-polis", help="write a question in Pol.is's CSV export layout")
    q.add_argument("question", type=int)
    q.add_argument("--output", "-o", required=True, help="a folder (created if missing)")
    q = forum.add_parser("synthesis", help="a forum's conclusions across sessions, as Markdown or PDF")
    q.add_argument("forum", type=int)
    q.add_argument("--format", choices=["md", "pdf"], default="md")
    q.add_argument("--output", "-o", help="file to write (default: print Markdown)")


def cmd_forum(args: argparse.Namespace) -> int:
    from minga.core.errors import NotFound
    from minga.forum.models import Forum, Question

    if args.forum_command == "import-polis":
        from minga.cli import _user
        from minga.forum.interfaces.polis_import import import_polis

        done = import_polis(args.path, question_title=args.question_title, round_id=args.round,
                            by=_user(args.user), via="cli")  # fmt: skip
        print(done.question)
        return 0
    if args.forum_command in ("analyze", "export-polis"):
        question = Question.objects.filter(pk=args.question).first()
        if question is None:
            raise NotFound(
                f"No question with id {args.question}.", hint="Import one with: minga forum import-polis DIR"
            )
        if args.forum_command == "export-polis":
            from minga.forum.interfaces.polis_export import export_polis

            written = export_polis(question, args.output)
            print(f"Wrote {', '.join(p.name for p in written)} to {args.output}")
            return 0
        from minga.forum.domain.analysis import analyze_question
        from minga.forum.domain.analysis import summary as summarise

        data, _result = analyze_question(question)
        summary = summarise(data)
        if args.json:
            print(json.dumps(summary, ensure_ascii=False))
            return 0
        print(f"{question.title}: {summary['participants']} participants, {summary['statements']} statements")
        for g in summary["groups"]:
            reps = ", ".join(f"{r['statement']} ({r['direction']})" for r in g["representative"][:5])
            print(f"  group {g['id']}: {len(g['participants'])} participants; representative: {reps}")
        print(
            f"  consensus agree: {summary['consensus']['agree'][:5]}; disagree: {summary['consensus']['disagree'][:5]}"
        )
        for t in summary["topics"]:
            print(f"  topic {t['label']!r}: {len(t['statements'])} statements")
        return 0
    forum_ = Forum.objects.filter(pk=args.forum).first()
    if forum_ is None:
        raise NotFound(f"No forum with id {args.forum}.", hint="List forums on /en/forums/.")
    from minga.forum.domain.synthesis import synthesise
    from minga.forum.interfaces.synthesis_export import to_markdown, to_pdf

    found = synthesise(forum_)
    if args.format == "pdf":
        if not args.output:
            print("minga: --output FILE is needed for a PDF")
            return 2
        with open(args.output, "wb") as handle:
            handle.write(to_pdf(found))
        print(f"Wrote {args.output}")
        return 0
    text = to_markdown(found)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as handle:
            handle.write(text)
        print(f"Wrote {args.output}")
    else:
        print(text)
    return 0
