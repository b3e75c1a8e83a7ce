#!/usr/bin/env python
"""Time and peak memory to build the final report of a large consultation series.

A series of 7 sessions × 20 attendees on 5 research questions, with 1,000 cards (through the live
dialogue's records), 200 validation reactions, 50 workshop photos (1600 × 1200 JPEGs after the app's
own resizing) and recommendations with quotes at three levels, on a fresh SQLite database (or
DATABASE_URL) in a temporary data folder. Prints one JSON object: the seconds and the peak memory
(Python allocations, tracemalloc; and the process's maximum resident size) for the HTML, the PDF
and the DOCX, and the sizes. Goal: the PDF under 5 s.

    .venv/bin/python bench/consultation_report.py [--cards 1000] [--reactions 200] [--photos 50]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def photo(n: int) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (2400, 1800), (40 + n * 4 % 200, 90, 140))
    draw = ImageDraw.Draw(image)
    for i in range(0, 2400, 60):
        draw.line((i, 0, 2400 - i, 1800), fill=(255, (i + n) % 255, 0), width=6)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=90)
    return out.getvalue()


def build(user, organisation, cards: int, reactions: int, photos: int):
    from django.utils import timezone

    from mia.consultations import actions
    from mia.consultations.models import IntakeStatus
    from mia.dialogues import actions as dialogue_actions

    series = actions.create_series(user, organisation, title="Samenleven in verschil (benchmark)")
    questions = [actions.add_question(series, theme=f"Thema {i + 1}", text=f"Onderzoeksvraag {i + 1}?") for i in range(5)]
    sessions = [actions.add_session(series, user, title=f"Sessie {i + 1}", place=f"Plaats {i + 1}", questions=[questions[i % 5]])
                for i in range(7)]
    features = series.features
    people = []
    for i in range(140):
        people.append(actions.sign_up(series, name=f"Persoon {i}", phone=f"06{i:08d}", consent=True, available=sessions, source="import",
                                      features={f["name"]: f["categories"][(i // (k + 1)) % len(f["categories"])]
                                                for k, f in enumerate(features)}))
    for s, session in enumerate(sessions):
        for person in people[s * 20:(s + 1) * 20]:
            actions.set_intake_status(actions.add_invitation(session, person), IntakeStatus.AANWEZIG)
        for part in ("diepte", "betekenis", "werkplaats", "advies"):
            actions.save_notes(session, part, f"Notities bij {part} in {session.title}. " * 20)
        actions.add_advice(session, level="lokaal", text="Open het buurthuis ook in het weekend.")
        actions.add_advice(session, level="landelijk", text="Geef gemeenten geld voor ontmoeting.")
    for n in range(photos):
        actions.add_creation(sessions[n % 7], title=f"Creatie {n + 1}", kind="prototype", description="Karton en tape.", image=photo(n))
    per_session = cards // 7
    for s, session in enumerate(sessions):
        rounds = [r for r in dialogue_actions.ensure_rounds(session.dialogue) if not r.is_closing]
        participants = [i.participant for i in session.invitations.select_related("participant")]
        for c in range(per_session + (cards % 7 if s == 6 else 0)):
            round_ = rounds[c % 4]
            dialogue_actions.save_card(round_, participant=participants[c % 20], kind=round_.card_kinds[0],
                                       text=f"Kaartje {c} van {session.title}: ontmoeting op de markt en in de bibliotheek.")
    drafts = []
    for q in questions:
        draft = actions.make_draft(q)
        actions.set_deadline(draft, timezone.now() + timezone.timedelta(days=7))
        drafts.append(draft)
    made = []
    for n in range(reactions):
        draft = drafts[n % 5]
        session = draft.question.sessions.first()
        person = session.invitations.all()[n % 20].signup
        paragraph = draft.paragraphs.all()[n % draft.paragraphs.count()]
        made.append(actions.react(person, paragraph, kind=["aanvullen", "corrigeren", "verdiepen"][n % 3], text=f"Reactie {n}: dit klopt bijna."))
    for n, reaction in enumerate(made):
        if n % 2:
            actions.decide_reaction(reaction, accept=n % 4 == 1, reason="Gelezen.")
    for q in questions:
        for level in ("overkoepelend", "landelijk", "lokaal"):
            rec = actions.add_recommendation(q, level=level, text=f"Aanbeveling {level} bij {q.theme}.")
            actions.add_quote(rec, source="reactie", source_id=made[questions.index(q)].pk)
    for n in range(6):
        actions.add_thread(series, title=f"Rode draad {n + 1}", text="Gezien in alle sessies.", sessions=sessions)
        actions.add_closing(series, title=f"Aanbeveling {n + 1}", recommendation="Doe dit.", goal="Daarom.")
    return series


def timed(label, fn):
    """Time one run without tracing (tracemalloc slows Python code several times over), then measure
    the peak of Python allocations in a second, traced run."""
    start = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - start
    cpu_start = time.process_time()
    tracemalloc.start()
    fn()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return result, {"seconds": round(seconds, 2), "traced_run_cpu_seconds": round(time.process_time() - cpu_start, 2),
                    "peak_python_mb": round(peak / 1e6, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=1000)
    parser.add_argument("--reactions", type=int, default=200)
    parser.add_argument("--photos", type=int, default=50)
    args = parser.parse_args()
    os.environ.setdefault("MIA_DATA_DIR", tempfile.mkdtemp(prefix="mia-bench-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "mia.settings"
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection

    from mia.accounts.models import Membership, Organisation
    from mia.consultations import exports
    from mia.instrument.loader import load_content_file

    call_command("migrate", verbosity=0)
    load_content_file()
    user = get_user_model().objects.create_user("bench", password="x" * 20)
    organisation = Organisation.objects.create(name="Ministerie van Benchmarks")
    Membership.objects.create(user=user, organisation=organisation, role="kernteam")
    start = time.perf_counter()
    series = build(user, organisation, args.cards, args.reactions, args.photos)
    build_seconds = round(time.perf_counter() - start, 1)
    html, html_stats = timed("html", lambda: exports.report_html(series))
    pdf, pdf_stats = timed("pdf", lambda: exports.report_pdf(series))
    docx, docx_stats = timed("docx", lambda: exports.report_docx(series))
    print(json.dumps({
        "database": connection.vendor,
        "load_average": round(os.getloadavg()[0], 2),
        "series": {"sessions": 7, "attendees_per_session": 20, "cards": args.cards, "reactions": args.reactions,
                   "photos": args.photos, "build_s": build_seconds},
        "html": {**html_stats, "bytes": len(html)},
        "pdf": {**pdf_stats, "bytes": len(pdf)},
        "docx": {**docx_stats, "bytes": len(docx)},
        "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "goal_pdf_under_5_s": pdf_stats["seconds"] < 5,
    }, indent=2))


if __name__ == "__main__":
    main()
