"""Pages of a consultation series: thin views. A GET only reads; every change is a small POST view
that parses the form, calls one action and redirects (or shows the page again with everything
that was typed and the Dutch message, status 400). Participants' pages (sign-up, validation) need
no account: a token in the address."""

from __future__ import annotations

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from mia.consultations import actions, exports, report
from mia.consultations.access import CHANGE, VIEW, get_draft_for_signup, get_series_for, get_signup_by_token
from mia.consultations.actions import ConsultationError
from mia.consultations.forms import (
    AdviceForm,
    ClosingForm,
    CreationForm,
    DeadlineForm,
    DecisionForm,
    ImportForm,
    NotesForm,
    ParagraphForm,
    PartsForm,
    QuestionForm,
    QuoteForm,
    ReactionForm,
    RecommendationForm,
    SelectionForm,
    SeriesForm,
    SessionForm,
    SignUpForm,
    StatusForm,
    TextsForm,
    ThreadForm,
    features_text,
)
from mia.consultations.models import (
    Advice,
    ClosingRecommendation,
    Creation,
    Draft,
    Invitation,
    Paragraph,
    Part,
    Quote,
    Reaction,
    Recommendation,
    ReportFile,
    ResearchQuestion,
    SeriesThemes,
    Session,
    Thread,
)
from mia.consultations.rules import editor_organisations
from mia.core.exports import csv_response, xlsx_response
from mia.jobs.models import Job


def _fail(request, error) -> None:
    messages.error(request, str(error))


def _series_page(request, series, template: str, status: int = 200, **context):
    context.update(series=series, can_change=rules.has_perm(CHANGE, request.user, series))
    return render(request, f"consultations/{template}", context, status=status)


# --------------------------------------------------------------------------- #
# list, create, import
# --------------------------------------------------------------------------- #


def _list_page(request, form=None, import_form=None, import_error="", status=200):
    organisations = editor_organisations(request.user)
    from mia.consultations.models import Series

    series = Series.objects.filter(organisation__memberships__user=request.user).distinct().select_related("organisation")
    if form is None:
        form = SeriesForm(organisations=organisations, initial={
            "features": features_text(actions.DEFAULT_FEATURES), "organisation": organisations.first(),
            "retention_until": (timezone.localdate() + timezone.timedelta(days=365)).isoformat()})
    return render(request, "consultations/list.html", {
        "series_list": series, "form": form, "can_add": organisations.exists(),
        "import_form": import_form or ImportForm(), "import_error": import_error,
    }, status=status)


@login_required
@require_GET
def series_list(request):
    return _list_page(request)


@login_required
@require_POST
def create(request):
    organisations = editor_organisations(request.user)
    if not organisations.exists():
        raise PermissionDenied
    form = SeriesForm(request.POST, organisations=organisations)
    if not form.is_valid():
        return _list_page(request, form=form, status=400)
    try:
        series = actions.create_series(request.user, form.cleaned_data["organisation"], title=form.cleaned_data["title"],
                                       commissioner=form.cleaned_data["commissioner"], description=form.cleaned_data["description"],
                                       features=form.cleaned_data["features"], retention_until=form.cleaned_data["retention_until"])
    except ConsultationError as error:
        form.add_error(None, str(error))
        return _list_page(request, form=form, status=400)
    return redirect("consultations:series", series.pk)


@login_required
@require_POST
def import_json(request):
    from mia.consultations.schema import ImportError_, import_series

    organisations = editor_organisations(request.user)
    if not organisations.exists():
        raise PermissionDenied
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _list_page(request, import_form=form, status=400)
    try:
        series = import_series(form.cleaned_data["file"].read(), request.user, organisations.first())
    except ImportError_ as error:
        return _list_page(request, import_form=form, import_error=str(error), status=400)
    messages.success(request, _("De reeks is ingelezen."))
    return redirect("consultations:series", series.pk)


# --------------------------------------------------------------------------- #
# the series: questions and sessions
# --------------------------------------------------------------------------- #


@login_required
@require_GET
def series(request, pk):
    record = get_series_for(request.user, pk, VIEW)
    return _series_page(request, record, "series.html", question_form=QuestionForm(), session_form=SessionForm(series=record),
                        texts_form=TextsForm(initial={"summary": record.summary, "method_text": record.method_text}),
                        signup_url=request.build_absolute_uri(reverse("consultations:signup", args=[record.signup_token])))


@login_required
@require_POST
def add_question(request, pk):
    record = get_series_for(request.user, pk)
    form = QuestionForm(request.POST)
    if not form.is_valid():
        return _series_page(request, record, "series.html", 400, question_form=form, session_form=SessionForm(series=record),
                            texts_form=TextsForm())
    try:
        actions.add_question(record, theme=form.cleaned_data["theme"], text=form.cleaned_data["text"],
                             sub_questions=form.cleaned_data["sub_questions"])
    except ConsultationError as error:
        _fail(request, error)
    return redirect("consultations:series", pk)


@login_required
@require_POST
def save_texts(request, pk):
    record = get_series_for(request.user, pk)
    form = TextsForm(request.POST)
    if form.is_valid():
        actions.update_series(record, summary=form.cleaned_data["summary"], method_text=form.cleaned_data["method_text"])
    else:
        _fail(request, _("De tekst is te lang."))
    return redirect("consultations:series", pk)


@login_required
@require_POST
def add_session(request, pk):
    record = get_series_for(request.user, pk)
    form = SessionForm(request.POST, series=record)
    if not form.is_valid():
        return _series_page(request, record, "series.html", 400, question_form=QuestionForm(), session_form=form, texts_form=TextsForm())
    data = form.cleaned_data
    try:
        session = actions.add_session(record, request.user, title=data["title"], questions=data["questions"], date=data["date"],
                                      place=data["place"], setting=data["setting"], kind=data["kind"], capacity=data["capacity"])
    except ConsultationError as error:
        _fail(request, error)
        return redirect("consultations:series", pk)
    return redirect("consultations:session", pk, session.pk)


@login_required
@require_POST
def toggle_signup(request, pk):
    record = get_series_for(request.user, pk)
    actions.set_signup_open(record, request.POST.get("open") == "1")
    return redirect("consultations:series", pk)


# --------------------------------------------------------------------------- #
# a session: four parts, notes, creations, advice
# --------------------------------------------------------------------------- #


def _session_context(session, **forms):
    from mia.consultations.content import part_texts

    texts = part_texts()
    parts = []
    for part in Part:
        parts.append({"code": part.value, "label": part.label, "plan": session.parts.get(part.value) or {}, "method": texts[part.value],
                      "note_form": forms.get(f"note_{part.value}") or NotesForm(initial={"part": part.value, "text": session.notes.get(part.value, "")},
                                                                                  prefix=part.value)})
    return {"session": session, "parts": parts, "parts_form": forms.get("parts") or PartsForm(session=session),
            "creation_form": forms.get("creation") or CreationForm(), "advice_form": forms.get("advice") or AdviceForm()}


@login_required
@require_GET
def session(request, pk, session_pk):
    record = get_series_for(request.user, pk, VIEW)
    item = get_object_or_404(Session, pk=session_pk, series=record)
    return _series_page(request, record, "session.html", **_session_context(item))


@login_required
@require_GET
def session_print(request, pk, session_pk):
    record = get_series_for(request.user, pk, VIEW)
    item = get_object_or_404(Session, pk=session_pk, series=record)
    return render(request, "consultations/session_print.html", {"series": record, **_session_context(item)})


@login_required
@require_POST
def save_parts(request, pk, session_pk):
    record = get_series_for(request.user, pk)
    item = get_object_or_404(Session, pk=session_pk, series=record)
    form = PartsForm(request.POST, session=item)
    if not form.is_valid():
        return _series_page(request, record, "session.html", 400, **_session_context(item, parts=form))
    try:
        actions.save_parts(item, form.parts())
    except ConsultationError as error:
        _fail(request, error)
    return redirect("consultations:session", pk, session_pk)


@login_required
@require_POST
def save_notes(request, pk, session_pk, part):
    record = get_series_for(request.user, pk)
    item = get_object_or_404(Session, pk=session_pk, series=record)
    if part not in Part.values:
        raise Http404
    form = NotesForm(request.POST, prefix=part)
    if not form.is_valid():
        return _series_page(request, record, "session.html", 400, **_session_context(item, **{f"note_{part}": form}))
    actions.save_notes(item, part, form.cleaned_data["text"])
    return redirect(reverse("consultations:session", args=[pk, session_pk]) + f"#deel-{part}")


@login_required
@require_POST
def add_creation(request, pk, session_pk):
    record = get_series_for(request.user, pk)
    item = get_object_or_404(Session, pk=session_pk, series=record)
    form = CreationForm(request.POST, request.FILES)
    if not form.is_valid():
        return _series_page(request, record, "session.html", 400, **_session_context(item, creation=form))
    upload = form.cleaned_data.get("image")
    try:
        actions.add_creation(item, title=form.cleaned_data["title"], kind=form.cleaned_data["kind"],
                             description=form.cleaned_data["description"], image=upload.read() if upload else None)
    except ConsultationError as error:
        form.add_error("image", str(error))
        return _series_page(request, record, "session.html", 400, **_session_context(item, creation=form))
    return redirect(reverse("consultations:session", args=[pk, session_pk]) + "#creaties")


@login_required
@require_GET
def creation_image(request, pk, creation_pk):
    record = get_series_for(request.user, pk, VIEW)
    creation = get_object_or_404(Creation, pk=creation_pk, session__series=record, image__isnull=False)
    response = HttpResponse(bytes(creation.image), content_type="image/jpeg")
    response["Content-Disposition"] = "inline"
    return response


@login_required
@require_POST
def add_advice(request, pk, session_pk):
    record = get_series_for(request.user, pk)
    item = get_object_or_404(Session, pk=session_pk, series=record)
    form = AdviceForm(request.POST)
    if not form.is_valid():
        return _series_page(request, record, "session.html", 400, **_session_context(item, advice=form))
    actions.add_advice(item, level=form.cleaned_data["level"], text=form.cleaned_data["text"])
    return redirect(reverse("consultations:session", args=[pk, session_pk]) + "#advies")


REMOVABLE = {"advies": (Advice, "session__series"), "creatie": (Creation, "session__series"),
             "aanbeveling": (Recommendation, "series"), "citaat": (Quote, None), "draad": (Thread, "series"),
             "slot": (ClosingRecommendation, "series")}


@login_required
@require_POST
def remove(request, pk, kind, item_pk):
    record = get_series_for(request.user, pk)
    if kind not in REMOVABLE:
        raise Http404
    model, path = REMOVABLE[kind]
    if model is Quote:
        from django.db.models import Q

        item = Quote.objects.filter(Q(recommendation__series=record) | Q(thread__series=record), pk=item_pk).first()
        if item is None:
            raise Http404
    else:
        item = get_object_or_404(model, pk=item_pk, **{path: record})
    try:
        actions.remove(item)
    except ConsultationError as error:
        _fail(request, error)
    return redirect(request.POST.get("next") if str(request.POST.get("next", "")).startswith(f"/raadplegingen/{pk}/")
                    else reverse("consultations:series", args=[pk]))


# --------------------------------------------------------------------------- #
# recruitment
# --------------------------------------------------------------------------- #


@login_required
@require_GET
def signups(request, pk):
    record = get_series_for(request.user, pk)
    people = record.signups.select_related("contact").prefetch_related("available", "invitations__session")
    return _series_page(request, record, "signups.html", people=people, import_form=ImportForm(),
                        missing=report.who_is_missing(record))


@login_required
@require_POST
def import_signups(request, pk):
    record = get_series_for(request.user, pk)
    form = ImportForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            count = actions.import_signups(record, upload.read(), name=upload.name)
        except ConsultationError as error:
            form.add_error("file", str(error))
        else:
            messages.success(request, _("%(n)d aanmeldingen ingelezen.") % {"n": count})
            return redirect("consultations:signups", pk)
    people = record.signups.select_related("contact")
    return _series_page(request, record, "signups.html", 400, people=people, import_form=form, missing=report.who_is_missing(record))


@login_required
@require_GET
def recruitment(request, pk, session_pk):
    record = get_series_for(request.user, pk)
    item = get_object_or_404(Session, pk=session_pk, series=record)
    job = Job.objects.filter(kind=actions.SELECT_JOB, subject=f"consultations.session:{item.pk}").first()
    selection = item.selections.first()
    invitations = item.invitations.select_related("signup__contact", "participant")
    return _series_page(request, record, "recruitment.html", session=item, job=job, selection=selection,
                        invitations=invitations, pool_size=len(actions.session_pool(item)),
                        selection_form=SelectionForm(initial={"size": min(item.capacity, 20)}), status_form=StatusForm())


@login_required
@require_POST
def select(request, pk, session_pk):
    record = get_series_for(request.user, pk)
    item = get_object_or_404(Session, pk=session_pk, series=record)
    form = SelectionForm(request.POST)
    if not form.is_valid():
        _fail(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("consultations:recruitment", pk, session_pk)
    try:
        job = actions.start_selection(item, request.user, size=form.cleaned_data["size"], reserves=form.cleaned_data["reserves"])
    except ConsultationError as error:
        _fail(request, error)
        return redirect("consultations:recruitment", pk, session_pk)
    job.refresh_from_db()
    if job.status == "mislukt":
        _fail(request, job.message)
    return redirect("consultations:recruitment", pk, session_pk)


@login_required
@require_POST
def invite(request, pk, session_pk):
    record = get_series_for(request.user, pk)
    item = get_object_or_404(Session, pk=session_pk, series=record)
    selection = item.selections.first()
    if selection is None:
        raise Http404
    count = actions.invite(selection)
    messages.success(request, _("%(n)d mensen uitgenodigd.") % {"n": count})
    return redirect("consultations:recruitment", pk, session_pk)


@login_required
@require_POST
def set_status(request, pk, invitation_pk):
    record = get_series_for(request.user, pk)
    invitation = get_object_or_404(Invitation, pk=invitation_pk, session__series=record)
    form = StatusForm(request.POST)
    if form.is_valid():
        actions.set_intake_status(invitation, form.cleaned_data["status"])
    else:
        _fail(request, _("Kies een status uit de lijst."))
    return redirect(reverse("consultations:recruitment", args=[pk, invitation.session_id]) + f"#uitnodiging-{invitation.pk}")


@login_required
@require_GET
def invitation_letter(request, pk, invitation_pk):
    record = get_series_for(request.user, pk)
    invitation = get_object_or_404(Invitation.objects.select_related("session", "signup__contact", "participant"),
                                   pk=invitation_pk, session__series=record)
    links = {"personal": request.build_absolute_uri(reverse("consultations:participant", args=[invitation.signup.token])),
             "live": request.build_absolute_uri(reverse("live:participant", args=[invitation.participant.invite_token]))
             if invitation.participant else ""}
    return render(request, "consultations/invitation.html", {"series": record, "invitation": invitation, "links": links})


# --------------------------------------------------------------------------- #
# drafts and validation (analyst side)
# --------------------------------------------------------------------------- #


@login_required
@require_GET
def draft(request, pk, question_pk):
    record = get_series_for(request.user, pk, VIEW)
    question = get_object_or_404(ResearchQuestion, pk=question_pk, series=record)
    item = Draft.objects.filter(question=question).first()
    paragraphs = []
    if item:
        for p in report.draft_paragraphs(item):
            previous = p.versions.all()
            diff = report.paragraph_diff(previous.last().text, p.text) if previous else []
            paragraphs.append({"p": p, "form": ParagraphForm(initial={"heading": p.heading, "text": p.text, "meeting_note": p.meeting_note},
                                                             prefix=f"p{p.pk}"), "diff": diff, "reactions": list(p.reactions.all())})
    deadline_form = DeadlineForm(initial={"deadline": item.deadline, "validation_notes": item.validation_notes} if item else None)
    return _series_page(request, record, "draft.html", question=question, draft=item, paragraphs=paragraphs,
                        deadline_form=deadline_form, new_paragraph_form=ParagraphForm(prefix="new"))


@login_required
@require_POST
def make_draft(request, pk, question_pk):
    record = get_series_for(request.user, pk)
    question = get_object_or_404(ResearchQuestion, pk=question_pk, series=record)
    try:
        actions.make_draft(question)
    except ConsultationError as error:
        _fail(request, error)
    return redirect("consultations:draft", pk, question_pk)


@login_required
@require_POST
def edit_paragraph(request, pk, paragraph_pk):
    record = get_series_for(request.user, pk)
    paragraph = get_object_or_404(Paragraph.objects.select_related("draft"), pk=paragraph_pk, draft__series=record)
    form = ParagraphForm(request.POST, prefix=f"p{paragraph.pk}")
    if form.is_valid():
        try:
            actions.edit_paragraph(paragraph, form.cleaned_data["text"], reason=form.cleaned_data["reason"],
                                   meeting_note=form.cleaned_data["meeting_note"])
        except ConsultationError as error:
            _fail(request, error)
    else:
        _fail(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect(reverse("consultations:draft", args=[pk, paragraph.draft.question_id]) + f"#alinea-{paragraph.pk}")


@login_required
@require_POST
def add_paragraph(request, pk, question_pk):
    record = get_series_for(request.user, pk)
    item = get_object_or_404(Draft, question_id=question_pk, series=record)
    form = ParagraphForm(request.POST, prefix="new")
    if form.is_valid():
        actions.add_paragraph(item, heading=form.cleaned_data["heading"], text=form.cleaned_data["text"])
    else:
        _fail(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("consultations:draft", pk, question_pk)


@login_required
@require_POST
def set_deadline(request, pk, question_pk):
    record = get_series_for(request.user, pk)
    item = get_object_or_404(Draft, question_id=question_pk, series=record)
    form = DeadlineForm(request.POST)
    if form.is_valid():
        actions.set_deadline(item, form.cleaned_data["deadline"], form.cleaned_data["validation_notes"])
    else:
        _fail(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("consultations:draft", pk, question_pk)


@login_required
@require_POST
def decide(request, pk, reaction_pk):
    record = get_series_for(request.user, pk)
    reaction = get_object_or_404(Reaction.objects.select_related("paragraph__draft"), pk=reaction_pk, paragraph__draft__series=record)
    form = DecisionForm(request.POST, prefix=f"r{reaction.pk}")
    if form.is_valid():
        try:
            actions.decide_reaction(reaction, accept=form.cleaned_data["accept"], reason=form.cleaned_data["reason"],
                                    new_text=form.cleaned_data["new_text"])
        except ConsultationError as error:
            _fail(request, error)
    else:
        _fail(request, _("Schrijf kort waarom."))
    return redirect(reverse("consultations:draft", args=[pk, reaction.paragraph.draft.question_id]) + f"#alinea-{reaction.paragraph_id}")


# --------------------------------------------------------------------------- #
# rode draden, recommendations, closing list
# --------------------------------------------------------------------------- #


def _quote_candidates(record) -> list[dict]:
    out = []
    for card in actions.visible_cards(record.sessions.all())[:300]:
        out.append({"value": f"kaartje:{card.pk}", "text": card.text, "where": card.round.session.consultation_session.title})
    for advice in Advice.objects.filter(session__series=record).select_related("session")[:200]:
        out.append({"value": f"advies:{advice.pk}", "text": advice.text, "where": advice.session.title})
    for reaction in report.visible_reactions().filter(paragraph__draft__series=record).select_related("signup")[:200]:
        out.append({"value": f"reactie:{reaction.pk}", "text": reaction.text, "where": reaction.signup.pseudonym})
    for session in record.sessions.all():
        for index, part in enumerate(Part.values):
            text = (session.notes.get(part) or "").strip()
            if text:
                out.append({"value": f"notitie:{session.pk * 10 + index}", "text": text[:300], "where": session.title})
    return out


@login_required
@require_GET
def recommendations(request, pk):
    record = get_series_for(request.user, pk, VIEW)
    # The themes are found by a job (actions.start_themes); this page only shows the stored result.
    themes = SeriesThemes.objects.filter(series=record).first()
    themes_job = Job.objects.filter(kind=actions.THEMES_JOB, subject=actions.themes_subject(record)).first()
    if themes_job is not None and not themes_job.is_active and (
            themes_job.status != Job.Status.FAILED or (themes is not None and themes.computed_at > themes_job.created_at)):
        themes_job = None  # done: the stored result says it all; an old failure is no news
    themes_stale = themes is not None and themes_job is None and themes.fingerprint != actions.current_fingerprint(record)
    questions = list(record.questions.prefetch_related("recommendations__quotes"))
    from django.db.models import Q

    quotes = Quote.objects.filter(Q(recommendation__series=record) | Q(thread__series=record))
    stale = {q.pk for q in quotes if not actions.quote_is_current(q, record)}
    return _series_page(request, record, "recommendations.html", questions=questions, themes=themes, stale=stale,
                        themes_job=themes_job, themes_stale=themes_stale,
                        question_rows=[{"question": q, "rows": report.recommendation_rows(q)} for q in questions],
                        threads=record.threads.prefetch_related("sessions", "quotes"), closing=record.closing.all(),
                        thread_form=ThreadForm(series=record, prefix="draad"),
                        recommendation_form=RecommendationForm(series=record, prefix="aanbeveling"),
                        closing_form=ClosingForm(prefix="slot"), quote_form=QuoteForm(), candidates=_quote_candidates(record))


def _back_to_recommendations(pk, anchor=""):
    return redirect(reverse("consultations:recommendations", args=[pk]) + anchor)


@login_required
@require_POST
def find_themes(request, pk):
    record = get_series_for(request.user, pk)
    try:
        job = actions.start_themes(record, request.user)
    except ConsultationError as error:
        _fail(request, error)
        return _back_to_recommendations(pk, "#themas")
    job.refresh_from_db()
    if job.status == "mislukt":
        _fail(request, job.message)
    return _back_to_recommendations(pk, "#themas")


@login_required
@require_POST
def add_thread(request, pk):
    record = get_series_for(request.user, pk)
    form = ThreadForm(request.POST, series=record, prefix="draad")
    if form.is_valid():
        actions.add_thread(record, title=form.cleaned_data["title"], text=form.cleaned_data["text"], sessions=form.cleaned_data["sessions"])
    else:
        _fail(request, " ".join(e for errors in form.errors.values() for e in errors))
    return _back_to_recommendations(pk, "#rode-draden")


@login_required
@require_POST
def add_recommendation(request, pk):
    record = get_series_for(request.user, pk)
    form = RecommendationForm(request.POST, series=record, prefix="aanbeveling")
    if form.is_valid():
        try:
            actions.add_recommendation(form.cleaned_data["question"], level=form.cleaned_data["level"], text=form.cleaned_data["text"])
        except ConsultationError as error:
            _fail(request, error)
    else:
        _fail(request, " ".join(e for errors in form.errors.values() for e in errors))
    return _back_to_recommendations(pk, "#aanbevelingen")


@login_required
@require_POST
def add_quote(request, pk, kind, target_pk):
    record = get_series_for(request.user, pk)
    model = {"aanbeveling": Recommendation, "draad": Thread}.get(kind)
    if model is None:
        raise Http404
    target = get_object_or_404(model, pk=target_pk, series=record)
    form = QuoteForm(request.POST)
    if form.is_valid():
        source, source_id = form.cleaned_data["source"]
        try:
            actions.add_quote(target, source=source, source_id=source_id, excerpt=form.cleaned_data["excerpt"])
        except ConsultationError as error:
            _fail(request, error)
    else:
        _fail(request, " ".join(e for errors in form.errors.values() for e in errors))
    return _back_to_recommendations(pk, f"#{kind}-{target.pk}")


@login_required
@require_POST
def add_closing(request, pk):
    record = get_series_for(request.user, pk)
    form = ClosingForm(request.POST, prefix="slot")
    if form.is_valid():
        actions.add_closing(record, **form.cleaned_data)
    else:
        _fail(request, " ".join(e for errors in form.errors.values() for e in errors))
    return _back_to_recommendations(pk, "#tot-slot")


# --------------------------------------------------------------------------- #
# characteristics and the final report
# --------------------------------------------------------------------------- #


@login_required
@require_GET
def characteristics(request, pk):
    record = get_series_for(request.user, pk, VIEW)
    fmt = request.GET.get("format")
    if fmt in ("csv", "xlsx"):
        rows = exports.characteristics_rows(record)
        if fmt == "csv":
            return csv_response(exports.filename(record, "csv").replace(".csv", "-kenmerken.csv"), exports.CHARACTERISTICS_HEADER, rows)
        return xlsx_response(exports.filename(record, "xlsx").replace(".xlsx", "-kenmerken.xlsx"),
                             {"Kenmerken": (exports.CHARACTERISTICS_HEADER, rows)})
    return _series_page(request, record, "characteristics.html", tables=report.characteristics_tables(record),
                        missing=report.who_is_missing(record))


@login_required
@require_GET
def final_report(request, pk):
    record = get_series_for(request.user, pk, VIEW)
    fmt = request.GET.get("format")
    if fmt == "json":
        response = HttpResponse(exports.series_json_bytes(record), content_type="application/json")
        response["Content-Disposition"] = f'attachment; filename="{exports.filename(record, "json")}"'
        return response
    if fmt == "html":
        return HttpResponse(exports.report_html(record))
    if fmt in ("csv", "xlsx"):
        rows = exports.recommendation_rows(record)
        name = exports.filename(record, fmt).replace(f".{fmt}", f"-aanbevelingen.{fmt}")
        if fmt == "csv":
            return csv_response(name, exports.RECOMMENDATION_HEADER, rows)
        return xlsx_response(name, {"Aanbevelingen": (exports.RECOMMENDATION_HEADER, rows)})
    jobs = Job.objects.filter(kind=actions.REPORT_JOB, subject__startswith=f"consultations.series:{record.pk}:")
    wanted = request.GET.get("taak", "")
    job = jobs.filter(pk=int(wanted)).first() if wanted.isdigit() and len(wanted) < 12 else jobs.filter(
        status__in=("wacht", "bezig")).first()
    return _series_page(request, record, "report.html", report=report.final_report(record), job=job,
                        files=record.report_files.defer("content")[:6])


@login_required
@require_POST
def make_report(request, pk, fmt):
    record = get_series_for(request.user, pk, VIEW)
    try:
        job = actions.start_report(record, request.user, fmt)
    except ConsultationError as error:
        _fail(request, error)
        return redirect("consultations:report", pk)
    job.refresh_from_db()
    if job.status == "mislukt":
        _fail(request, job.message)
    return redirect(reverse("consultations:report", args=[pk]) + f"?taak={job.pk}")


@login_required
@require_GET
def report_file(request, pk, file_pk):
    record = get_series_for(request.user, pk, VIEW)
    made = get_object_or_404(ReportFile, pk=file_pk, series=record)
    content_type = "application/pdf" if made.format == "pdf" else (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    response = HttpResponse(bytes(made.content), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{made.filename}"'
    return response


# --------------------------------------------------------------------------- #
# participants: sign-up and validation, no account
# --------------------------------------------------------------------------- #


def _signup_page(request, record, form, status=200):
    return render(request, "consultations/public_signup.html", {"series": record, "form": form}, status=status)


def _series_by_signup_token(token):
    from mia.consultations.models import Series

    record = Series.objects.filter(signup_token=token[:64]).first()
    if record is None:
        raise Http404
    return record


@require_GET
def signup(request, token):
    record = _series_by_signup_token(token)
    return _signup_page(request, record, SignUpForm(series=record) if record.signup_open else None)


@require_POST
def signup_submit(request, token):
    from mia.live.actions import client_key

    record = _series_by_signup_token(token)
    if not record.signup_open:
        return _signup_page(request, record, None, status=400)
    form = SignUpForm(request.POST, series=record)
    if not form.is_valid():
        return _signup_page(request, record, form, status=400)
    data = form.cleaned_data
    try:
        person = actions.sign_up(record, name=data["name"], phone=data["phone"], email=data["email"], features=form.features(),
                                 available=data["available"], heard_via=data["heard_via"], consent=data["consent"],
                                 client_key=client_key(request.META))
    except ConsultationError as error:
        form.add_error(None, str(error))
        return _signup_page(request, record, form, status=400)
    return redirect("consultations:participant", person.token)


@require_GET
def participant(request, token):
    person = get_signup_by_token(token)
    drafts = list(actions.drafts_for(person).select_related("question"))
    return render(request, "consultations/participant.html", {
        "person": person, "series": person.series, "drafts": drafts,
        "invitations": person.invitations.select_related("session", "participant") if person.has_consent else [],
    })


@require_POST
def participant_withdraw(request, token):
    person = get_signup_by_token(token)
    actions.withdraw_consent(person)
    return redirect("consultations:participant", token)


def _participant_draft_page(request, person, item, forms=None, status=200):
    now = timezone.now()
    paragraphs = []
    for p in item.paragraphs.all():
        mine = list(p.reactions.filter(signup=person))
        paragraphs.append({"p": p, "mine": mine, "form": (forms or {}).get(p.pk) or ReactionForm(prefix=f"p{p.pk}")})
    return render(request, "consultations/participant_draft.html", {
        "person": person, "series": person.series, "draft": item, "paragraphs": paragraphs,
        "open": item.is_open_for_reactions(now),
    }, status=status)


@require_GET
def participant_draft(request, token, draft_pk):
    person = get_signup_by_token(token)
    return _participant_draft_page(request, person, get_draft_for_signup(person, draft_pk))


@require_POST
def participant_react(request, token, paragraph_pk):
    person = get_signup_by_token(token)
    paragraph = Paragraph.objects.filter(pk=paragraph_pk).select_related("draft").first()
    if paragraph is None:
        raise Http404
    item = get_draft_for_signup(person, paragraph.draft_id)
    form = ReactionForm(request.POST, prefix=f"p{paragraph.pk}")
    if not form.is_valid():
        return _participant_draft_page(request, person, item, {paragraph.pk: form}, status=400)
    try:
        actions.react(person, paragraph, kind=form.cleaned_data["kind"], text=form.cleaned_data["text"])
    except ConsultationError as error:
        form.add_error(None, str(error))
        return _participant_draft_page(request, person, item, {paragraph.pk: form}, status=400)
    messages.success(request, _("Dank u wel. Uw reactie is bewaard."))
    return redirect(reverse("consultations:participant_draft", args=[token, item.pk]) + f"#alinea-{paragraph.pk}")
