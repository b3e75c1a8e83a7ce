"""The question bank as the seed's tool "Voorbeelden dialoogvragen" prints it.

Per domain ("Domein 1: Gelijkheid"), its own general questions first ("Algemeen"), then one block
per bank heading ("Inclusieve sociale voorzieningen/diensten"); the blocks of two subdomains that
share one heading and the same questions (Vertrouwen in rechtsstaat / in politiek) are one block,
so no question is offered twice. Questions that cut across all domains ("Denk ook aan:
Doenvermogen") come last.

With subdomains chosen in the Domeinverkenner, only what fits is offered: a subdomain block when
one of its subdomains was chosen, a domain's general questions when that domain was answered
"ja", and the cross-cutting questions always.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mia.instrument.models import BankQuestion


@dataclass
class BankBlock:
    heading: str
    questions: list  # BankQuestion rows, one per distinct text
    description: str = ""
    subdomain_names: list[str] = field(default_factory=list)  # the Domeinverkenner's names, when they differ
    links: list = field(default_factory=list)
    chosen: bool = True  # a subdomain block: one of its subdomains was chosen in the Domeinverkenner


@dataclass
class BankSection:
    heading: str
    blocks: list[BankBlock]
    name: str = ""  # the domain's Domeinverkenner name, when the bank heading differs


def bank_sections(assessment, *, show_all: bool) -> tuple[list[BankSection], bool]:
    """(sections, filtered): the bank as it is offered, and whether it is narrowed by the Domeinverkenner."""
    content = assessment.content
    rows = list(BankQuestion.objects.filter(version=assessment.content_version).select_related("subdomain"))
    by_subdomain: dict[str, list[BankQuestion]] = {}
    by_topic: dict[str, list[BankQuestion]] = {}
    for row in sorted(rows, key=lambda r: r.position):
        row.plain = content.plain_question(row.text)  # what participants will read (B1)
        if row.subdomain_id:
            by_subdomain.setdefault(row.subdomain.code, []).append(row)
        else:
            by_topic.setdefault(row.topic, []).append(row)

    answers = list(assessment.domain_answers.select_related("domain").prefetch_related("subdomains"))
    relevant_domains = {a.domain.code for a in answers if a.relevant}
    chosen_subdomains = {s.code for a in answers if a.relevant for s in a.subdomains.all()}
    filtered = bool(chosen_subdomains) and not show_all

    sections = []
    for domain in content.domains:
        blocks: list[BankBlock] = []
        if not filtered or domain.code in relevant_domains:
            for topic in content.extra_question_topics:
                if topic.domain == domain.code and by_topic.get(topic.name):
                    blocks.append(BankBlock(topic.heading, by_topic[topic.name], topic.description))
        merged: dict[str, BankBlock] = {}
        for subdomain in domain.subdomains:
            questions = by_subdomain.get(subdomain.code, [])
            if not questions:
                continue
            block = merged.get(subdomain.heading)
            if block is None:
                block = merged[subdomain.heading] = BankBlock(subdomain.heading, [], chosen=False)
                blocks.append(block)
            block.chosen = block.chosen or subdomain.code in chosen_subdomains
            if subdomain.name != subdomain.heading:
                block.subdomain_names.append(subdomain.name)
            known = {q.text for q in block.questions}
            block.questions.extend(q for q in questions if q.text not in known)
        blocks = [b for b in blocks if not filtered or b.chosen]
        if blocks:
            heading = domain.bank_heading or domain.name
            sections.append(BankSection(heading, blocks, name=domain.name if domain.name not in heading else ""))

    cross = [
        BankBlock(topic.heading, by_topic[topic.name], topic.description, links=list(content.links_for_topic(topic.code)))
        for topic in content.extra_question_topics
        if topic.domain is None and by_topic.get(topic.name)
    ]
    if cross:
        sections.append(BankSection("", cross))
    return sections, filtered
