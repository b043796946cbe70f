"""`make bench`: how validation and the build scale with the number of journeys.

For each N it writes N synthetic journeys (and N/10 personas) into a temporary
copy of the handbook, then measures in the same run:
- validation with `python -m macros validate` against check-jsonschema on the same files and schema,
- the full strict build including the search index (time and peak memory of the build process),
- the floor: the same handbook pages built as plain Material with the same Markdown extensions as ours (glossary
  included, only the one that inserts journeys left out), plus N equivalent static pages (one Mermaid block and
  one table each, outside the sidebar), i.e. what any MkDocs site of that size costs,
- `make serve`: the time from saving a changed journey file to the served page carrying the change,
- reading (tests/bench_reading.py): Lighthouse scores (median and worst of the runs), total blocking time and
  where the journey page's main thread goes, and cold transfer of four pages, served with gzip,
  the time from opening the search to its first results, and the time the catalog takes to filter,
- the editor (tests/bench_editor.py): load to first preview, and an edit to the updated state.
Ratios are against numbers measured in this run, never against constants. Build and floor are built
alternately `--repeat` times and the fastest of each counts, because other load on the machine only adds time.
"""
from __future__ import annotations

import argparse
import gzip
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from .bench_editor import report as editor_report
from .bench_reading import LIGHTHOUSE_VERSION, reading_metrics
from .live_serve import LiveServe

REPO = Path(__file__).resolve().parent.parent
# The pages Lighthouse loads at every size: the same four addresses, so N = 0 is the baseline for the others.
READING_PAGES = {"home": "", "chapter": "grundlagen/kundenorientierung/", "journey": "journeys/passamt-kinderpass/",
                 "catalog": "journeys/"}
SEGMENTS = ["beneficiary", "donor", "volunteer", "internal", "external", "obligated"]
WORDS = (
    "Antrag Termin Formular Rückfrage Bescheid Schalter Wartezeit Nachweis Beratung Auskunft Unterlagen Gebühr "
    "Erinnerung Zahlung Rückmeldung Abholung Ausweis Bestätigung Online Telefon Brief Portal Team Hilfe"
).split()


def sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize()


def write_data(root: Path, n: int, seed: int = 1) -> list[Path]:
    if n == 0:  # the real handbook alone
        return []
    rng = random.Random(seed)
    header = "# yaml-language-server: $schema=../../../macros/schemas/{}.schema.json\n"
    personas = []
    for i in range(max(n // 10, 1)):
        ident = f"persona-{i:04d}"
        data = {"name": f"Person {i}", "segment": SEGMENTS[i % len(SEGMENTS)], "description": sentence(rng, 25),
                "goals": [sentence(rng, 6) for _ in range(3)], "needs": [sentence(rng, 6) for _ in range(3)]}
        path = root.parent / "personas" / f"{ident}.yml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(header.format("persona") + yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        personas.append(ident)
    journeys = []
    topics = ["waiting", "reachability", "information", "documents", "language", "handover"]
    for i in range(n):
        stages = [
            {
                "name": sentence(rng, 2),
                "steps": [
                    {
                        "id": f"s{stage}-{step}",
                        "action": sentence(rng, 5),
                        "emotion": rng.randint(1, 5),
                        "actors": ["Kundin", "Sachbearbeitung"],
                        "touchpoint": rng.choice(WORDS),
                        "channel": rng.choice(["online", "Telefon", "vor Ort"]),
                        "pain_points": [{"text": sentence(rng, 6), "topic": rng.choice(topics)}, sentence(rng, 4)],
                        "opportunities": [sentence(rng, 6)],
                        "moment_of_truth": step == 1,
                        "confidence": rng.choice(["observed", "assumed"]),
                        "evidence": [f"Interview {rng.randint(1, 40)} (Beispiel)"],
                    }
                    for step in range(3)
                ],
            }
            for stage in range(4)
        ]
        improvements = [
            {"action": sentence(rng, 6), "owner": f"Team {rng.randint(0, 19)}", "due": f"2026-{rng.randint(1, 12):02d}-15",
             "status": rng.choice(["open", "in_progress", "done"]), "success_criteria": sentence(rng, 5),
             "steps": [f"s{rng.randint(0, 3)}-{rng.randint(0, 2)}"]}
            for _ in range(3)
        ]
        data = {"title": f"Journey {i}: {sentence(rng, 3)}", "persona": personas[i % len(personas)],
                "owner": f"Team {i % 20}", "description": sentence(rng, 30), "last_reviewed": "2026-05-01", "stages": stages,
                "improvements": improvements}
        path = root / f"team-{i % 20:02d}" / f"journey-{i:04d}.yml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(header.format("journey") + yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        journeys.append(path)
    return journeys


def measure(command: list[str], cwd: Path) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MB) of one process, which must succeed. It gets an empty temporary
    folder of its own, so no cache of an earlier run (the build's compiled templates) makes it faster."""
    with tempfile.TemporaryDirectory(prefix="kw-bench-tmp-") as own_tmp:
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", TMPDIR=own_tmp)
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        output = process.stdout.read()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{output.decode(errors='replace')[-3000:]}")
    return seconds, usage.ru_maxrss / 1024


def real_journeys(project: Path) -> list[Path]:
    return sorted(p for p in (project / "journeys").rglob("*.yml") if p.parent.name != "personas")


def zensical_build(project: Path) -> float:
    """Seconds for the Zensical build as `make build-zensical` runs it: build input, Zensical, search index."""
    prepare_s, _ = measure([sys.executable, "-m", "macros", "build-input", ".build/zensical"], project)
    build_s, _ = measure([str(Path(sys.executable).parent / "zensical"), "build", "--clean"], project / ".build" / "zensical")
    index_s, _ = measure([sys.executable, "-m", "macros", "search-index", ".build/zensical/site"], project)
    return prepare_s + build_s + index_s


def preview_seconds(project: Path, journey: Path) -> float:
    """`make serve`: seconds from saving a changed journey file until the served page carries the change."""
    serve = LiveServe(project)
    try:
        ident = journey.stem
        serve.wait_for(f"journeys/{ident}/", "<h1", timeout_s=900)
        text = journey.read_text(encoding="utf-8")
        title = re.search(r"^title: (.*)$", text, re.M).group(1)
        changed = f"Geändert beim Messen {time.time_ns()}"
        journey.write_text(text.replace(f"title: {title}", f"title: {changed}", 1), encoding="utf-8")
        return serve.wait_for(f"journeys/{ident}/", changed, timeout_s=300)
    finally:
        serve.stop()


def handbook_copy(target: Path, n: int) -> list[Path]:
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(REPO / "docs", target / "docs")  # a real copy: the build refuses symbolic links in docs/
    (target / "macros").symlink_to(REPO / "macros")
    shutil.copytree(REPO / "journeys", target / "journeys")  # the handbook's own pages link to these
    return write_data(target / "journeys" / "bench", n)


def floor_copy(target: Path, n: int, sample_table: str) -> None:
    """The same handbook as plain Material (no plugins but Material's search) with the same Markdown extensions as
    ours, the glossary included, except the one that inserts journeys; plus n static pages outside the sidebar, each
    one Mermaid block and one table. What any MkDocs site of that size costs; the ratio is what journeys add."""
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"\nplugins:\n(  .*\n)+", "\nplugins:\n  - search:\n      lang: de\n", config)
    config = re.sub(r"  - macros\.adapters\.fragments_ext:?\n(      .*\n)*", "", config)
    config = re.sub(r"\nwatch:\n(  .*\n)+", "\n", config).replace("  custom_dir: macros/theme\n", "")
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")
    shutil.copytree(REPO / "docs", target / "docs")
    pages = target / "docs" / "pages"
    pages.mkdir()
    mermaid = "```mermaid\njourney\n    title T\n    section S\n      A: 3: B\n```\n"
    for i in range(n):
        (pages / f"p{i:04d}.md").write_text(f"# Seite {i}\n\n{mermaid}\n{sample_table}\n", encoding="utf-8")


def markdown_table(rows: int = 6, columns: int = 13) -> str:
    head = "| " + " | ".join(f"S{c}" for c in range(columns)) + " |\n|" + "---|" * columns + "\n"
    return head + "".join("| " + " | ".join("Text in der Zelle" for _ in range(columns)) + " |\n" for _ in range(rows))


def bench(sizes: list[int], lighthouse_runs: int, repeat: int) -> list[dict]:
    python = sys.executable
    results = []
    for n in sizes:
        with tempfile.TemporaryDirectory(prefix=f"kw-bench-{n}-") as tmp:
            project = Path(tmp) / "handbook"
            project.mkdir()
            files = handbook_copy(project, n)
            validate_s, _ = measure([python, "-m", "macros", "validate"], project)
            cjs_s, _ = measure(
                [python, "-m", "check_jsonschema", "--schemafile", str(REPO / "macros/schemas/journey.schema.json"),
                 *[str(f) for f in files or real_journeys(project)]],
                project,
            )
            build_s, build_mb = measure([python, "-m", "mkdocs", "build", "--strict", "-q"], project)
            zensical_s = zensical_build(project)
            preview_s = preview_seconds(project, (files or real_journeys(project))[len(files or real_journeys(project)) // 2])
            if n == sizes[0]:
                browser_lines = browser_metrics(
                    project / "site",
                    {"start page (no diagram)": "", "handbook page (no diagram)": "grundlagen/kundenorientierung/",
                     "journey page": "journeys/passamt-kinderpass/", "persona overview": "personas/"},
                )
            reading = reading_metrics(project / "site", READING_PAGES, "Wartezeiten", "Termin", lighthouse_runs)
            floor = Path(tmp) / "floor"
            floor.mkdir()
            floor_copy(floor, n, markdown_table())
            floor_s, floor_mb = measure([python, "-m", "mkdocs", "build", "-q"], floor)
            for _ in range(repeat - 1):  # alternate, keep the fastest: other load on the machine only adds time
                shutil.rmtree(project / "site")
                build_s = min(build_s, measure([python, "-m", "mkdocs", "build", "--strict", "-q"], project)[0])
                shutil.rmtree(floor / "site")
                floor_s = min(floor_s, measure([python, "-m", "mkdocs", "build", "-q"], floor)[0])
        results.append(dict(n=n, validate=validate_s, cjs=cjs_s, build=build_s, mb=build_mb, floor=floor_s, floor_mb=floor_mb,
                            zensical=zensical_s, preview=preview_s, reading=reading, load=os.getloadavg()[0]))
        print(f"  N={n}: validate {validate_s:.2f}s, check-jsonschema {cjs_s:.2f}s, build {build_s:.1f}s "
              f"({build_mb:.0f} MB), floor {floor_s:.1f}s, Zensical {zensical_s:.1f}s, save to served {preview_s:.1f}s "
              f"(load average {os.getloadavg()[0]:.1f})", flush=True)
    print("\nIn the browser (N = %d):" % sizes[0])
    print("\n".join(browser_lines))
    return results


def browser_metrics(site: Path, pages: dict[str, str]) -> list[str]:
    """Page weight (bytes, raw and gzip) and time until every diagram is drawn, in headless Chromium."""
    from macros.local_browser import CHROMIUM_ARGS, OPEN_SHADOW_ROOTS, chromium_path, draw_diagrams, serve

    executable = chromium_path()
    if executable is None:
        return ["(Chromium not found: browser metrics skipped)"]
    from playwright.sync_api import sync_playwright

    server = serve(site)
    origin = f"http://127.0.0.1:{server.server_address[1]}/"
    lines = ["| page | requests | bytes | gzip | diagrams drawn after load |", "|---|---:|---:|---:|---:|"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        for label, path in pages.items():
            context = browser.new_context()
            context.add_init_script(OPEN_SHADOW_ROOTS)
            page = context.new_page()
            bodies = []
            page.on("response", lambda response: bodies.append(response))
            page.goto(origin + path, wait_until="load")
            loaded = page.evaluate("() => performance.timing.loadEventEnd - performance.timing.navigationStart")
            drawn = "–"
            if page.evaluate("() => document.querySelector('.mermaid') !== null"):
                draw_diagrams(page, 30_000)
                done = page.evaluate("() => performance.now()")
                drawn = f"{max(done - loaded, 0) / 1000:.2f} s"
            page.wait_for_load_state("networkidle")
            sizes = [len(r.body()) for r in bodies if r.ok]
            packed = sum(len(gzip.compress(r.body())) for r in bodies if r.ok)
            lines.append(f"| {label} | {len(sizes)} | {sum(sizes) / 1024:.0f} KiB | {packed / 1024:.0f} KiB | {drawn} |")
            context.close()
        browser.close()
    server.shutdown()
    return lines


def table(results: list[dict]) -> str:
    lines = [
        "| N journeys | validate | check-jsonschema | ratio | build | floor (plain Material) | build ÷ floor | peak memory "
        "| Zensical | Zensical ÷ build | save to served (make serve) | load average |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r['n']} | {r['validate']:.2f} s | {r['cjs']:.2f} s | {r['validate'] / r['cjs']:.2f}× | {r['build']:.1f} s "
            f"| {r['floor']:.1f} s | {r['build'] / r['floor']:.2f}× | {r['mb']:.0f} MB "
            f"| {r['zensical']:.1f} s | {r['zensical'] / r['build']:.2f}× | {r['preview']:.1f} s | {r['load']:.1f} |"
        )
    by_n = {r["n"]: r for r in results}
    if 250 in by_n and 1000 in by_n:
        lines.append("")
        lines.append(f"Growth: build(1000) ÷ build(250) = {by_n[1000]['build'] / by_n[250]['build']:.2f}× (linear would be 4×).")
    return "\n".join(lines)


def milliseconds(items: list[tuple[str, float]]) -> str:
    return ", ".join(f"{name} {ms:.0f} ms" for name, ms in items)


def reading_table(results: list[dict]) -> str:
    """Per size and page: Lighthouse scores, LCP, requests, cold transfer and its ratio to the same page at N = 0."""
    base = {label: page["transfer"] for r in results if r["n"] == 0 and "pages" in r["reading"]
            for label, page in r["reading"]["pages"].items()}
    lines = [
        f"Reading (Lighthouse {LIGHTHOUSE_VERSION}, mobile defaults, system Chromium, served with gzip; "
        "the run with the median performance score):",
        "| N | page | performance (median) | worst | accessibility | best practices | SEO | LCP | TBT | requests | transfer | ÷ N=0 |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    notes, timings = [], []
    for r in results:
        reading = r["reading"]
        if "pages" not in reading:
            lines.append(f"| {r['n']} | ({reading['skipped']}) |||||||||")
            continue
        for label, page in reading["pages"].items():
            s = page["scores"]
            ratio = f"{page['transfer'] / base[label]:.2f}×" if label in base else "–"
            lines.append(
                f"| {r['n']} | {label} | {s['performance']} | {page['worst']} | {s['accessibility']} | {s['best-practices']} "
                f"| {s['seo']} | {page['lcp']:.1f} s | {page['blocking_ms']:.0f} ms | {page['requests']} "
                f"| {page['transfer'] / 1024:.0f} KiB | {ratio} |"
            )
            if label == "journey":
                notes.append(f"  N={r['n']} journey, main thread: {milliseconds(page['main_thread'])}; "
                             f"scripts (bootup-time): {milliseconds(page['scripts'])}")
            if page["held"]:
                notes.append(f"  N={r['n']} {label}: first paint held back after load in {page['held']} of {page['runs']} runs "
                             "(headless Chromium, Lighthouse issue 17148)")
            failing = [f"{cat}: {', '.join(ids)}" for cat, ids in page["failing"].items() if ids]
            if failing:
                notes.append(f"  N={r['n']} {label}: " + "; ".join(failing))
        filter_ms = "no filter field" if reading["filter_ms"] is None else f"{reading['filter_ms']:.0f} ms"
        timings.append(f"  N={r['n']}: search, open to first results (cold) {reading['search_ms']:.0f} ms; "
                       f"catalog filter to paint {filter_ms}")
    below = ["", "Audits below target (performance 90, others 100) and where the journey page spends its main thread:",
             *(notes or ["  none"])]
    return "\n".join([*lines, *below, "", "Interaction:", *timings])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="0,100,250,1000", help="comma-separated numbers of synthetic journeys (0: the real handbook)")
    parser.add_argument("--repeat", type=int, default=2, help="builds of handbook and floor each; the fastest counts")
    parser.add_argument("--lighthouse-runs", type=int, default=3, help="Lighthouse runs per page; the median counts")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"Benchmark on {os.cpu_count()} cores, Python {sys.version.split()[0]}; sizes {sizes}", flush=True)
    results = bench(sizes, args.lighthouse_runs, args.repeat)
    print(table(results))
    print()
    print(reading_table(results))
    print("\n" + editor_report())


if __name__ == "__main__":
    main()
