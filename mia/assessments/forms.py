"""Forms of the MIA steps. They validate and clean; the step's action in ``actions.py`` writes."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from mia.assessments.models import Assessment
from mia.core.forms import CleanCharField, CleanTextMixin, dutch_errors, long_text, short_text, with_readability_check


class AssessmentFieldsForm(CleanTextMixin, forms.Form):
    """A form over plain fields of an assessment, filled with their current values."""

    def __init__(self, assessment: Assessment | None = None, *args, **kwargs):
        if assessment is not None:
            kwargs.setdefault("initial", {name: getattr(assessment, name) for name in self.base_fields})
        super().__init__(*args, **kwargs)
        self.assessment = assessment


class AssessmentForm(AssessmentFieldsForm):
    title = short_text(_("Welke beleidskeuze wilt u wegen?"), required=True, help_text=_("Bijvoorbeeld: ‘Invoering van een kilometerheffing voor personenauto’s’."))
    description = long_text(_("Korte omschrijving"), help_text=_("Wat is het doel? Wie raakt het? Wat ligt er al vast?"))


class ScanForm(CleanTextMixin, forms.Form):
    """Step 1 (1A–1B): the MIA-scan."""

    # 1B Expliciteren: the seed's three points, verbatim as the help texts.
    notes_causes = long_text(
        _("Oorzaken en aanleiding"), help_text=_("De directe oorzaken van de impact op maatschappelijke stabiliteit.")
    )
    notes_literature = long_text(
        _("Literatuur en onderzoek"), help_text=_("Onderliggende literatuur die (eventueel) beschikbaar is.")
    )
    notes_media = long_text(
        _("Zichtbaarheid in de media"),
        help_text=_(
            "Zichtbaarheid van de beleidskeuze voor burgers (bijvoorbeeld via media). Percepties rondom een "
            "beleidskeuze worden gestuurd door directe ervaring, maar ook door verhalen in bijvoorbeeld sociale "
            "media. Met webmonitoring kan hier inzicht in verkregen worden."
        ),
    )

    def __init__(self, assessment: Assessment, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.assessment = assessment
        version = assessment.content_version
        self.answers = list(assessment.scan_answers.select_related("question"))
        for answer in self.answers:
            code = answer.question.code
            self.fields[f"effect_{code}"] = forms.ChoiceField(
                label=answer.question.text,
                help_text=answer.question.help,
                choices=assessment.content.effect_choices,
                widget=forms.RadioSelect,
                required=False,
                initial=answer.effect,
            )
            self.fields[f"explanation_{code}"] = long_text(_("Toelichting"), rows=3)
            self.fields[f"explanation_{code}"].initial = answer.explanation
        self.fields["groups"] = forms.ModelMultipleChoiceField(
            label=assessment.content.groups_question or _("Welke groepen raakt deze beleidskeuze?"),
            queryset=version.affectedgroup_set.all(),
            widget=forms.CheckboxSelectMultiple,
            required=False,
            initial=list(assessment.groups.all()),
        )
        self.fields["groups_other"] = short_text(_("Andere groep, namelijk"))
        pairs = list(version.signalwordpair_set.all())
        self.fields["signal_words"] = forms.MultipleChoiceField(
            label=assessment.content.signal_words_question or _("Welke signaalwoorden passen bij de mogelijke gevolgen?"),
            choices=[(f"{p.pk}:{side}", word) for p in pairs for side, word in (("positief", p.positive), ("negatief", p.negative))],
            widget=forms.CheckboxSelectMultiple,
            required=False,
            initial=[f"{c.pair_id}:{c.side}" for c in assessment.signal_word_choices.all()],
        )
        self.fields["signal_words_other"] = short_text(_("Andere signaalwoorden"))
        for name in ("notes_causes", "notes_literature", "notes_media", "groups_other", "signal_words_other"):
            self.fields[name].initial = getattr(assessment, name)

    def answer_fields(self):
        return [(a, self[f"effect_{a.question.code}"], self[f"explanation_{a.question.code}"]) for a in self.answers]

    def scan_answers(self) -> dict:
        """{question code: (effect, explanation)} from the cleaned data."""
        data = self.cleaned_data
        return {a.question.code: (data[f"effect_{a.question.code}"], data[f"explanation_{a.question.code}"]) for a in self.answers}


class DecisionForm(CleanTextMixin, forms.Form):
    impact_suspected = forms.TypedChoiceField(
        label=_("Is er een (licht) vermoeden van maatschappelijke impact?"),
        choices=[("ja", _("Ja, we gaan verder met de MIA")), ("nee", _("Nee, we sluiten de MIA af"))],
        coerce=lambda v: v == "ja",
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies ja of nee.")},
    )
    decision_explanation = long_text(_("Waarom?"), required=True, help_text=_("Schrijf kort op waarom u dit besluit."))


class DomainForm(CleanTextMixin, forms.Form):
    """Domeinverkenner: per domain a yes/no start question and its subdomains."""

    def __init__(self, assessment: Assessment, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.answers = list(assessment.domain_answers.select_related("domain").prefetch_related("subdomains"))
        for answer in self.answers:
            code = answer.domain.code
            self.fields[f"relevant_{code}"] = forms.ChoiceField(
                label=answer.domain.start_question,
                choices=[("ja", _("Ja")), ("nee", _("Nee")), ("", _("Nog niet bekeken"))],
                widget=forms.RadioSelect,
                required=False,
                initial={True: "ja", False: "nee", None: ""}[answer.relevant],
            )
            self.fields[f"subdomains_{code}"] = forms.ModelMultipleChoiceField(
                label=_("Welke subdomeinen spelen?"),
                queryset=answer.domain.subdomains.all(),
                widget=forms.CheckboxSelectMultiple,
                required=False,
                initial=list(answer.subdomains.all()),
            )
            self.fields[f"explanation_{code}"] = long_text(_("Toelichting"), rows=3)
            self.fields[f"explanation_{code}"].initial = answer.explanation

    def domain_fields(self):
        return [
            (a, self[f"relevant_{a.domain.code}"], self[f"subdomains_{a.domain.code}"], self[f"explanation_{a.domain.code}"])
            for a in self.answers
        ]

    def domain_answers(self) -> dict:
        """{domain code: (relevant True/False/None, explanation, subdomains)} from the cleaned data."""
        data = self.cleaned_data
        return {
            a.domain.code: (
                {"ja": True, "nee": False}.get(data[f"relevant_{a.domain.code}"]),
                data[f"explanation_{a.domain.code}"],
                list(data[f"subdomains_{a.domain.code}"]),
            )
            for a in self.answers
        }


class QuestionTextForm(CleanTextMixin, forms.Form):
    text = with_readability_check(long_text(_("Vraag"), required=True, rows=3))


class PreparationForm(AssessmentFieldsForm):
    werkvorm = forms.ChoiceField(label=_("Werkvorm"), required=False)
    report_form = forms.ChoiceField(label=_("Vorm van het verslag"), widget=forms.RadioSelect)
    invitation_text = with_readability_check(
        long_text(_("Uitnodiging"), rows=12, help_text=_("Pas de tekst aan. Schrijf eenvoudig: korte zinnen, geen vaktaal."))
    )
    next_steps_text = with_readability_check(
        long_text(
            _("Wat gebeurt er na de dialoog?"),
            rows=4,
            help_text=_(
                "Deze tekst lezen deelnemers aan het eind, op hun telefoon en in het rapport. Vertel wat u met hun "
                "inbreng doet, wat de volgende stap is en hoe u hen op de hoogte houdt."
            ),
        )
    )

    def __init__(self, assessment: Assessment, *args, **kwargs):
        super().__init__(assessment, *args, **kwargs)
        content = assessment.content
        self.fields["werkvorm"].choices = [("", _("Nog niet gekozen")), *content.werkvorm_choices]
        self.fields["report_form"].choices = content.report_form_choices


class ChartForm(CleanTextMixin, forms.Form):
    """Step 4: one kernteam member's MIA-Chart."""

    def __init__(self, assessment: Assessment, member, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.assessment, self.member = assessment, member
        self.statements = list(assessment.content_version.chartstatement_set.all())
        existing = {r.statement_id: r for r in assessment.chart_ratings.filter(member=member)}
        for s in self.statements:
            rating = existing.get(s.pk)
            self.fields[f"score_{s.number}"] = forms.TypedChoiceField(
                label=f"{s.number}. {s.text}",
                choices=assessment.content.chart_choices,
                coerce=int,
                empty_value=None,
                widget=forms.RadioSelect,
                required=False,
                initial=rating.score if rating else None,
            )
            self.fields[f"explanation_{s.number}"] = long_text(s.prompt or _("Toelichting"), rows=3)
            self.fields[f"explanation_{s.number}"].initial = rating.explanation if rating else ""

    def statement_fields(self):
        return [(s, self[f"score_{s.number}"], self[f"explanation_{s.number}"]) for s in self.statements]

    def ratings(self) -> dict:
        """{statement: (score or None, explanation)} from the cleaned data."""
        data = self.cleaned_data
        return {s: (data[f"score_{s.number}"], data[f"explanation_{s.number}"]) for s in self.statements}


class ConclusionsForm(CleanTextMixin, forms.Form):
    def __init__(self, assessment: Assessment, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conclusions = list(assessment.conclusions.all())
        # 4A: one conclusion per question of the seed ("In hoeverre is de impact … beïnvloedbaar?").
        questions = assessment.content.main_conclusion_questions
        for c in self.conclusions:
            label = questions[c.position - 1] if c.position <= len(questions) else _("Hoofdconclusie %(n)d") % {"n": c.position}
            self.fields[f"conclusion_{c.position}"] = long_text(label, rows=3)
            self.fields[f"conclusion_{c.position}"].initial = c.text

    def texts(self) -> dict:
        """{position: text} from the cleaned data."""
        return {c.position: self.cleaned_data[f"conclusion_{c.position}"] for c in self.conclusions}


class FollowUpActionForm(CleanTextMixin, forms.Form):
    domain = forms.ChoiceField(
        label=_("Soort"),
        error_messages={"required": _("Kies een soort vervolgstap."), "invalid_choice": _("Kies een soort uit de lijst.")},
    )
    description = CleanCharField(
        label=_("Actie"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}), error_messages=dutch_errors(2000)
    )
    owner = short_text(_("Wie"), max_length=200)
    due_date = forms.DateField(
        label=_("Wanneer"), required=False, help_text=_("Bijvoorbeeld 31-12-2026."),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Vul een geldige datum in, bijvoorbeeld 31-12-2026.")},
    )

    def __init__(self, *args, content, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["domain"].choices = [("", "---------"), *content.followup_choices]


ROLE_CHOICES = [("kernteam", _("Kernteam (mag alles invullen)")), ("lezer", _("Lezer (ziet alleen het rapport)"))]


def _role_field():
    return forms.ChoiceField(label=_("Rol"), choices=ROLE_CHOICES, widget=forms.RadioSelect, initial="kernteam",
                             error_messages={"required": _("Kies een rol."), "invalid_choice": _("Kies kernteam of lezer.")})


class MemberForm(forms.Form):
    """A colleague of the assessment's own organisation, chosen from a list (never typed: typing
    names would let anyone find other organisations' users)."""

    user = forms.ModelChoiceField(
        label=_("Collega uit uw organisatie"), queryset=None, empty_label=_("Kies een collega"),
        error_messages={"required": _("Kies een collega uit de lijst."), "invalid_choice": _("Kies een collega uit de lijst.")},
    )
    role = _role_field()

    def __init__(self, *args, assessment, **kwargs):
        from mia.assessments.colleagues import colleagues

        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = colleagues(assessment)
        self.fields["user"].label_from_instance = lambda u: f"{u.get_full_name()} ({u.username})" if u.get_full_name() else u.username


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mailadres"), max_length=254,
        help_text=_("Deze persoon krijgt een e-mail met een link. Na inloggen kan hij of zij de uitnodiging aannemen."),
        error_messages={"required": _("Vul een e-mailadres in."), "invalid": _("Vul een geldig e-mailadres in.")},
    )
    role = _role_field()


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("JSON-bestand van een MIA"),
        help_text=_("Een bestand dat u eerder met ‘Download JSON’ hebt gemaakt."),
        error_messages={"required": _("Kies een bestand."), "empty": _("Dit bestand is leeg.")},
    )
