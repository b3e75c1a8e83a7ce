from django.urls import reverse


def test_dutch_by_default_even_for_english_browsers(client, db):
    page = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert 'lang="nl"' in page and "Inloggen" in page


def test_english_when_chosen(client, db):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("login")).content.decode()
    assert 'lang="en"' in page and "Log in" in page


# The English catalogue: complete, consistent and compiled. After `makemessages -l en` (see
# docs/domain-apps.md) these fail until every new or changed Dutch string has its English.

def test_catalogue_reads_every_entry():
    from mia.core.tests.catalogue import PO, entries

    found = entries()
    assert len(found) == PO.read_text(encoding="utf-8").count("\nmsgid ") - 1  # minus the header
    assert {e.msgid for e in found} >= {"Inloggen", "Er was %(n)s bijeenkomst"}


def test_every_message_has_english():
    from mia.core.tests.catalogue import entries

    missing = [f"line {e.line}: {e.msgid!r}" + (" (fuzzy)" if e.fuzzy else " (empty)")
               for e in entries() if not e.translated]
    assert not missing, f"{len(missing)} messages without English:\n" + "\n".join(missing[:40])


def test_english_keeps_the_placeholders():
    """A lost or renamed %(name)s raises KeyError under English (a 500); an extra one too."""
    from mia.core.tests.catalogue import entries, placeholders

    wrong = []
    for e in entries():
        if not e.translated:
            continue
        if e.msgid_plural is None:
            pairs = [(e.msgid, e.msgstr[0])]
        else:
            pairs = [(e.msgid, e.msgstr[0]), (e.msgid_plural, e.msgstr[1])]
        wrong += [f"line {e.line}: {dutch!r} -> {english!r}" for dutch, english in pairs
                  if placeholders(dutch) != placeholders(english)]
    assert not wrong, "\n".join(wrong[:40])


def test_the_compiled_catalogue_matches_the_po_file():
    """django.mo is committed: it must be compiled from the current django.po (compilemessages)."""
    import gettext

    from mia.core.tests.catalogue import MO, entries

    with MO.open("rb") as f:
        compiled = gettext.GNUTranslations(f)._catalog
    stale = []
    for e in entries():
        if not e.translated:
            continue
        key = f"{e.msgctxt}\x04{e.msgid}" if e.msgctxt is not None else e.msgid
        if e.msgid_plural is None:
            ok = compiled.get(key) == e.msgstr[0]
        else:
            ok = all(compiled.get((key, i)) == e.msgstr[i] for i in (0, 1))
        if not ok:
            stale.append(f"line {e.line}: {e.msgid!r}")
    assert not stale, "Run compilemessages; not in django.mo:\n" + "\n".join(stale[:40])


def test_dutch_on_finds_an_untranslated_sentence():
    from mia.core.tests.catalogue import dutch_on

    page = "<p>Er is nog geen adviesstructuur van uw organisatie.</p><p>Your organisation has no advisory structure yet.</p>"
    assert dutch_on(page) == ["Er is nog geen adviesstructuur van uw organisatie."]
    assert dutch_on("<p>Your organisation has no advisory structure yet.</p>") == []


def test_no_gettext_at_import_time():
    """``gettext`` outside a function runs once, at import, in Dutch: the text then stays Dutch under
    English. Module-level texts (dicts, decorator arguments, defaults) need ``gettext_lazy``."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    eager_calls = []

    class ImportTime(ast.NodeVisitor):
        def __init__(self, names):
            self.names, self.depth = names, 0

        def visit_FunctionDef(self, node):
            for outer in [*node.decorator_list, *node.args.defaults, *filter(None, node.args.kw_defaults)]:
                self.visit(outer)
            self.depth += 1
            for statement in node.body:
                self.visit(statement)
            self.depth -= 1

        visit_AsyncFunctionDef = visit_FunctionDef

        def visit_Lambda(self, node):
            self.depth += 1
            self.generic_visit(node)
            self.depth -= 1

        def visit_Call(self, node):
            if not self.depth and isinstance(node.func, ast.Name) and node.func.id in self.names:
                eager_calls.append(f"{path.relative_to(root)}:{node.lineno}")
            self.generic_visit(node)

    for path in sorted(root.rglob("*.py")):
        if {"tests", "migrations"} & set(path.parts):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {alias.asname or alias.name for node in ast.walk(tree)
                 if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation"
                 for alias in node.names if alias.name in {"gettext", "ngettext", "pgettext"}}
        if names:
            ImportTime(names).visit(tree)
    assert not eager_calls, "gettext at import time (use gettext_lazy):\n" + "\n".join(eager_calls)
