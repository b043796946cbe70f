"""`python -m macros …`: validate, print schemas, start new files, render diagrams, print the handbook.

Exit codes: 0 all good, 1 the data has problems, 2 the command was called wrongly.
Messages for editors are German and name file, line and column.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import schema, templates
from .model import ID_PATTERN, PERSONA_DIR, RESERVED_IDS, Journey, load_catalog, yaml_files
from .render.mermaid import journey_diagram, persona_journeys_diagram
from .render.summary import pull_request_summary
from .today import DateError

DEFAULT_ROOT = Path("journeys")
ASSETS = Path("docs/assets")


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        raise UsageError(f"{message}\nHilfe: python -m macros --help")


def _root_of(path: Path) -> Path:
    """The `journeys/` folder a path belongs to, so kinds and cross-references resolve."""
    for parent in [path, *path.parents] if path.is_dir() else path.parents:
        if parent.name == DEFAULT_ROOT.name:
            return parent
    return path if path.is_dir() else path.parent


def display_path(path: Path) -> str:
    """Paths in messages are relative to the working directory when possible, as editors expect."""
    relative = Path(os.path.relpath(path))
    return path.as_posix() if relative.parts[:1] == ("..",) else relative.as_posix()


def _load(root: Path, files: list[Path] | None = None):
    return load_catalog(root, files, label=display_path(root))


def _select(paths: list[str]) -> tuple[Path, list[Path] | None]:
    if not paths:
        return DEFAULT_ROOT, None
    selected: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise UsageError(f"{raw}: Datei oder Ordner gibt es nicht.")
        selected += yaml_files(path) if path.is_dir() else [path]
    return _root_of(Path(paths[0])), selected


def cmd_validate(args) -> int:
    root, files = _select(args.paths)
    if not root.is_dir():
        raise UsageError(f"{root}: Ordner gibt es nicht. Starte den Befehl im Projektordner.")
    catalog, problems = _load(root, files)
    for problem in problems:
        print(problem.github_annotation() if args.format == "github" else str(problem))
    failed = [p for p in problems if p.is_error]
    if args.format == "text":
        count = len(catalog.journeys) + len(catalog.personas)
        warnings = len(problems) - len(failed)
        hints = f" {warnings} Hinweis{'e' if warnings != 1 else ''} (kein Fehler)." if warnings else ""
        summary = (
            f"{len(failed)} Fehler gefunden.{hints}" if failed
            else f"Alles in Ordnung: {len(catalog.journeys)} Journeys, {len(catalog.personas)} Personas.{hints}"
        )
        print(summary if problems or count else "Keine YAML-Dateien gefunden.", file=sys.stderr)
    return 1 if failed else 0


def cmd_schema(args) -> int:
    sys.stdout.write(schema.schema_text(args.kind))
    return 0


def cmd_new(args) -> int:
    ident = args.id
    if not ID_PATTERN.match(ident) or ident in RESERVED_IDS:
        raise UsageError(f"„{ident}“ taugt nicht als Kennung: nur Kleinbuchstaben a–z, Ziffern und Bindestriche, z. B. passamt-kinderpass.")
    root = DEFAULT_ROOT
    existing = {p.stem: p for p in yaml_files(root)} if root.is_dir() else {}
    if ident in existing:
        raise UsageError(f"Die Kennung „{ident}“ gibt es schon: {display_path(existing[ident])}.")
    if args.kind == "persona":
        folder = root / PERSONA_DIR
    else:
        folder = root / args.team if args.team else root
        if args.team and (not ID_PATTERN.match(args.team) or args.team == PERSONA_DIR):
            raise UsageError(f"„{args.team}“ taugt nicht als Teamordner: Kleinbuchstaben, Ziffern, Bindestriche; nicht „personas“.")
    target = folder / f"{ident}.yml"
    schema_ref = os.path.relpath(Path(__file__).parent / "schemas" / f"{args.kind}.schema.json", folder.resolve() if folder.exists() else Path.cwd() / folder)
    schema_ref = Path(schema_ref).as_posix()
    if args.kind == "persona":
        content = templates.persona_template(schema_ref)
    else:
        personas = sorted(p.stem for p in (root / PERSONA_DIR).glob("*.yml"))
        content = templates.journey_template(schema_ref, personas[0] if personas else "kennung-der-persona")
        if not personas:
            print("Hinweis: Es gibt noch keine Persona. Lege zuerst eine an: python -m macros new persona <kennung>", file=sys.stderr)
    folder.mkdir(parents=True, exist_ok=True)
    target.write_text(content, encoding="utf-8")
    print(f"Angelegt: {display_path(target)}. Passe die Texte an und prüfe mit: python -m macros validate {display_path(target)}")
    return 0


def cmd_render(args) -> int:
    path = Path(args.file)
    if not path.is_file():
        raise UsageError(f"{args.file}: Datei gibt es nicht.")
    catalog, problems = _load(_root_of(path))
    shown = display_path(path)
    own = [p for p in problems if p.path == shown]
    for problem in own:
        print(problem, file=sys.stderr)
    if any(p.is_error for p in own):
        return 1
    if path.stem in catalog.journeys:
        print(journey_diagram(catalog.journeys[path.stem]))
    elif path.stem in catalog.personas:
        print(persona_journeys_diagram(catalog, [path.stem]))
    return 0


def _changes(base: str | None, named: list[str] = ()):
    """Each changed file against the merge base, or, without git history, the named files without comparison."""
    from .git_history import GitError, file_diffs, find, merge_base
    from .journey_diff import FileDiff
    from .today import today

    root = DEFAULT_ROOT
    try:
        files, catalog, problems = file_diffs(Path.cwd(), merge_base(Path.cwd(), base), today(), folder=root.as_posix())
        note = ""
    except GitError as error:
        files, note = [], str(error)
        catalog, problems = _load(root)
    known = {f.path for f in files}
    for raw in named:
        path = Path(raw)
        if path.suffix not in (".yml", ".yaml") or root not in path.parents:
            continue
        source = path.relative_to(root).as_posix()
        if source not in known:
            exists = path.exists() or path.is_symlink()
            files.append(FileDiff("", source if exists else "", None, find(catalog, source), (), compared=False))
    return files, catalog, problems, note


def cmd_summary(args) -> int:
    """Markdown for a pull request's job summary: what changed in each journey and persona, or what to fix."""
    files, catalog, problems, note = _changes(args.base, args.files)
    text, failed = pull_request_summary(catalog, problems, files, label=display_path(DEFAULT_ROOT), note=note,
                                        preview=args.preview_artifact)
    print(text)
    return 1 if failed else 0


def cmd_diff(args) -> int:
    """What changed in each journey and persona since the merge base, in the journey's own terms."""
    from .render.changes import file_text

    files, _, _, note = _changes(args.base)
    if note:
        raise UsageError(note)
    print("\n\n".join(file_text(f, display_path(DEFAULT_ROOT)) for f in files) if files else "Keine Datei unter journeys/ geändert.")
    return 0


def cmd_preview(args) -> int:
    """One self-contained HTML file per changed journey and persona, for the CI artifact `vorschau`."""
    from .render.preview import CSS_FILES, preview_file_name, preview_index, preview_page
    from .today import today

    files, catalog, problems, note = _changes(args.base)
    if note:
        raise UsageError(note)
    css = "".join((ASSETS / name).read_text(encoding="utf-8") for name in CSS_FILES)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    label = display_path(DEFAULT_ROOT)
    shown, skipped = [], []
    for file in files:
        broken = any(p.is_error and p.path == f"{label}/{file.new_path}" for p in problems)
        if file.new is None or broken or (isinstance(file.new, Journey) and file.new.persona not in catalog.personas):
            skipped.append(f"{label}/{file.path}: " + ("gelöscht" if not file.new_path else "hat Fehler, siehe Zusammenfassung"))
            continue
        (out / preview_file_name(file.ident)).write_text(preview_page(file, catalog, css, today()), encoding="utf-8")
        shown.append(file)
    (out / "index.html").write_text(preview_index(shown, skipped, css), encoding="utf-8")
    print(f"Vorschau in {args.out}: {len(shown)} Dateien und index.html.")
    return 0


def cmd_review(args) -> int:
    """What is due, grouped by owner: a report that exits 0, for people and for the weekly workflow."""
    from .git_history import changes_since_review
    from .render import review
    from .today import today

    catalog, problems = _load(DEFAULT_ROOT)
    failed = [p for p in problems if p.is_error]
    if failed:
        for problem in failed:
            print(problem, file=sys.stderr)
        print("Die Daten haben Fehler; der Bericht nennt nur, was sich laden ließ.", file=sys.stderr)
    date = today()
    items = review.due_items(catalog, date, display_path(DEFAULT_ROOT), args.owner or "", changes_since_review(DEFAULT_ROOT, catalog, date))
    text = {"text": lambda: review.as_text(items), "markdown": lambda: review.as_markdown(items, date),
            "github": lambda: review.as_annotations(items)}[args.format]()
    if text:
        print(text)
    return 0


def cmd_review_issue(args) -> int:
    """The weekly workflow's step: the report into the issue "Fällige Überprüfungen" (needs `gh`)."""
    import subprocess

    from .git_history import changes_since_review
    from .render import review
    from .review_issue import sync
    from .today import today

    catalog, _ = _load(DEFAULT_ROOT)
    date = today()
    items = review.due_items(catalog, date, display_path(DEFAULT_ROOT), since_review=changes_since_review(DEFAULT_ROOT, catalog, date))
    try:
        print(sync(review.as_markdown(items, date), not items))
    except (OSError, subprocess.CalledProcessError) as error:
        detail = getattr(error, "stderr", "") or error
        print(f"GitHub-Issue nicht aktualisiert: {detail}", file=sys.stderr)
        return 1
    return 0


def cmd_build_input(args) -> int:
    """A project copy with every generated page, for generators that read pages only from disk."""
    from .build_input import BuildInputError, write_build_input

    catalog, problems = _load(DEFAULT_ROOT)
    for problem in problems:
        print(problem, file=sys.stderr)
    if any(p.is_error for p in problems):
        return 1
    try:
        count = write_build_input(Path.cwd(), Path(args.out), catalog)
    except BuildInputError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"Build-Eingabe in {args.out}: docs/ mit {count} erzeugten Seiten, journeys/, mkdocs.yml.")
    return 0


def cmd_search_index(args) -> int:
    """For builders without our plugin (Zensical): index the built site as the MkDocs plugin does after a build."""
    from .search import SearchIndexError, index_site

    site = Path(args.site)
    if not (site / "index.html").is_file():
        raise UsageError(f"{args.site}: Hier liegt keine gebaute Website (index.html fehlt). Baue zuerst.")
    try:
        print(f"Suchindex in {args.site}/pagefind: {index_site(site)}")
    except SearchIndexError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


def cmd_fetch_mermaid(args) -> int:
    from .vendor import fetch_mermaid

    entry = fetch_mermaid(Path(args.target), Path(args.cache))
    print(f"Mermaid bereit: {entry}")
    return 0


def cmd_fetch_pyodide(args) -> int:
    from .vendor import fetch_pyodide

    entry = fetch_pyodide(Path(args.target), Path(args.cache))
    print(f"Pyodide bereit: {entry}")
    return 0


def cmd_pdf(args) -> int:
    """The built handbook with every journey as one PDF (`make pdf`)."""
    from .pdf import PdfError, write_pdf

    try:
        count = write_pdf(Path(args.site), Path(args.out))
    except PdfError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"PDF geschrieben: {args.out} ({count} Seiten der Website).")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m macros", description="Werkzeuge für die Journeys und Personas in journeys/.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    p = sub.add_parser("validate", help="Alle oder einzelne YAML-Dateien prüfen (Standard: journeys/).")
    p.add_argument("paths", nargs="*", help="Dateien oder Ordner")
    p.add_argument("--format", choices=["text", "github"], default="text", help="github: Anmerkungen für GitHub Actions")
    p.set_defaults(run=cmd_validate)
    p = sub.add_parser("schema", help="Das JSON Schema einer Art ausgeben.")
    p.add_argument("kind", choices=schema.KINDS)
    p.set_defaults(run=cmd_schema)
    p = sub.add_parser("new", help="Eine kommentierte Startdatei anlegen.")
    p.add_argument("kind", choices=schema.KINDS)
    p.add_argument("id", help="Kennung, wird zum Dateinamen und zur Webadresse")
    p.add_argument("--team", help="Teamordner unter journeys/ (nur für Journeys)")
    p.set_defaults(run=cmd_new)
    p = sub.add_parser("render", help="Den Mermaid-Quelltext einer Journey ausgeben.")
    p.add_argument("file")
    p.set_defaults(run=cmd_render)
    p = sub.add_parser("summary", help="Markdown-Zusammenfassung geänderter Dateien (für Pull Requests).")
    p.add_argument("files", nargs="*")
    p.add_argument("--base", help="Vergleichsstand (Standard: gemeinsamer Stand mit main, sonst origin/main)")
    p.add_argument("--preview-artifact", action="store_true", help="auf das Artefakt „vorschau“ hinweisen (CI)")
    p.set_defaults(run=cmd_summary)
    p = sub.add_parser("diff", help="Was sich in jeder geänderten Journey und Persona geändert hat, seit dem Stand von main.")
    p.add_argument("base", nargs="?", help="Vergleichsstand (Standard: gemeinsamer Stand mit main, sonst origin/main)")
    p.set_defaults(run=cmd_diff)
    p = sub.add_parser("preview", help="Je geänderte Journey und Persona eine HTML-Datei, die ohne Internet aufgeht (Artefakt „vorschau“).")
    p.add_argument("out", help="Zielordner, z. B. vorschau")
    p.add_argument("base", nargs="?", help="Vergleichsstand (Standard: gemeinsamer Stand mit main, sonst origin/main)")
    p.set_defaults(run=cmd_preview)
    p = sub.add_parser("review", help="Fällige Überprüfungen und überfällige Maßnahmen nach Verantwortlichen (Exit 0).")
    p.add_argument("--owner", help="nur Verantwortliche, deren Name diesen Text enthält")
    p.add_argument("--format", choices=["text", "markdown", "github"], default="text")
    p.set_defaults(run=cmd_review)
    p = sub.add_parser("review-issue", help="Den Bericht in das Issue „Fällige Überprüfungen“ schreiben (für den Workflow, braucht gh).")
    p.set_defaults(run=cmd_review_issue)
    p = sub.add_parser("build-input", help="Projektkopie mit allen erzeugten Seiten schreiben (für Zensical).")
    p.add_argument("out", help="Zielordner, z. B. .build/zensical (nie docs/)")
    p.set_defaults(run=cmd_build_input)
    p = sub.add_parser("search-index", help="Die gebaute Website für die Suche indexieren (Pagefind).")
    p.add_argument("site", help="Ordner der gebauten Website, z. B. site-zensical")
    p.set_defaults(run=cmd_search_index)
    p = sub.add_parser("fetch-mermaid", help="Mermaid aus der npm-Registry in die Website holen.")
    p.add_argument("--target", default="docs/assets/vendor/mermaid")
    p.add_argument("--cache", default=".cache")
    p.set_defaults(run=cmd_fetch_mermaid)
    p = sub.add_parser("fetch-pyodide", help="Pyodide (Python für die Editor-Seite) aus der npm-Registry in die Website holen.")
    p.add_argument("--target", default="docs/assets/vendor/pyodide")
    p.add_argument("--cache", default=".cache")
    p.set_defaults(run=cmd_fetch_pyodide)
    p = sub.add_parser("pdf", help="Die gebaute Website mit allen Journeys als ein PDF drucken (braucht Chromium).")
    p.add_argument("site", nargs="?", default="site", help="gebaute Website (Standard: site)")
    p.add_argument("out", nargs="?", default="site/kundenwege.pdf", help="Ziel (Standard: site/kundenwege.pdf)")
    p.set_defaults(run=cmd_pdf)
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        return args.run(args)
    except (UsageError, DateError) as error:
        print(f"Aufruf nicht möglich: {error}", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"Datei nicht lesbar: {error}", file=sys.stderr)
        return 2
