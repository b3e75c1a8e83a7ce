"""The content document of a version as it is now in the database.

Rows that a beheerder can edit in the admin (questions, groups, domains, …)
are the truth; other texts come from the stored document."""

from __future__ import annotations

from mia.instrument.models import ContentVersion


def version_document(version: ContentVersion) -> dict:
    doc = dict(version.document)
    doc["version"] = version.version
    doc["title"] = version.title
    doc["scan_questions"] = [{"code": q.code, "text": q.text, "help": q.help} for q in version.scanquestion_set.all()]
    doc["groups"] = [{"code": g.code, "label": g.label} for g in version.affectedgroup_set.all()]
    doc["signal_word_pairs"] = [
        {"code": p.code, "positive": p.positive, "negative": p.negative} for p in version.signalwordpair_set.all()
    ]
    doc["chart_statements"] = [
        {"number": s.number, "code": s.code, "text": s.text, "prompt": s.prompt} for s in version.chartstatement_set.all()
    ]
    doc["domains"] = [_domain(version, d) for d in version.domain_set.all()]
    topics = {t["name"]: t for t in doc.get("extra_question_topics", [])}
    for name, topic in topics.items():
        topic["questions"] = [q.text for q in version.bankquestion_set.filter(subdomain=None, topic=name)]
    guides = {g.code: g for g in version.stepguide_set.all()}
    doc["steps"] = [_step(step, guides) for step in doc.get("steps", [])]
    return doc


def _domain(version, d) -> dict:
    original = next((x for x in version.document.get("domains", []) if x.get("code") == d.code), {})
    return {
        **original,
        "code": d.code,
        "name": d.name,
        "start_question": d.start_question,
        "description": d.description,
        "subdomains": [
            {
                **next((x for x in original.get("subdomains", []) if x.get("code") == s.code), {}),
                "code": s.code,
                "name": s.name,
                "questions": [q.text for q in s.questions.all()],
            }
            for s in d.subdomains.all()
        ],
    }


def _step(step: dict, guides: dict) -> dict:
    def merge(item: dict) -> dict:
        g = guides.get(item["code"].lower())
        if g is None:
            return item
        return {**item, "title": g.title, "guidance": g.guidance, **({"minutes": g.minutes} if g.minutes else {})}

    merged = merge(step)
    merged["substeps"] = [merge(s) for s in step.get("substeps", [])]
    return merged
