"""Forms of the inclusion trajectory. They validate and clean (Dutch messages); they never save:
the views hand ``cleaned_data`` to one action."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from mia.core.forms import CleanTextMixin, dutch_errors, long_text, short_text, strip_control_chars
from mia.inclusion.actions import MAX_VALUE
from mia.inclusion.content import StappenplanContent
from mia.instrument.factors import load_lens

MIN_YEAR, MAX_YEAR = 1900, 2100
MAX_UPLOAD_BYTES = 5 * 1024 * 1024


def factor_choices() -> list[tuple[str, str]]:
    return [(f.code, f.label) for f in load_lens().factors]


def choices(items) -> list[tuple[str, str]]:
    return [(item.code, item.label) for item in items]


class DutchDateField(forms.DateField):
    """A date from a date picker (JJJJ-MM-DD) or typed the Dutch way (31-12-2026); never year 99999."""

    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    input_formats = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"]
    default_error_messages = {"invalid": _("Vul een geldige datum in, bijvoorbeeld 31-12-2026.")}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("error_messages", {"required": _("Vul een datum in.")})
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        try:
            date = super().to_python(value)
        except (OverflowError, ValueError):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        if date is not None and not MIN_YEAR <= date.year <= MAX_YEAR:
            raise forms.ValidationError(
                _("Kies een datum tussen %(a)d en %(b)d.") % {"a": MIN_YEAR, "b": MAX_YEAR}, code="range"
            )
        return date


class DutchDecimalField(forms.Field):
    """A number typed the Dutch way ('12,5', '1.234,5') or the English way ('12.5')."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "maxlength": "40"})
    MAX_CHARACTERS = 40

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("error_messages", {"required": _("Vul een getal in.")})
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        text = strip_control_chars(str(value or "")).strip()
        if len(text) > self.MAX_CHARACTERS:
            raise forms.ValidationError(_("Dit getal is te lang."), code="too_long")
        text = text.replace(" ", "").replace("\u00a0", "")
        if not text:
            return None
        if "," in text and "." in text:
            text = text.replace(".", "").replace(",", ".")
        else:
            text = text.replace(",", ".")
        if not re.fullmatch(r"[+-]?\d+(\.\d+)?", text):
            raise forms.ValidationError(_("Vul een getal in, bijvoorbeeld 12,5."), code="invalid")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise forms.ValidationError(_("Vul een getal in, bijvoorbeeld 12,5."), code="invalid") from None
        if abs(number) > MAX_VALUE:
            raise forms.ValidationError(_("Dit getal is te groot."), code="too_big")
        if number.as_tuple().exponent < -3:
            raise forms.ValidationError(_("Gebruik hoogstens drie cijfers achter de komma."), code="places")
        return number


def _radio(label, items, *, required=False, initial=None):
    return forms.ChoiceField(
        label=label, choices=items, widget=forms.RadioSelect, required=required, initial=initial,
        error_messages={"required": _("Maak een keuze."), "invalid_choice": _("Kies een van de mogelijkheden.")},
    )


def _checkboxes(label, items, *, help_text=""):
    return forms.MultipleChoiceField(
        label=label, choices=items, widget=forms.CheckboxSelectMultiple, required=False, help_text=help_text,
        error_messages={"invalid_choice": _("Kies een van de mogelijkheden.")},
    )


def _select(label, items, *, required=True, empty=""):
    options = ([("", empty)] if not required else []) + list(items)
    return forms.ChoiceField(
        label=label, choices=options, required=required,
        error_messages={"required": _("Maak een keuze."), "invalid_choice": _("Kies een van de mogelijkheden.")},
    )


# --------------------------------------------------------------------------- #
# trajectory
# --------------------------------------------------------------------------- #


class TrajectoryForm(CleanTextMixin, forms.Form):
    title = short_text(_("Titel van het traject"), required=True, max_length=200,
                       help_text=_("Bijvoorbeeld: ‘Inclusief sporten en bewegen’."))
    municipality = short_text(_("Gemeente"), required=True, max_length=200, help_text=_("Bijvoorbeeld: ‘Gemeente Voorbeeldstad’."))
    description = long_text(_("Korte omschrijving"), help_text=_("Waarom dit traject? Wat ligt er al?"))

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = list(organisations or [])
        self.organisations = {str(o.pk): o for o in organisations}
        if len(organisations) > 1:
            self.fields["organisation"] = _select(_("Organisatie"), [(str(o.pk), o.name) for o in organisations])

    def clean_organisation(self):
        return self.organisations[self.cleaned_data["organisation"]]


class ImportForm(forms.Form):
    prefix = "imp"

    file = forms.FileField(
        label=_("JSON-bestand van een traject"),
        error_messages={"required": _("Kies een bestand."), "empty": _("Het bestand is leeg."), "invalid": _("Kies een bestand.")},
    )

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = list(organisations or [])
        self.organisations = {str(o.pk): o for o in organisations}
        if len(organisations) > 1:
            self.fields["organisation"] = _select(_("Voor welke organisatie?"), [(str(o.pk), o.name) for o in organisations])

    def clean_organisation(self):
        return self.organisations[self.cleaned_data["organisation"]]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Het bestand is groter dan 5 MB."))
        return upload.read()


# --------------------------------------------------------------------------- #
# the steps
# --------------------------------------------------------------------------- #


class StepForm(CleanTextMixin, forms.Form):
    """The state of one step, its questions and per knelpunt: does it play here, what do we do."""
    prefix = "stap"


    def __init__(self, content: StappenplanContent, step_code: str, *args, work=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.step = content.step(step_code)
        answers = work.answers if work else {}
        reflections = work.knelpunten if work else {}
        self.fields["status"] = _radio(_("Hoe staat deze stap ervoor?"), choices(content.step_statuses), required=True,
                                       initial=work.status if work else "open")
        for prompt in self.step.prompts:
            self.fields[f"prompt-{prompt.code}"] = long_text(prompt.text, rows=3)
            self.fields[f"prompt-{prompt.code}"].initial = answers.get(prompt.code, "")
        questions = content.knelpunt_questions
        for knelpunt in self.step.knelpunten:
            given = reflections.get(knelpunt.code, {})
            self.fields[f"kp-{knelpunt.code}-applies"] = _radio(questions.applies, choices(questions.applies_choices),
                                                               initial=given.get("applies", ""))
            self.fields[f"kp-{knelpunt.code}-note"] = long_text(questions.note, rows=2)
            self.fields[f"kp-{knelpunt.code}-note"].initial = given.get("note", "")
        self.fields["notes"] = long_text(_("Notities bij deze stap"), rows=3)
        self.fields["notes"].initial = work.notes if work else ""

    def prompt_fields(self):
        return [self[f"prompt-{p.code}"] for p in self.step.prompts]

    def knelpunt_fields(self):
        return [(k, self[f"kp-{k.code}-applies"], self[f"kp-{k.code}-note"]) for k in self.step.knelpunten]

    def action_data(self) -> dict:
        data = self.cleaned_data
        return {
            "status": data["status"],
            "answers": {p.code: data[f"prompt-{p.code}"] for p in self.step.prompts},
            "knelpunten": {
                k.code: {"applies": data[f"kp-{k.code}-applies"], "note": data[f"kp-{k.code}-note"]} for k in self.step.knelpunten
            },
            "notes": data["notes"],
        }


class VerkenningPartForm(CleanTextMixin, forms.Form):
    """One part (Deel 1 or Deel 3) of the verkenning: per question an answer, or "weet ik niet"
    with who finds out and how, or skip."""

    def __init__(self, content: StappenplanContent, part_number: int, *args, answers=None, tasks=None, has_area=False, **kwargs):
        super().__init__(*args, **kwargs)
        verkenning = content.verkenning
        self.part = verkenning.parts[part_number - 1]
        answers, tasks = answers or {}, tasks or {}
        self.questions = []
        for question in self.part.questions:
            self.questions.append((question, 0))
            for sub in question.sub:
                if sub.only_with_area and not has_area:
                    continue
                self.questions.append((sub, 1))
        states = choices(verkenning.answer_states)
        ways = choices(verkenning.ways)
        for question, _level in self.questions:
            code = question.code
            answer, task = answers.get(code), tasks.get(code)
            self.fields[f"{code}-state"] = _radio(_("Antwoord"), states, initial=answer.state if answer else "antwoord")
            self.fields[f"{code}-text"] = long_text(_("Uw antwoord"), rows=3)
            self.fields[f"{code}-text"].initial = answer.text if answer else ""
            self.fields[f"{code}-owner"] = short_text(_("Wie zoekt het uit?"), max_length=200)
            self.fields[f"{code}-how"] = long_text(verkenning.task_title, rows=2)
            self.fields[f"{code}-ways"] = _checkboxes(_("Via wie of wat?"), ways)
            self.fields[f"{code}-due"] = DutchDateField(label=_("Klaar op (eventueel)"))
            if task is not None:
                self.fields[f"{code}-owner"].initial = task.owner
                self.fields[f"{code}-how"].initial = task.how
                self.fields[f"{code}-ways"].initial = task.ways
                self.fields[f"{code}-due"].initial = task.due_date

    def rows(self):
        """Per question: the question, its depth (0 main, 1 sub) and its bound fields."""
        for question, level in self.questions:
            code = question.code
            yield {
                "question": question,
                "level": level,
                "state": self[f"{code}-state"],
                "text": self[f"{code}-text"],
                "task_fields": [self[f"{code}-{name}"] for name in ("owner", "how", "ways", "due")],
                "open_task": (self[f"{code}-state"].value() == "weet-niet") or any(
                    self[f"{code}-{name}"].errors for name in ("owner", "how", "ways", "due")
                ),
            }

    def clean(self):
        cleaned = super().clean()
        for question, _level in self.questions:
            code = question.code
            if cleaned.get(f"{code}-state") == "weet-niet" and not cleaned.get(f"{code}-owner"):
                self.add_error(
                    f"{code}-owner",
                    _("Bij ‘weet ik niet’ hoort een taak: vul in wie het uitzoekt (vraag %(n)s).") % {"n": _number(question)},
                )
        return cleaned

    def action_items(self) -> dict:
        data = self.cleaned_data
        return {
            q.code: {
                "state": data[f"{q.code}-state"] or "antwoord",
                "text": data[f"{q.code}-text"],
                "owner": data[f"{q.code}-owner"],
                "how": data[f"{q.code}-how"],
                "ways": data[f"{q.code}-ways"],
                "due_date": data[f"{q.code}-due"],
            }
            for q, _level in self.questions
        }


def _number(question) -> str:
    return getattr(question, "number", None) or question.code


class LevensdomeinForm(CleanTextMixin, forms.Form):
    """Deel 2: one of the six VNG levensdomeinen, on which grounds, and optionally one wijk or kern."""
    prefix = "ld"


    def __init__(self, content: StappenplanContent, *args, trajectory=None, **kwargs):
        super().__init__(*args, **kwargs)
        part = content.verkenning.parts[1]
        self.part = part
        self.fields["levensdomein"] = _radio(_("Levensdomein"), choices(content.levensdomeinen), required=True)
        self.fields["bases"] = _checkboxes(_("Op basis waarvan kiest u?"), [(b.code, b.text) for b in part.bases])
        self.fields["reason"] = long_text(part.reason_label, rows=3)
        self.fields["area"] = short_text(part.area_label, max_length=200)
        self.fields["area_reason"] = long_text(part.area_reason_label, rows=2)
        if trajectory is not None:
            self.initial.update({
                "levensdomein": trajectory.levensdomein, "bases": trajectory.levensdomein_bases,
                "reason": trajectory.levensdomein_reason, "area": trajectory.area, "area_reason": trajectory.area_reason,
            })


class TaskForm(CleanTextMixin, forms.Form):
    prefix = "taak"

    title = long_text(_("Wat zoeken we uit?"), required=True, rows=2)
    owner = short_text(_("Wie zoekt het uit?"), required=True, max_length=200)
    how = long_text(_("Hoe komen we hierachter?"), rows=2)
    due_date = DutchDateField(label=_("Klaar op (eventueel)"))

    def __init__(self, content: StappenplanContent, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].max_length = 500
        self.fields["title"].error_messages = dutch_errors(500)
        self.fields["ways"] = _checkboxes(_("Via wie of wat?"), choices(content.verkenning.ways))
        self.order_fields(["title", "owner", "how", "ways", "due_date"])


# --------------------------------------------------------------------------- #
# the vlechtwerk check
# --------------------------------------------------------------------------- #


class CheckForm(CleanTextMixin, forms.Form):
    prefix = "toets"

    name = short_text(_("Welk beleid, plan of welke maatregel toetst u?"), required=True, max_length=200,
                      help_text=_("Bijvoorbeeld: ‘Subsidieregeling sportverenigingen 2026’."))
    description = long_text(_("Korte omschrijving"), rows=3)


class FactorAnswersForm(CleanTextMixin, forms.Form):
    """Per factor of the weave the check's three questions."""
    prefix = "vw"


    def __init__(self, content: StappenplanContent, *args, check=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = content.vlechtwerk_check.questions
        self.factors = load_lens().factors
        given = {a.factor: a.answers for a in check.factor_answers.all()} if check is not None else {}
        for factor in self.factors:
            for question in self.questions:
                name = f"{factor.code}-{question.code}"
                self.fields[name] = long_text(question.text, rows=2)
                self.fields[name].initial = given.get(factor.code, {}).get(question.code, "")

    def rows(self):
        for factor in self.factors:
            fields = [self[f"{factor.code}-{q.code}"] for q in self.questions]
            yield {"factor": factor, "fields": fields, "filled": any(f.value() for f in fields)}

    def action_answers(self) -> dict:
        data = self.cleaned_data
        return {f.code: {q.code: data[f"{f.code}-{q.code}"] for q in self.questions} for f in self.factors}


class IntersectionForm(CleanTextMixin, forms.Form):
    prefix = "ix"

    note = long_text(_("Wat ziet u bij deze combinatie?"), required=True, rows=3)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["factors"] = _checkboxes(_("Welke factoren komen samen?"), factor_choices(),
                                             help_text=_("Kies er twee of meer, bijvoorbeeld leeftijd en taal & geletterdheid."))
        self.order_fields(["factors", "note"])

    def clean_factors(self):
        factors = self.cleaned_data["factors"]
        if len(factors) < 2:
            raise forms.ValidationError(_("Kies minstens twee factoren: het gaat om een combinatie."))
        return factors


# --------------------------------------------------------------------------- #
# the working group
# --------------------------------------------------------------------------- #


class WorkingGroupForm(CleanTextMixin, forms.Form):
    prefix = "wg"

    def __init__(self, content: StappenplanContent, *args, group=None, **kwargs):
        super().__init__(*args, **kwargs)
        definition = content.working_group
        self.definition = definition
        self.fields["composition"] = _radio(_("Samenstelling"), choices(definition.compositions))
        self.fields["goal"] = _radio(_("Wat is het doel van de werkgroep?"), choices(definition.goals))
        self.fields["goal_note"] = long_text(_("Doel, rol en verantwoordelijkheid in eigen woorden"), rows=3)
        for question in definition.questions:
            self.fields[f"q-{question.code}"] = long_text(question.text, rows=2)
        if group is not None:
            self.initial.update({"composition": group.composition, "goal": group.goal, "goal_note": group.goal_note})
            self.initial.update({f"q-{code}": text for code, text in group.answers.items()})

    def question_fields(self):
        return [self[f"q-{q.code}"] for q in self.definition.questions]

    def action_data(self) -> dict:
        data = self.cleaned_data
        return {
            "composition": data["composition"], "goal": data["goal"], "goal_note": data["goal_note"],
            "answers": {q.code: data[f"q-{q.code}"] for q in self.definition.questions},
        }


class MemberForm(CleanTextMixin, forms.Form):
    prefix = "lid"

    name = short_text(_("Naam"), required=True, max_length=200)
    role = short_text(_("Rol of functie"), max_length=200, help_text=_("Bijvoorbeeld: beleidsadviseur sport, voorzitter."))
    organisation = short_text(_("Afdeling of organisatie"), max_length=200)

    def __init__(self, content: StappenplanContent, *args, **kwargs):
        super().__init__(*args, **kwargs)
        definition = content.working_group
        self.fields["kind"] = _select(_("Soort lid"), choices(definition.member_kinds))
        self.fields["qualities"] = _checkboxes(_("Wat brengt dit lid in?"), choices(definition.qualities))
        self.fields["perspectives"] = _checkboxes(
            _("Vanuit welke factoren van het vlechtwerk brengt dit lid kennis, ervaring of een netwerk in?"),
            factor_choices(),
            help_text=_("Vul alleen in wat het lid zelf zo wil laten vastleggen. Dit kan gevoelige informatie zijn."),
        )
        self.order_fields(["name", "role", "organisation", "kind", "qualities", "perspectives"])


class RoleChangeForm(CleanTextMixin, forms.Form):
    prefix = "rol"

    note = long_text(_("Toelichting"), rows=2)

    def __init__(self, content: StappenplanContent, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"] = _select(_("Rol van de werkgroep"), choices(content.working_group.roles))
        self.fields["since"] = DutchDateField(label=_("Sinds"), required=True)
        self.order_fields(["role", "since", "note"])


# --------------------------------------------------------------------------- #
# participation
# --------------------------------------------------------------------------- #


class ParticipationForm(CleanTextMixin, forms.Form):
    prefix = "pp"

    def __init__(self, content: StappenplanContent, *args, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        definition = content.participation
        self.definition = definition
        self.points = content.precondition("inwoners").attention_points
        self.fields["approach"] = _radio(_("Aanpak"), choices(definition.approaches))
        self.fields["approach_reason"] = long_text(definition.approach_reason_label, rows=2)
        for question in definition.questions:
            self.fields[f"q-{question.code}"] = long_text(question.text, rows=3)
        for point in self.points:
            self.fields[f"a-{point.code}"] = long_text(f"{point.title} {definition.attention_question}", rows=2)
        self.fields["forms"] = _checkboxes(_("Welke vormen van participatie kiest u?"), choices(definition.forms))
        if plan is not None:
            self.initial.update({"approach": plan.approach, "approach_reason": plan.approach_reason, "forms": plan.forms})
            self.initial.update({f"q-{c}": t for c, t in plan.answers.items()})
            self.initial.update({f"a-{c}": t for c, t in plan.attention.items()})

    def question_fields(self):
        return [self[f"q-{q.code}"] for q in self.definition.questions]

    def attention_fields(self):
        return [(p, self[f"a-{p.code}"]) for p in self.points]

    def action_data(self) -> dict:
        data = self.cleaned_data
        return {
            "approach": data["approach"], "approach_reason": data["approach_reason"],
            "answers": {q.code: data[f"q-{q.code}"] for q in self.definition.questions},
            "attention": {p.code: data[f"a-{p.code}"] for p in self.points},
            "forms": data["forms"],
        }


class ActivityForm(CleanTextMixin, forms.Form):
    prefix = "act"

    title = short_text(_("Naam van de activiteit"), required=True, max_length=200, help_text=_("Bijvoorbeeld: ‘Wijkgesprek Noord’."))
    date = DutchDateField(label=_("Datum (eventueel)"))
    notes = long_text(_("Notities"), rows=2)

    def __init__(self, content: StappenplanContent, *args, assessments=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["form"] = _select(_("Vorm"), choices(content.participation.forms))
        self.assessments = {str(a.pk): a for a in assessments}
        self.fields["assessment"] = _select(
            _("Uitgevoerd als MIA (eventueel)"), [(k, a.title) for k, a in self.assessments.items()], required=False,
            empty=_("– geen –"),
        )
        self.order_fields(["form", "title", "date", "assessment", "notes"])

    def clean_assessment(self):
        key = self.cleaned_data.get("assessment")
        return self.assessments.get(key) if key else None


# --------------------------------------------------------------------------- #
# monitoring
# --------------------------------------------------------------------------- #


class MonitoringForm(CleanTextMixin, forms.Form):
    prefix = "mon"

    def __init__(self, content: StappenplanContent, *args, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        definition = content.monitoring
        self.definition = definition
        self.codes = []
        for question in definition.questions:
            for item in [question, *question.sub]:
                self.fields[f"q-{item.code}"] = long_text(item.text, rows=2)
                self.codes.append(item.code)
        for tip in definition.tips:
            self.fields[f"tip-{tip.code}-done"] = forms.BooleanField(label=_("Dit doen we"), required=False)
            self.fields[f"tip-{tip.code}-note"] = long_text(_("Hoe?"), rows=2)
        if plan is not None:
            self.initial.update({f"q-{c}": t for c, t in plan.answers.items()})
            for code, item in plan.tips.items():
                self.initial[f"tip-{code}-done"] = item.get("done", False)
                self.initial[f"tip-{code}-note"] = item.get("note", "")

    def question_rows(self):
        for question in self.definition.questions:
            yield self[f"q-{question.code}"], [self[f"q-{s.code}"] for s in question.sub]

    def tip_rows(self):
        return [(t, self[f"tip-{t.code}-done"], self[f"tip-{t.code}-note"]) for t in self.definition.tips]

    def action_data(self) -> dict:
        data = self.cleaned_data
        return {
            "answers": {c: data[f"q-{c}"] for c in self.codes},
            "tips": {t.code: {"done": data[f"tip-{t.code}-done"], "note": data[f"tip-{t.code}-note"]} for t in self.definition.tips},
        }


class _PlanChoice:
    """Choices from records of one plan, keyed by primary key, cleaned back into records."""

    def _records(self, name, records, label, empty):
        self._choice_records = getattr(self, "_choice_records", {})
        self._choice_records[name] = {str(r.pk): r for r in records}
        self.fields[name] = _select(label, [(k, str(r)) for k, r in self._choice_records[name].items()], required=False, empty=empty)

    def _record(self, name):
        key = self.cleaned_data.get(name)
        return self._choice_records[name].get(key) if key else None


class GoalForm(_PlanChoice, CleanTextMixin, forms.Form):
    prefix = "doel"

    text = short_text(_("Doel"), required=True, max_length=500)
    assumption = long_text(_("Aanname: waarom leidt dit tot het volgende niveau?"), rows=2)

    def __init__(self, content: StappenplanContent, *args, goals=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"] = _select(_("Soort"), choices(content.monitoring.goal_kinds))
        self._records("contributes_to", [g for g in goals if g.kind != "activiteit"], _("Draagt bij aan"), _("– (nog) niets –"))
        self.order_fields(["kind", "text", "contributes_to", "assumption"])

    def clean_contributes_to(self):
        return self._record("contributes_to")


class IndicatorForm(_PlanChoice, CleanTextMixin, forms.Form):
    prefix = "ind"

    name = short_text(_("Naam van de indicator"), required=True, max_length=200,
                      help_text=_("Bijvoorbeeld: ‘Inwoners die zich welkom voelen bij de sportclub (%)’."))
    source_note = short_text(_("Bron, nader (vraag, tabel, jaar)"), max_length=300)
    unit = short_text(_("Eenheid"), max_length=40, help_text=_("Bijvoorbeeld: %, aantal, rapportcijfer."))
    target = DutchDecimalField(label=_("Streefwaarde (eventueel)"), required=False)

    def __init__(self, content: StappenplanContent, *args, goals=(), **kwargs):
        super().__init__(*args, **kwargs)
        monitoring = content.monitoring
        self.fields["kind"] = _select(_("Soort"), [("outcome", _("Outcome: wat verandert er voor inwoners?")), ("output", _("Output: wat doen we?"))])
        self._records("goal", [g for g in goals if g.kind != "activiteit"], _("Bij welk doel hoort deze indicator?"), _("– geen –"))
        self.fields["source"] = _select(_("Bron"), choices(monitoring.sources), required=False, empty=_("– kies een bron –"))
        self.fields["direction"] = _select(_("Wat is gunstig?"), choices(monitoring.directions))
        self.order_fields(["name", "kind", "goal", "source", "source_note", "unit", "direction", "target"])

    def clean_goal(self):
        return self._record("goal")


class MeasurementForm(CleanTextMixin, forms.Form):
    prefix = "meting"

    measured_on = DutchDateField(label=_("Gemeten op"), required=True)
    value = DutchDecimalField(label=_("Waarde"), required=True)
    note = long_text(_("Duiding: wat betekent deze meting?"), rows=2,
                     help_text=_("Cijfers kunnen meerdere dingen betekenen. Schrijf de context erbij."))


class QualitativeForm(_PlanChoice, CleanTextMixin, forms.Form):
    prefix = "kwal"

    held_on = DutchDateField(label=_("Datum (eventueel)"))
    summary = long_text(_("Wat kwam eruit?"), required=True, rows=3,
                        help_text=_("Schrijf geen namen of andere gegevens op waaraan iemand te herkennen is."))

    def __init__(self, content: StappenplanContent, *args, indicators=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"] = _select(_("Soort"), choices(content.monitoring.qualitative.kinds))
        self._records("indicator", indicators, _("Bij welke indicator geeft dit context?"), _("– geen –"))
        self.order_fields(["kind", "held_on", "indicator", "summary"])

    def clean_indicator(self):
        return self._record("indicator")


# --------------------------------------------------------------------------- #
# wie ontbreekt: a people file
# --------------------------------------------------------------------------- #


class PeopleFileForm(forms.Form):
    prefix = "bestand"

    file = forms.FileField(
        label=_("Bestand met mensen (CSV of XLSX)"),
        help_text=_("Bijvoorbeeld de pool van een panel, aanmeldingen of een deelnemerslijst. Het bestand wordt niet bewaard."),
        error_messages={"required": _("Kies een bestand."), "empty": _("Het bestand is leeg."), "invalid": _("Kies een bestand.")},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Het bestand is groter dan 5 MB."))
        return upload.name, upload.read()

