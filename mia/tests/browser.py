"""Helpers for browser tests: headless Chromium through Playwright, and axe-core scans.

The machine has no internet: Chromium is Debian's ``/usr/bin/chromium`` (never
``playwright install``), and axe-core is the copy that ships inside the
``axe-playwright-python`` wheel, injected into each page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# WCAG 2.0 and 2.1, levels A and AA: what the issue asks for. No rule is switched off.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
NARROW = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


def launch(playwright):
    """A headless Chromium from the system, with nothing that reaches for the network."""
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)


def new_context(browser, **options):
    """A fresh context (own cookies and storage) in Dutch, as the app's users have it."""
    options.setdefault("locale", "nl-NL")
    options.setdefault("viewport", DESKTOP)
    options.setdefault("accept_downloads", True)
    context = browser.new_context(**options)
    context.set_default_timeout(15_000)
    return context


@lru_cache(maxsize=1)
def axe_source() -> str:
    return resources.files("axe_playwright_python").joinpath("axe.min.js").read_text(encoding="utf-8")


def axe_violations(page) -> list[dict]:
    """Run axe-core on the page as it is now; return the violations of WCAG 2.0/2.1 A and AA."""
    page.wait_for_load_state("load")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # page.evaluate goes through the DevTools protocol, so the app's strict CSP does not block it.
        page.evaluate(axe_source())
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    result = page.evaluate("options => axe.run(document, options)", options)
    return result["violations"]


def format_violations(violations: list[dict], where: str) -> str:
    """One readable block per rule: id, impact, help, and each failing element's selector and summary."""
    lines = [f"{where}: {len(violations)} axe violation(s) of WCAG 2.0/2.1 A/AA"]
    for v in violations:
        lines.append(f"  - {v['id']} [{v.get('impact')}] {v['help']} ({v.get('helpUrl', '')})")
        for node in v["nodes"][:10]:
            target = " ".join(str(t) for t in node.get("target", []))
            summary = re.sub(r"\s+", " ", node.get("failureSummary") or "").strip()
            html = re.sub(r"\s+", " ", node.get("html") or "")[:160]
            lines.append(f"      at {target}\n         {html}\n         {summary}")
        if len(v["nodes"]) > 10:
            lines.append(f"      … and {len(v['nodes']) - 10} more element(s)")
    return "\n".join(lines)


def _where(page, label: str | None) -> str:
    path = re.sub(r"^https?://[^/]+", "", page.url)
    return f"{label} ({path})" if label else path


class AxeViolations(AssertionError):
    pass


def axe_check(page, label: str | None = None) -> None:
    """Fail at once if the page has any WCAG 2.0/2.1 A/AA violation, listing them readably."""
    violations = axe_violations(page)
    if violations:
        raise AxeViolations(format_violations(violations, _where(page, label)))


@dataclass
class AxeAudit:
    """Scans every page of a journey and keeps going, so one run shows every page's violations.

    With ``check_width`` each scanned page must also be no wider than its window (WCAG 1.4.10,
    reflow): ``document.documentElement.scrollWidth`` <= the viewport width. Scan participant
    pages at 360 px (``page.set_viewport_size(NARROW)``).

    ``assert_clean()`` at the end fails with all of them; ``report()`` is for a failure midway."""

    findings: list[str] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)
    check_width: bool = False
    # With ``also_narrow`` a page seen in a wide window is also measured at 360 px (kernteam pages:
    # 1280 and 360 px); a page already in a narrow window (a phone) is measured as it is.
    also_narrow: bool = False
    widths_checked: list[tuple[str, int]] = field(default_factory=list)

    def check(self, page, label: str | None = None) -> None:
        where = _where(page, label)
        self.pages.append(where)
        violations = axe_violations(page)
        if violations:
            self.findings.append(format_violations(violations, where))
        if self.check_width:
            self._measure(page, where)
            viewport = page.viewport_size
            if self.also_narrow and viewport and viewport["width"] > NARROW["width"]:
                page.set_viewport_size(NARROW)
                try:
                    self._measure(page, where)
                finally:
                    page.set_viewport_size(viewport)

    def _measure(self, page, where: str) -> None:
        width = page.evaluate("() => window.innerWidth")
        self.widths_checked.append((where, width))
        too_wide = page_overflow(page)
        if too_wide:
            self.findings.append(f"{where} at {width} px: {too_wide}")

    def report(self) -> str:
        return "\n\n".join(self.findings)

    def assert_clean(self) -> None:
        if self.findings:
            raise AxeViolations(
                f"{len(self.findings)} of {len(self.pages)} scanned pages have axe violations:\n\n" + self.report()
            )


def page_overflow(page) -> str:
    """Empty when the page fits its window; else how wide it is and the widest elements that stick out."""
    found = page.evaluate(
        """() => {
          const width = window.innerWidth, doc = document.documentElement.scrollWidth;
          if (doc <= width) return "";
          // Elements inside a scroll container (a wide table in .table-scroll) do not widen the page.
          const clipped = e => { for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
            if (getComputedStyle(p).overflowX !== "visible") return true; } return false; };
          const wide = [...document.querySelectorAll("body *")]
            .map(e => [e, e.getBoundingClientRect()]).filter(([e, r]) => r.right > width + 1 && !clipped(e))
            .sort((a, b) => b[1].right - a[1].right).slice(0, 5)
            .map(([e, r]) => `${e.tagName.toLowerCase()}${e.id ? "#" + e.id : ""}${e.className && typeof e.className === "string" ? "." + e.className.split(" ").join(".") : ""} (right edge ${Math.round(r.right)} px)`);
          return `page is ${doc} px wide in a ${width} px window; sticking out: ${wide.join(", ")}`;
        }"""
    )
    return found


def has_horizontal_scroll(page) -> bool:
    """WCAG 1.4.10 (reflow): at a narrow viewport the page must not need sideways scrolling."""
    return page.evaluate("() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1")


def normalise(text: str) -> str:
    """Collapse whitespace and unify quotes/ligatures so text extracted from PDF/DOCX can be compared."""
    text = text.replace("\ufb01", "fi").replace("\ufb02", "fl").replace("\u00ad", "")
    text = text.replace("’", "'").replace("‘", "'")
    return " ".join(text.split())


def pdf_text(path) -> str:
    from pypdf import PdfReader

    return normalise("\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages))


def docx_text(path) -> str:
    from docx import Document

    document = Document(str(path))
    parts = [p.text for p in document.paragraphs]

    def cells(table):
        for row in table.rows:
            for cell in row.cells:
                yield cell.text
                for inner in cell.tables:
                    yield from cells(inner)

    for table in document.tables:
        parts.extend(cells(table))
    for section in document.sections:
        parts.extend(p.text for p in section.header.paragraphs)
        parts.extend(p.text for p in section.footer.paragraphs)
    return normalise("\n".join(parts))
