"""The MIA instrument's content: parse and validate a content data file.

Pure Python (no Django), so the content can be checked from the command line and
in tests without a database. ``parse_content`` turns the JSON document into
frozen dataclasses and raises ``ContentError`` with a Dutch message that names
the place in the file where something is wrong, because the people who edit
these files are beheerders, not programmers.

The counts that are checked (5 scan questions, 14 groups, 11 signal word pairs,
5 domains of 3 subdomains, 4 chart statements, 5 scale points, 4 steps of 3
substeps) are the shape of the MIA instrument itself; the app's forms and
scores rely on them.
"""

from __future__ import annotations

import json
import re
import string
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data"
DEFAULT_FILE = "mia-v1.json"

SCAN_QUESTION_COUNT = 5
GROUP_COUNT = 14
SIGNAL_WORD_PAIR_COUNT = 11
DOMAIN_COUNT = 5
SUBDOMAINS_PER_DOMAIN = 3
CHART_STATEMENT_COUNT = 4
CHART_SCALE_POINTS = 5
STEP_CODES = ("1", "2", "3", "4")
SUBSTEP_LETTERS = ("A", "B", "C")

# Codes the app's logic refers to directly, so a data file must keep them.
SCAN_EFFECT_CODES = ("meer", "minder", "geen", "onbekend")
CARD_TYPE_CODES = ("conclusie", "idee")
FOLLOWUP_DOMAIN_CODES = ("politiek", "beleid", "communicatie")
POLICY_SUBTYPE_CODES = ("beinvloedend", "adaptief", "compenserend")
REPORT_FORM_CODES = ("beknopt", "verslag", "transcript")
INVITATION_PLACEHOLDERS = ("titel", "datum", "locatie", "organisatie", "kernteam")

# The closing round's card: its wording is the content's closing question.
CLOSING_CARD_KIND = "afsluiting"

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class ContentError(ValueError):
    """The content file is not a valid MIA instrument; the message is Dutch."""


# --------------------------------------------------------------------------- #
# The content, as frozen dataclasses
# --------------------------------------------------------------------------- #


@dataclass(frozen=True)
class AboutSection:
    code: str
    title: str
    text: str


@dataclass(frozen=True)
class Substep:
    code: str
    title: str
    guidance: str


@dataclass(frozen=True)
class Step:
    code: str
    title: str
    minutes: int
    who: str
    goal: str
    guidance: str
    substeps: tuple[Substep, ...]


@dataclass(frozen=True)
class Tool:
    code: str
    name: str
    step: str
    substep: str
    description: str
    instructions: str


@dataclass(frozen=True)
class ScanQuestion:
    code: str
    text: str
    help: str


@dataclass(frozen=True)
class Choice:
    code: str
    label: str


@dataclass(frozen=True)
class Group:
    code: str
    label: str


@dataclass(frozen=True)
class SignalWordPair:
    code: str
    positive: str
    negative: str


@dataclass(frozen=True)
class Subdomain:
    code: str
    name: str
    description: str
    questions: tuple[str, ...]
    # The question bank's own heading for this block ("Inclusieve sociale voorzieningen/diensten");
    # two subdomains may share one block (Vertrouwen in rechtsstaat / in politiek).
    bank_heading: str = ""

    @property
    def heading(self) -> str:
        return self.bank_heading or self.name


@dataclass(frozen=True)
class Domain:
    code: str
    name: str
    start_question: str
    description: str
    subdomains: tuple[Subdomain, ...]
    bank_heading: str = ""  # "Domein 3: Sociale Relaties": the bank names some domains differently


@dataclass(frozen=True)
class QuestionTopic:
    """A block of bank questions outside the subdomains ("Denk ook aan: doenvermogen")."""

    code: str
    name: str
    description: str
    domain: str | None  # the domain it belongs to, or None when it cuts across all
    questions: tuple[str, ...]
    bank_heading: str = ""  # the bank's heading ("Algemeen" within Gelijkheid)

    @property
    def heading(self) -> str:
        return self.bank_heading or self.name


@dataclass(frozen=True)
class ChartStatement:
    number: int
    code: str
    text: str
    prompt: str


@dataclass(frozen=True)
class FollowUpSubtype:
    code: str
    name: str
    description: str


@dataclass(frozen=True)
class FollowUpDomain:
    code: str
    name: str
    description: str
    options: tuple[str, ...]
    subtypes: tuple[FollowUpSubtype, ...]


@dataclass(frozen=True)
class Perspective:
    code: str
    label: str
    description: str
    participant_label: str = ""  # what a participant chooses on the phone (B1); the kernteam sees ``label``


@dataclass(frozen=True)
class Werkvorm:
    code: str
    label: str
    description: str


@dataclass(frozen=True)
class ReportForm:
    code: str
    label: str
    description: str


@dataclass(frozen=True)
class Link:
    label: str
    topic: str
    description: str
    url: str
    step: str


@dataclass(frozen=True)
class InstrumentContent:
    version: str
    title: str
    source: str
    about: tuple[AboutSection, ...]
    steps: tuple[Step, ...]
    tools: tuple[Tool, ...]
    scan_questions: tuple[ScanQuestion, ...]
    scan_effect_choices: tuple[Choice, ...]
    groups_question: str
    groups: tuple[Group, ...]
    signal_words_question: str
    signal_word_pairs: tuple[SignalWordPair, ...]
    domains: tuple[Domain, ...]
    extra_question_topics: tuple[QuestionTopic, ...]
    closing_question: str
    card_subject_label: str
    card_types: tuple[Choice, ...]
    round_minutes: int
    max_dialogue_questions: int
    chart_scale: tuple[str, ...]
    chart_statements: tuple[ChartStatement, ...]
    followup_domains: tuple[FollowUpDomain, ...]
    perspectives: tuple[Perspective, ...]
    werkvormen: tuple[Werkvorm, ...]
    report_forms: tuple[ReportForm, ...]
    consent_text: str
    invitation_template: str
    links: tuple[Link, ...]
    # 4A: the questions the kernteam's main conclusions answer, verbatim from the seed.
    main_conclusion_questions: tuple[str, ...] = ()
    # 3C: what participants read at the end when the kernteam wrote nothing of its own (B1, written).
    after_dialogue_text: str = ""
    # Participants read the B1 form of a text; the kernteam keeps the seed's wording.
    closing_question_plain: str = ""
    plain_questions: tuple[tuple[str, str], ...] = ()  # (bank question as in the seed, its B1 form)

    # Lookups by code; they raise KeyError for an unknown code, like a dict.

    def step(self, code: str) -> Step:
        return _by_code(self.steps, code.upper())

    def substep(self, code: str) -> Substep:
        return _by_code((s for step in self.steps for s in step.substeps), code.upper())

    def domain(self, code: str) -> Domain:
        return _by_code(self.domains, code)

    def subdomain(self, code: str) -> Subdomain:
        return _by_code((s for d in self.domains for s in d.subdomains), code)

    def followup_domain(self, code: str) -> FollowUpDomain:
        return _by_code(self.followup_domains, code)

    # Choices for forms and labels for pages: the app's only source of these words.

    @property
    def perspective_choices(self) -> list[tuple[str, str]]:
        return [(p.code, p.label) for p in self.perspectives]

    def perspective_label(self, code: str) -> str:
        return _label(self.perspectives, code)

    @property
    def participant_perspective_choices(self) -> list[tuple[str, str]]:
        return [(p.code, p.participant_label or p.label) for p in self.perspectives]

    @property
    def participant_closing_question(self) -> str:
        return self.closing_question_plain or self.closing_question

    def participant_card_label(self, kind: str) -> str:
        if kind == CLOSING_CARD_KIND:
            return self.participant_closing_question
        return self.card_kind_label(kind)

    def plain_question(self, text: str) -> str:
        """The B1 form of a bank question for participants, or the question itself when it has none."""
        return dict(self.plain_questions).get(text, text)

    @property
    def card_type_choices(self) -> list[tuple[str, str]]:
        return [(c.code, c.label) for c in self.card_types]

    def card_kind_label(self, kind: str) -> str:
        """A card's kind: one of the card types, or the closing card with the closing question."""
        if kind == CLOSING_CARD_KIND:
            return self.closing_question
        return _label(self.card_types, kind)

    @property
    def effect_choices(self) -> list[tuple[str, str]]:
        return [(c.code, c.label) for c in self.scan_effect_choices]

    def effect_label(self, code: str) -> str:
        return _label(self.scan_effect_choices, code)

    @property
    def chart_choices(self) -> list[tuple[int, str]]:
        """The MIA-Chart scale as (score, label): 1 = the first point of the scale."""
        return list(enumerate(self.chart_scale, start=1))

    def chart_label(self, score: int | None) -> str:
        return self.chart_scale[score - 1] if score and 1 <= score <= len(self.chart_scale) else ""

    @property
    def report_form_choices(self) -> list[tuple[str, str]]:
        return [(r.code, r.label) for r in self.report_forms]

    def report_form_label(self, code: str) -> str:
        return _label(self.report_forms, code)

    @property
    def werkvorm_choices(self) -> list[tuple[str, str]]:
        return [(w.code, w.label) for w in self.werkvormen]

    def werkvorm_label(self, code: str) -> str:
        return _label(self.werkvormen, code)

    @property
    def followup_choices(self) -> list[tuple[str, str]]:
        """Follow-up kinds: each domain, or "domain-subtype" for a domain with subtypes (beleid)."""
        choices = []
        for domain in self.followup_domains:
            if domain.subtypes:
                choices += [(f"{domain.code}-{s.code}", f"{domain.name}: {s.name}") for s in domain.subtypes]
            else:
                choices.append((domain.code, domain.name))
        return choices

    def followup_label(self, code: str) -> str:
        return dict(self.followup_choices).get(code, code)

    def links_for(self, step: str) -> tuple[Link, ...]:
        """The onward links the seed gives at a step or sub-step (e.g. "4B" → Leidraad MKBA)."""
        wanted = step.upper()
        return tuple(link for link in self.links if link.step and (link.step == wanted or link.step[0] == wanted))

    def links_for_topic(self, topic: str) -> tuple[Link, ...]:
        return tuple(link for link in self.links if link.topic == topic)

    def tools_for(self, step: str) -> tuple[Tool, ...]:
        wanted = step.upper()
        return tuple(t for t in self.tools if t.substep == wanted or (not t.substep and t.step == wanted))

    @property
    def total_minutes(self) -> int:
        return sum(step.minutes for step in self.steps)

    def bank_questions(self) -> list[tuple[str, str]]:
        """Every bank question as (subdomain or topic code, text), in file order."""
        pairs = [(s.code, q) for d in self.domains for s in d.subdomains for q in s.questions]
        pairs += [(t.code, q) for t in self.extra_question_topics for q in t.questions]
        return pairs

    def distinct_bank_questions(self) -> list[str]:
        """Bank questions without repeats (a question may sit under two subdomains)."""
        return list(dict.fromkeys(text for _, text in self.bank_questions()))


def _label(items, code: str) -> str:
    """The label of a code, or the code itself for a value the content no longer has."""
    for item in items:
        if item.code == code:
            return item.label
    return code


def _by_code(items, code: str):
    for item in items:
        if item.code == code:
            return item
    raise KeyError(code)


# --------------------------------------------------------------------------- #
# Loading
# --------------------------------------------------------------------------- #


def default_content_path() -> Path:
    """The content file that ships with the app."""
    return DATA_DIR / DEFAULT_FILE


def load_content(path: str | Path | None = None) -> InstrumentContent:
    """Read a content file (JSON, UTF-8) and validate it."""
    path = Path(path) if path is not None else default_content_path()
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ContentError(f"Het inhoudsbestand ‘{path}’ kan niet worden gelezen: {exc.strerror or exc}.") from exc
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ContentError(
            f"Het inhoudsbestand ‘{path}’ is geen geldige JSON (regel {exc.lineno}, kolom {exc.colno}): {exc.msg}."
        ) from exc
    return parse_content(data)


def parse_content(data: Any) -> InstrumentContent:
    """Validate a content document (the parsed JSON) and build the dataclasses."""
    root = _obj(data, "het inhoudsbestand")
    steps = _steps(root)
    step_codes = {s.code for s in steps} | {sub.code for s in steps for sub in s.substeps}
    domains = _domains(root)
    topics = _topics(root, domains)
    content = InstrumentContent(
        version=_text(root, "version", "het inhoudsbestand"),
        title=_text(root, "title", "het inhoudsbestand"),
        source=_text(root, "source", "het inhoudsbestand"),
        about=_about(root),
        steps=steps,
        tools=_tools(root, step_codes),
        scan_questions=_scan_questions(root),
        scan_effect_choices=_choices(root, "scan_effect_choices", SCAN_EFFECT_CODES),
        groups_question=_text(root, "groups_question", "het inhoudsbestand", default=""),
        groups=_groups(root),
        signal_words_question=_text(root, "signal_words_question", "het inhoudsbestand", default=""),
        signal_word_pairs=_signal_word_pairs(root),
        domains=domains,
        extra_question_topics=topics,
        closing_question=_text(root, "closing_question", "het inhoudsbestand"),
        card_subject_label=_text(root, "card_subject_label", "het inhoudsbestand", default="Onderwerp"),
        card_types=_choices(root, "card_types", CARD_TYPE_CODES),
        round_minutes=_positive_int(root, "round_minutes", "het inhoudsbestand"),
        max_dialogue_questions=_positive_int(root, "max_dialogue_questions", "het inhoudsbestand", default=5),
        chart_scale=_chart_scale(root),
        chart_statements=_chart_statements(root),
        followup_domains=_followup_domains(root),
        perspectives=_labelled(root, "perspectives", Perspective),
        werkvormen=_labelled(root, "werkvormen", Werkvorm),
        report_forms=_report_forms(root),
        consent_text=_text(root, "consent_text", "het inhoudsbestand"),
        invitation_template=_invitation_template(root),
        links=_links(root, step_codes),
        main_conclusion_questions=_strings(root, "main_conclusion_questions", "het inhoudsbestand")
        if "main_conclusion_questions" in root else (),
        after_dialogue_text=_text(root, "after_dialogue_text", "het inhoudsbestand", default=""),
        closing_question_plain=_text(root, "closing_question_plain", "het inhoudsbestand", default=""),
        plain_questions=_plain_questions(root),
    )
    _check_bank_codes_unique(content)
    return content


# --------------------------------------------------------------------------- #
# Sections
# --------------------------------------------------------------------------- #


def _about(root: dict) -> tuple[AboutSection, ...]:
    items = _list(root, "about", "het inhoudsbestand", default=[])
    result = []
    for _i, path, item in _items(items, "about"):
        result.append(AboutSection(_code(item, path), _text(item, "title", path), _text(item, "text", path)))
    _unique_codes(result, "about")
    return tuple(result)


def _steps(root: dict) -> tuple[Step, ...]:
    items = _list(root, "steps", "het inhoudsbestand", count=len(STEP_CODES), what="stappen")
    steps = []
    for i, path, item in _items(items, "steps"):
        code = _text(item, "code", path)
        if code != STEP_CODES[i]:
            raise ContentError(f"Stap {i + 1} in ‘{path}’ moet code ‘{STEP_CODES[i]}’ hebben, niet ‘{code}’.")
        subs = _list(item, "substeps", path, count=len(SUBSTEP_LETTERS), what="deelstappen")
        substeps = []
        for j, sub_path, sub in _items(subs, f"{path}.substeps"):
            expected = f"{code}{SUBSTEP_LETTERS[j]}"
            sub_code = _text(sub, "code", sub_path)
            if sub_code != expected:
                raise ContentError(
                    f"Deelstap {j + 1} in ‘{sub_path}’ moet code ‘{expected}’ hebben, niet ‘{sub_code}’."
                )
            substeps.append(Substep(sub_code, _text(sub, "title", sub_path), _text(sub, "guidance", sub_path)))
        steps.append(
            Step(
                code=code,
                title=_text(item, "title", path),
                minutes=_positive_int(item, "minutes", path),
                who=_text(item, "who", path),
                goal=_text(item, "goal", path),
                guidance=_text(item, "guidance", path),
                substeps=tuple(substeps),
            )
        )
    return tuple(steps)


def _tools(root: dict, step_codes: set[str]) -> tuple[Tool, ...]:
    items = _list(root, "tools", "het inhoudsbestand", default=[])
    tools = []
    for _, path, item in _items(items, "tools"):
        step = _step_ref(item, "step", path, step_codes)
        substep = _step_ref(item, "substep", path, step_codes, required=False)
        tools.append(
            Tool(
                code=_code(item, path),
                name=_text(item, "name", path),
                step=step,
                substep=substep,
                description=_text(item, "description", path),
                instructions=_text(item, "instructions", path, default=""),
            )
        )
    _unique_codes(tools, "tools")
    return tuple(tools)


def _scan_questions(root: dict) -> tuple[ScanQuestion, ...]:
    items = _list(root, "scan_questions", "het inhoudsbestand", count=SCAN_QUESTION_COUNT, what="startvragen")
    result = [
        ScanQuestion(_code(item, path), _text(item, "text", path), _text(item, "help", path, default=""))
        for _, path, item in _items(items, "scan_questions")
    ]
    _unique_codes(result, "scan_questions")
    return tuple(result)


def _choices(root: dict, key: str, required_codes: tuple[str, ...]) -> tuple[Choice, ...]:
    items = _list(root, key, "het inhoudsbestand", count=len(required_codes), what="keuzes")
    result = [Choice(_code(item, path), _text(item, "label", path)) for _, path, item in _items(items, key)]
    _unique_codes(result, key)
    _required_codes(result, required_codes, key)
    return tuple(result)


def _groups(root: dict) -> tuple[Group, ...]:
    items = _list(root, "groups", "het inhoudsbestand", count=GROUP_COUNT, what="groepen")
    result = [Group(_code(item, path), _text(item, "label", path)) for _, path, item in _items(items, "groups")]
    _unique_codes(result, "groups")
    return tuple(result)


def _signal_word_pairs(root: dict) -> tuple[SignalWordPair, ...]:
    items = _list(root, "signal_word_pairs", "het inhoudsbestand", count=SIGNAL_WORD_PAIR_COUNT, what="woordparen")
    result = [
        SignalWordPair(_code(item, path), _text(item, "positive", path), _text(item, "negative", path))
        for _, path, item in _items(items, "signal_word_pairs")
    ]
    _unique_codes(result, "signal_word_pairs")
    return tuple(result)


def _domains(root: dict) -> tuple[Domain, ...]:
    items = _list(root, "domains", "het inhoudsbestand", count=DOMAIN_COUNT, what="domeinen")
    domains = []
    for _, path, item in _items(items, "domains"):
        subs = _list(item, "subdomains", path, count=SUBDOMAINS_PER_DOMAIN, what="subdomeinen")
        subdomains = []
        for _, sub_path, sub in _items(subs, f"{path}.subdomains"):
            subdomains.append(
                Subdomain(
                    code=_code(sub, sub_path),
                    name=_text(sub, "name", sub_path),
                    description=_text(sub, "description", sub_path, default=""),
                    questions=_questions(sub, sub_path),
                    bank_heading=_text(sub, "bank_heading", sub_path, default=""),
                )
            )
        domains.append(
            Domain(
                code=_code(item, path),
                name=_text(item, "name", path),
                start_question=_text(item, "start_question", path),
                description=_text(item, "description", path),
                subdomains=tuple(subdomains),
                bank_heading=_text(item, "bank_heading", path, default=""),
            )
        )
    _unique_codes(domains, "domains")
    # Subdomain codes must be unique over all domains: the database keys them per version.
    _unique_codes([s for d in domains for s in d.subdomains], "domains[].subdomains")
    return tuple(domains)


def _topics(root: dict, domains: tuple[Domain, ...]) -> tuple[QuestionTopic, ...]:
    items = _list(root, "extra_question_topics", "het inhoudsbestand")
    domain_codes = {d.code for d in domains}
    topics = []
    for _, path, item in _items(items, "extra_question_topics"):
        domain = item.get("domain")
        if domain is not None and domain not in domain_codes:
            raise ContentError(f"‘{path}.domain’ verwijst naar een onbekend domein: ‘{domain}’.")
        topics.append(
            QuestionTopic(
                code=_code(item, path),
                name=_text(item, "name", path),
                description=_text(item, "description", path, default=""),
                domain=domain,
                questions=_questions(item, path),
                bank_heading=_text(item, "bank_heading", path, default=""),
            )
        )
    _unique_codes(topics, "extra_question_topics")
    return tuple(topics)


def _questions(item: dict, path: str) -> tuple[str, ...]:
    questions = _list(item, "questions", path)
    if not questions:
        raise ContentError(f"‘{path}.questions’ bevat geen vragen; geef minstens één voorbeeldvraag.")
    result = []
    for i, question in enumerate(questions):
        q_path = f"{path}.questions[{i}]"
        if not isinstance(question, str):
            raise ContentError(f"‘{q_path}’ moet tekst zijn.")
        text = _clean(question)
        if not text:
            raise ContentError(f"‘{q_path}’ is leeg.")
        if text in result:
            raise ContentError(f"Dubbele vraag in ‘{path}.questions’: ‘{text}’.")
        result.append(text)
    return tuple(result)


def _chart_scale(root: dict) -> tuple[str, ...]:
    points = _list(root, "chart_scale", "het inhoudsbestand", count=CHART_SCALE_POINTS, what="schaalpunten")
    result = []
    for i, point in enumerate(points):
        if not isinstance(point, str) or not _clean(point):
            raise ContentError(f"Schaalpunt ‘chart_scale[{i}]’ is leeg of geen tekst.")
        result.append(_clean(point))
    if len(set(result)) != len(result):
        raise ContentError("‘chart_scale’ bevat hetzelfde schaalpunt twee keer.")
    return tuple(result)


def _chart_statements(root: dict) -> tuple[ChartStatement, ...]:
    items = _list(root, "chart_statements", "het inhoudsbestand", count=CHART_STATEMENT_COUNT, what="stellingen")
    result = []
    for i, path, item in _items(items, "chart_statements"):
        number = _positive_int(item, "number", path)
        if number != i + 1:
            raise ContentError(f"Stelling ‘{path}’ moet nummer {i + 1} hebben, niet {number}.")
        result.append(
            ChartStatement(number, _code(item, path), _text(item, "text", path), _text(item, "prompt", path))
        )
    _unique_codes(result, "chart_statements")
    return tuple(result)


def _followup_domains(root: dict) -> tuple[FollowUpDomain, ...]:
    items = _list(root, "followup_domains", "het inhoudsbestand", count=len(FOLLOWUP_DOMAIN_CODES), what="domeinen")
    result = []
    for _, path, item in _items(items, "followup_domains"):
        code = _code(item, path)
        subtypes = []
        for _, sub_path, sub in _items(_list(item, "subtypes", path, default=[]), f"{path}.subtypes"):
            subtypes.append(
                FollowUpSubtype(_code(sub, sub_path), _text(sub, "name", sub_path), _text(sub, "description", sub_path))
            )
        _unique_codes(subtypes, f"{path}.subtypes")
        if code == "beleid":
            _required_codes(subtypes, POLICY_SUBTYPE_CODES, f"{path}.subtypes")
        result.append(
            FollowUpDomain(
                code=code,
                name=_text(item, "name", path),
                description=_text(item, "description", path),
                options=_strings(item, "options", path),
                subtypes=tuple(subtypes),
            )
        )
    _unique_codes(result, "followup_domains")
    _required_codes(result, FOLLOWUP_DOMAIN_CODES, "followup_domains")
    return tuple(result)


def _labelled(root: dict, key: str, cls):
    items = _list(root, key, "het inhoudsbestand")
    if not items:
        raise ContentError(f"‘{key}’ is leeg.")
    result = [
        cls(_code(item, path), _text(item, "label", path), _text(item, "description", path, default=""),
            **({"participant_label": _text(item, "participant_label", path, default="")} if cls is Perspective else {}))
        for _, path, item in _items(items, key)
    ]
    _unique_codes(result, key)
    return tuple(result)


def _plain_questions(root: dict) -> tuple[tuple[str, str], ...]:
    if "plain_questions" not in root:
        return ()
    pairs = []
    for _, path, item in _items(_list(root, "plain_questions", "het inhoudsbestand"), "plain_questions"):
        pairs.append((_text(item, "text", path), _text(item, "plain", path)))
    return tuple(pairs)


def _report_forms(root: dict) -> tuple[ReportForm, ...]:
    result = _labelled(root, "report_forms", ReportForm)
    if len(result) != len(REPORT_FORM_CODES):
        raise ContentError(
            f"‘report_forms’ moet precies {len(REPORT_FORM_CODES)} rapportagevormen bevatten, "
            f"maar bevat er {len(result)}."
        )
    _required_codes(result, REPORT_FORM_CODES, "report_forms")
    return result


def _invitation_template(root: dict) -> str:
    template = _text(root, "invitation_template", "het inhoudsbestand")
    try:
        fields = {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}
    except ValueError as exc:
        raise ContentError(f"‘invitation_template’ heeft een ongeldige plaatshouder: {exc}.") from exc
    unknown = sorted(fields - set(INVITATION_PLACEHOLDERS))
    if unknown:
        raise ContentError(
            f"‘invitation_template’ gebruikt onbekende plaatshouders: {_braces(unknown)}. "
            f"Toegestaan zijn: {_braces(INVITATION_PLACEHOLDERS)}."
        )
    missing = [name for name in INVITATION_PLACEHOLDERS if name not in fields]
    if missing:
        raise ContentError(f"‘invitation_template’ mist de plaatshouders: {_braces(missing)}.")
    return template


def _links(root: dict, step_codes: set[str]) -> tuple[Link, ...]:
    items = _list(root, "links", "het inhoudsbestand")
    result = []
    for _, path, item in _items(items, "links"):
        topic = _text(item, "topic", path)
        if not _SLUG.match(topic):
            raise ContentError(
                f"Ongeldig onderwerp ‘{topic}’ in ‘{path}.topic’: gebruik kleine letters, cijfers en koppeltekens."
            )
        result.append(
            Link(
                label=_text(item, "label", path),
                topic=topic,
                description=_text(item, "description", path),
                url=_text(item, "url", path, default=""),
                step=_step_ref(item, "step", path, step_codes, required=False),
            )
        )
    return tuple(result)


def _check_bank_codes_unique(content: InstrumentContent) -> None:
    # Bank questions get codes from their subdomain or topic code, so those
    # two sets may not overlap.
    sub_codes = {s.code for d in content.domains for s in d.subdomains}
    clash = sorted(sub_codes & {t.code for t in content.extra_question_topics})
    if clash:
        raise ContentError(f"Code ‘{clash[0]}’ wordt zowel voor een subdomein als voor een extra vragenblok gebruikt.")


# --------------------------------------------------------------------------- #
# Small readers that fail with a Dutch message naming the place in the file
# --------------------------------------------------------------------------- #

_MISSING = object()


def _obj(value: Any, path: str) -> dict:
    if not isinstance(value, dict):
        raise ContentError(f"‘{path}’ moet een object ({{…}}) zijn.")
    return value


def _get(data: dict, key: str, path: str, default: Any = _MISSING) -> Any:
    if key not in data:
        if default is _MISSING:
            raise ContentError(f"Ontbrekende sleutel ‘{key}’ in {_where(path)}.")
        return default
    return data[key]


def _text(data: dict, key: str, path: str, default: Any = _MISSING) -> str:
    value = _get(data, key, path, default)
    if value is default and default is not _MISSING:
        return default
    if not isinstance(value, str):
        raise ContentError(f"‘{_join(path, key)}’ moet tekst zijn.")
    text = _clean(value)
    if not text and default is _MISSING:
        raise ContentError(f"‘{_join(path, key)}’ is leeg.")
    return text


def _positive_int(data: dict, key: str, path: str, default: Any = _MISSING) -> int:
    value = _get(data, key, path, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ContentError(f"‘{_join(path, key)}’ moet een positief geheel getal zijn.")
    return value


def _list(
    data: dict, key: str, path: str, *, count: int | None = None, what: str = "items", default: Any = _MISSING
) -> list:
    value = _get(data, key, path, default)
    if not isinstance(value, list):
        raise ContentError(f"‘{_join(path, key)}’ moet een lijst ([…]) zijn.")
    if count is not None and len(value) != count:
        raise ContentError(
            f"‘{_join(path, key)}’ moet precies {count} {what} bevatten, maar bevat er {len(value)}."
        )
    return value


def _strings(data: dict, key: str, path: str) -> tuple[str, ...]:
    result = []
    for i, value in enumerate(_list(data, key, path)):
        if not isinstance(value, str) or not _clean(value):
            raise ContentError(f"‘{_join(path, key)}[{i}]’ is leeg of geen tekst.")
        result.append(_clean(value))
    return tuple(result)


def _items(items: list, path: str):
    """Yield (index, path, object) for each item of a list, checking it is an object."""
    for i, item in enumerate(items):
        item_path = f"{path}[{i}]"
        yield i, item_path, _obj(item, item_path)


def _code(data: dict, path: str) -> str:
    code = _text(data, "code", path)
    if not _SLUG.match(code):
        raise ContentError(
            f"Ongeldige code ‘{code}’ in ‘{path}’: gebruik alleen kleine letters (a-z), cijfers en koppeltekens."
        )
    return code


def _step_ref(data: dict, key: str, path: str, step_codes: set[str], *, required: bool = True) -> str:
    ref = _text(data, key, path) if required else _text(data, key, path, default="")
    if ref and ref not in step_codes:
        raise ContentError(f"‘{_join(path, key)}’ verwijst naar een onbekende (deel)stap: ‘{ref}’.")
    return ref


def _unique_codes(items, path: str) -> None:
    seen: set[str] = set()
    for item in items:
        if item.code in seen:
            raise ContentError(f"Dubbele code ‘{item.code}’ in ‘{path}’: elke code mag maar één keer voorkomen.")
        seen.add(item.code)


def _required_codes(items, required: tuple[str, ...], path: str) -> None:
    missing = [code for code in required if code not in {item.code for item in items}]
    if missing:
        raise ContentError(f"‘{path}’ mist de verplichte code(s): {', '.join(missing)}.")


def _clean(text: str) -> str:
    return text.strip()


def _join(path: str, key: str) -> str:
    return key if path == "het inhoudsbestand" else f"{path}.{key}"


def _where(path: str) -> str:
    return path if path == "het inhoudsbestand" else f"‘{path}’"


def _braces(names) -> str:
    return ", ".join("{" + name + "}" for name in names)
