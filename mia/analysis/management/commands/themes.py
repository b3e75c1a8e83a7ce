"""``mia themes``: themes in the texts of a CSV/XLSX file, written as JSON."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from mia.analysis.themes import METHODS, ThemeInputError, find_themes, result_to_json
from mia.analysis.themes.tables import read_table


class ProgressBar:
    """A one-line progress bar on stderr (redrawn at most 10 times a second)."""

    def __init__(self, stream, width: int = 30) -> None:
        self.stream = stream
        self.width = width
        self._last = 0.0
        self._shown = False

    def __call__(self, fraction: float, message: str) -> None:
        now = time.monotonic()
        if fraction < 1.0 and now - self._last < 0.1:
            return
        self._last = now
        filled = int(self.width * max(0.0, min(1.0, fraction)))
        bar = "#" * filled + "." * (self.width - filled)
        self.stream.write(f"\r[{bar}] {fraction * 100:5.1f}% {message:<28}")
        self.stream.flush()
        self._shown = True

    def close(self) -> None:
        if self._shown:
            self.stream.write("\n")
            self.stream.flush()


def run(options: dict, stdout, stderr) -> dict:
    """The command without Django's plumbing; returns the JSON written."""
    try:
        table = read_table(
            options["input"],
            options["text_column"],
            options.get("id_column"),
            options.get("group_column") or [],
            encoding=options.get("encoding") or "utf-8",
            sheet=options.get("sheet"),
        )
        bar = ProgressBar(stderr) if options.get("progress", True) else None
        try:
            result = find_themes(
                table.texts,
                ids=table.ids,
                groups=table.groups or None,
                seed=options.get("seed", 0),
                method=options.get("method", "auto"),
                k=options.get("k"),
                progress=bar,
                rode_draad_min_groups=options.get("rode_draad_min_groups", 2),
                threads=options.get("threads", 1),
            )
        finally:
            if bar:
                bar.close()
    except ThemeInputError as exc:
        raise CommandError(str(exc)) from None
    data = result_to_json(result)
    text = json.dumps(data, ensure_ascii=False, indent=2)
    out = options["json"]
    if out == "-":
        stdout.write(text)
    else:
        try:
            Path(out).write_text(text + "\n", encoding="utf-8")
        except OSError as exc:
            raise CommandError(f"Kan '{out}' niet schrijven: {exc.strerror or exc}.") from None
    for warning in result.warnings:
        stderr.write(f"Let op: {warning}\n")
    regular = [t for t in result.themes if not t.is_other]
    summary = (
        f"{len(regular)} thema's in {result.n_texts} teksten (methode: {result.method}, seed {result.seed})"
    )
    stderr.write(summary + (f" -> {out}\n" if out != "-" else "\n"))
    return data


class Command(BaseCommand):
    help = (
        "Zoek thema's in de teksten van een CSV- of XLSX-bestand en schrijf ze als JSON: "
        '{"themes": [{"label", "size", "member_ids", "quotes"}, ...]}.'
    )
    requires_system_checks: list = []

    def add_arguments(self, parser):
        parser.add_argument("--input", required=True, help="CSV- of XLSX-bestand")
        parser.add_argument("--text-column", required=True, help="kolom met de teksten")
        parser.add_argument("--id-column", help="kolom met unieke id's (anders rijnummers vanaf 0)")
        parser.add_argument(
            "--group-column",
            action="append",
            help="kolom met een groep, zoals sessie of vraag (mag vaker; de eerste bepaalt de rode draden)",
        )
        parser.add_argument("--seed", type=int, default=0)
        parser.add_argument("--method", choices=METHODS, default="auto")
        parser.add_argument("--k", type=int, help="vast aantal thema's (anders automatisch)")
        parser.add_argument("--rode-draad-min-groups", type=int, default=2)
        parser.add_argument("--threads", type=int, default=1, help="rekenthreads (standaard 1)")
        parser.add_argument("--encoding", default="utf-8", help="tekenset van een CSV (standaard utf-8)")
        parser.add_argument("--sheet", help="werkblad van een XLSX (standaard het eerste)")
        parser.add_argument("--json", required=True, help="uitvoerbestand, of - voor stdout")
        parser.add_argument("--no-progress", dest="progress", action="store_false")

    def handle(self, *args, **options):
        # the raw streams: OutputWrapper would end every redraw of the bar with a newline
        run(options, getattr(self.stdout, "_out", sys.stdout), getattr(self.stderr, "_out", sys.stderr))
