"""The page `make serve` shows while the data has errors: every error in `validate`'s words, and what to do.

A server that just stops leaves the browser waiting without a word. So while
a file has errors, every page of the preview is this page: the same problems
as `python -m macros validate` prints, each with file, line and column, and
the few steps back to a working preview. Data text is escaped like anywhere else.
"""
from __future__ import annotations

from ..problems import Problem
from .escape import html_text

TITLE = "Fehler in den Daten"


def data_error_page(problems: list[Problem], other: list[str] = ()) -> str:
    """The page body (HTML) for `problems` (errors with a place) and `other` messages (e.g. a refused link)."""
    items = [_problem_item(p) for p in problems] + [f"<li><p>{html_text(message)}</p></li>" for message in other]
    count = len(items)
    files = len({p.path for p in problems}) + len(other)
    return (
        f'<h1 id="fehler-in-den-daten">{TITLE}</h1>'
        f"<p>Die Vorschau kann das Handbuch gerade nicht bauen: {_count(files, 'Datei hat', 'Dateien haben')} "
        "Fehler. Solange zeigt jede Seite diese Liste statt ihres Inhalts.</p>"
        '<div class="admonition failure kw-data-errors" role="alert" aria-labelledby="kw-data-errors-title">'
        f'<p class="admonition-title" id="kw-data-errors-title">{_count(count, "Fehler", "Fehler")}</p>'
        f"<ul>{''.join(items)}</ul></div>"
        "<h2>So geht es weiter</h2>"
        "<ol>"
        "<li>Öffne die genannte Datei und geh in die genannte Zeile. Die meisten Editoren zeigen die Zeilennummer am linken Rand.</li>"
        "<li>Korrigiere die Stelle so, wie die Meldung es sagt, und speichere die Datei.</li>"
        "<li>Warte einen Moment: Diese Seite lädt von selbst neu und zeigt wieder das Handbuch. "
        "Bleibt ein Fehler, steht er wieder hier.</li>"
        "</ol>"
        "<p>Dieselben Meldungen stehen im Terminal, in dem <code>make serve</code> läuft, und kommen auch von "
        "<code>python -m macros validate</code>. Was eine Meldung bedeutet und wie du sie behebst, erklärt die Seite "
        "„Fehlermeldungen“ im Bereich „Mitwirken“.</p>"
    )


def _problem_item(problem: Problem) -> str:
    return (
        f'<li><p><strong>{html_text(problem.path)}</strong>, Zeile {problem.line}, Spalte {problem.column}</p>'
        f"<p>{html_text(problem.message)}</p></li>"
    )


def _count(number: int, one: str, many: str) -> str:
    return f"1 {one}" if number == 1 else f"{number} {many}"
