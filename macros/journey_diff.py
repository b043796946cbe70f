"""What changed between two versions of a journey or persona, in the journey's own terms.

Reviewers of a pull request are mostly not developers: a few changed YAML lines
say nothing about stage, step or whether the journey got better. So this module
compares the two loaded models, never the text: comments, key order and quotes
make no change. Steps are matched by `id` where both versions have one, else by
their text, else by their place in the same stage. Pure: "today" (for newly
overdue improvements) is passed in.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import typing
from dataclasses import dataclass
from pathlib import PurePosixPath

from .freshness import is_overdue
from .model import Improvement, Journey, Kpi, PainPoint, Persona, Stage, Step
from .problems import Problem
from .text import flat, text_key

ADDED, REMOVED, CHANGED, MOVED = "added", "removed", "changed", "moved"
SIMILAR = 0.6  # how alike two step texts must be to count as one reworded step


@dataclass(frozen=True)
class Change:
    """One change: which field, what happened, where in the journey, and the values before and after."""

    field: str  # "step", "emotion", "pain_points", "improvement", "status", "last_reviewed", …
    action: str  # ADDED, REMOVED, CHANGED or MOVED
    stage: str = ""  # the stage the change belongs to (its new name; the old one for what was removed)
    step: str = ""  # the step's action, when the change belongs to a step
    item: str = ""  # the improvement, pain point or KPI a change of one of its fields belongs to
    old: str | int | bool = ""
    new: str | int | bool = ""


Version = Journey | Persona | None


@dataclass(frozen=True)
class FileDiff:
    """One changed file under `journeys/`, both versions loaded: what the summary, the CLI and the preview show."""

    old_path: str  # source under the journeys root in the base version; "" for a new file
    new_path: str  # source now; "" for a deleted file
    old: Version
    new: Version
    changes: tuple[Change, ...]
    compared: bool = True  # False: no base version to compare with (no git history), only the new one
    text_changed: bool = True  # False with no changes: only reformatted
    old_problems: tuple[Problem, ...] = ()  # why the base version could not be loaded
    references: tuple[tuple[str, str], ...] = ()  # a deleted file: (what, which) still refers to it

    @property
    def path(self) -> str:
        return self.new_path or self.old_path

    @property
    def ident(self) -> str:
        return PurePosixPath(self.path).stem


def _file_fields(cls, kind, skip: tuple[str, ...]) -> tuple[str, ...]:
    """The fields of `cls` from the file that hold one `kind` of value, minus those compared on their own (`skip`)."""
    hints = typing.get_type_hints(cls)
    return tuple(f.name for f in dataclasses.fields(cls)
                 if f.metadata.get("schema", True) and f.name not in skip and hints[f.name] in kind)


def _scalars(cls, *skip: str) -> tuple[str, ...]:
    """Fields with one text, number or yes/no: a change says old and new value."""
    return _file_fields(cls, (str, int, bool), skip)


def _texts(cls, *skip: str) -> tuple[str, ...]:
    """Fields with a list of texts: a change says what was added or removed."""
    return _file_fields(cls, (tuple[str, ...],), skip)


_JOURNEY_FIELDS, _JOURNEY_LISTS = _scalars(Journey), _texts(Journey)
_PERSONA_FIELDS, _PERSONA_LISTS = _scalars(Persona), _texts(Persona)
_STEP_FIELDS, _STEP_LISTS = _scalars(Step, "action", "emotion", "id"), _texts(Step)
_PAIN_FIELDS, _PAIN_LISTS = _scalars(PainPoint, "text"), _texts(PainPoint)
_IMPROVEMENT_FIELDS, _IMPROVEMENT_LISTS = _scalars(Improvement, "action"), _texts(Improvement)
_KPI_FIELDS = _scalars(Kpi, "name")


def diff(old: Version, new: Version, today: dt.date) -> list[Change]:
    """Every change from `old` to `new` (None: the file did not exist / no longer exists)."""
    if old is None and new is None:
        return []
    if old is None:
        return [Change("file", ADDED)]
    if new is None:
        return [Change("file", REMOVED)]
    if isinstance(old, Persona) and isinstance(new, Persona):
        return _fields(old, new, _PERSONA_FIELDS) + [c for f in _PERSONA_LISTS for c in _items(f, getattr(old, f), getattr(new, f))]
    if isinstance(old, Journey) and isinstance(new, Journey):
        return _journey(old, new, today)
    return [Change("kind", CHANGED, old=type(old).__name__.lower(), new=type(new).__name__.lower())]


def _same(a, b) -> bool:
    """Equal values; texts equal as they show on a page (a folded or quoted YAML string is the same text)."""
    return flat(a) == flat(b) if isinstance(a, str) and isinstance(b, str) else a == b


def _fields(old, new, names, **where) -> list[Change]:
    return [Change(name, CHANGED, old=getattr(old, name), new=getattr(new, name), **where)
            for name in names if not _same(getattr(old, name), getattr(new, name))]


def _items(name: str, old: tuple[str, ...], new: tuple[str, ...], **where) -> list[Change]:
    """Texts added to or removed from a list, whatever their order; case and white space do not count."""
    old_keys, new_keys = {text_key(t) for t in old}, {text_key(t) for t in new}
    added = [Change(name, ADDED, new=t, **where) for t in _unique(new) if text_key(t) not in old_keys]
    removed = [Change(name, REMOVED, old=t, **where) for t in _unique(old) if text_key(t) not in new_keys]
    return added + removed


def _unique(texts) -> list[str]:
    seen: dict[str, str] = {}
    for text in texts:
        seen.setdefault(text_key(text), text)
    return list(seen.values())


def _journey(old: Journey, new: Journey, today: dt.date) -> list[Change]:
    changes = _fields(old, new, _JOURNEY_FIELDS) + [c for f in _JOURNEY_LISTS for c in _items(f, getattr(old, f), getattr(new, f))]
    if old.lowest_emotion != new.lowest_emotion:
        changes.append(Change("low_point", CHANGED, old=old.lowest_emotion, new=new.lowest_emotion))
    stage_pairs = _match_stages(old.stages, new.stages)
    for old_stage, new_stage in stage_pairs:
        if old_stage is None:
            changes.append(Change("stage", ADDED, stage=new_stage.name))
        elif new_stage is None:
            changes.append(Change("stage", REMOVED, stage=old_stage.name))
        else:
            if not _same(old_stage.name, new_stage.name):
                changes.append(Change("stage", CHANGED, stage=new_stage.name, old=old_stage.name, new=new_stage.name))
            if not _same(old_stage.goal, new_stage.goal):
                changes.append(Change("goal", CHANGED, stage=new_stage.name, old=old_stage.goal, new=new_stage.goal))
    changes += _steps(old, new, stage_pairs)
    changes += _improvements(old.improvements, new.improvements, today)
    changes += _kpis(old, new)
    return changes


def _match_stages(old: tuple[Stage, ...], new: tuple[Stage, ...]) -> list[tuple[Stage | None, Stage | None]]:
    """Stages by name; an unmatched stage in the same place as an unmatched one was renamed."""
    by_name = {text_key(s.name): i for i, s in reversed(list(enumerate(old)))}
    partner: dict[int, int] = {}
    for j, stage in enumerate(new):
        i = by_name.get(text_key(stage.name))
        if i is not None and i not in partner.values():
            partner[j] = i
    for j in range(len(new)):
        if j not in partner and j < len(old) and j not in partner.values():
            partner[j] = j
    pairs: list[tuple[Stage | None, Stage | None]] = [(old[partner[j]] if j in partner else None, s) for j, s in enumerate(new)]
    return pairs + [(s, None) for i, s in enumerate(old) if i not in partner.values()]


@dataclass(frozen=True)
class _Place:
    stage: int  # index of the stage pair
    index: int  # index in the stage
    order: int  # index in the whole journey
    step: Step


def _places(stages: list[Stage | None]) -> list[_Place]:
    places, order = [], 0
    for s, stage in enumerate(stages):
        for t, step in enumerate(stage.steps if stage else ()):
            places.append(_Place(s, t, order, step))
            order += 1
    return places


def _match_steps(old: list[_Place], new: list[_Place]) -> dict[int, int]:
    """new order → old order: by id, then by the same or a similar text in the same stage, then by place there.

    Texts and places only pair steps whose ids do not contradict each other.
    """
    matched: dict[int, int] = {}

    def pair(same) -> None:
        for n in new:
            if n.order in matched:
                continue
            for o in old:
                if o.order not in matched.values() and same(o, n):
                    matched[n.order] = o.order
                    break

    pair(lambda o, n: bool(o.step.id) and o.step.id == n.step.id)
    pair(lambda o, n: not (o.step.id and n.step.id) and text_key(o.step.action) == text_key(n.step.action))
    pair(lambda o, n: not (o.step.id and n.step.id) and o.stage == n.stage and _similar(o.step.action, n.step.action))
    pair(lambda o, n: not (o.step.id and n.step.id) and (o.stage, o.index) == (n.stage, n.index))
    return matched


def _similar(a: str, b: str) -> bool:
    """Reworded rather than replaced: most of the words stay."""
    return difflib.SequenceMatcher(None, text_key(a), text_key(b)).ratio() >= SIMILAR


def _steps(old: Journey, new: Journey, stage_pairs) -> list[Change]:
    old_places = _places([o for o, _ in stage_pairs])
    new_places = _places([n for _, n in stage_pairs])
    names = [(n or o).name for o, n in stage_pairs]
    matched = _match_steps(old_places, new_places)
    in_order = _longest_increasing([matched[n.order] for n in new_places if n.order in matched])
    changes = []
    for n in new_places:
        where = {"stage": names[n.stage], "step": n.step.action}
        if n.order not in matched:
            changes.append(Change("step", ADDED, **where))
            continue
        o = old_places[matched[n.order]]
        if o.stage != n.stage:
            changes.append(Change("step", MOVED, old=names[o.stage], new=names[n.stage], **where))
        elif o.order not in in_order:
            changes.append(Change("step", MOVED, **where))
        changes += _step(o.step, n.step, where)
    changes += [Change("step", REMOVED, stage=names[o.stage], step=o.step.action)
                for o in old_places if o.order not in matched.values()]
    return changes


def step_pairs(old: Journey, new: Journey) -> list[tuple[Step | None, Step | None]]:
    """The steps of both versions side by side, matched as `diff` matches them, in the new order.

    A step that only the old version has stands where it stood, after the steps that came before it.
    """
    stage_pairs = _match_stages(old.stages, new.stages)
    old_places = _places([o for o, _ in stage_pairs])
    new_places = _places([n for _, n in stage_pairs])
    matched = _match_steps(old_places, new_places)
    used = set(matched.values())
    pairs: list[tuple[Step | None, Step | None]] = []
    shown = 0  # old places before this one are placed already
    for n in new_places:
        if n.order in matched:
            for o in old_places[shown : matched[n.order]]:
                if o.order not in used:
                    pairs.append((o.step, None))
            shown = max(shown, matched[n.order] + 1)
            pairs.append((old_places[matched[n.order]].step, n.step))
        else:
            pairs.append((None, n.step))
    pairs += [(o.step, None) for o in old_places[shown:] if o.order not in used]
    return pairs


def _longest_increasing(values: list[int]) -> set[int]:
    """The values of a longest increasing subsequence: the steps that kept their order; the rest moved."""
    best: list[list[int]] = []
    for value in values:
        candidates = [run for run in best if run[-1] < value]
        best.append(max(candidates, key=len, default=[]) + [value])
    return set(max(best, key=len, default=[]))


def _step(old: Step, new: Step, where: dict) -> list[Change]:
    changes = []
    if not _same(old.action, new.action):
        changes.append(Change("action", CHANGED, old=old.action, new=new.action, **where))
    if old.emotion != new.emotion:
        changes.append(Change("emotion", CHANGED, old=old.emotion, new=new.emotion, **where))
    changes += _fields(old, new, _STEP_FIELDS, **where)
    old_points = {text_key(p.text): p for p in old.pain_points}
    new_points = {text_key(p.text): p for p in new.pain_points}
    changes += [Change("pain_points", ADDED, new=p.text, **where) for k, p in new_points.items() if k not in old_points]
    changes += [Change("pain_points", REMOVED, old=p.text, **where) for k, p in old_points.items() if k not in new_points]
    for key, point in new_points.items():
        if key in old_points:
            before = old_points[key]
            changes += _fields(before, point, _PAIN_FIELDS, item=point.text, **where)
            for name in _PAIN_LISTS:
                changes += _items(name, getattr(before, name), getattr(point, name), item=point.text, **where)
    for name in _STEP_LISTS:
        changes += _items(name, getattr(old, name), getattr(new, name), **where)
    return changes


def _improvements(old: tuple[Improvement, ...], new: tuple[Improvement, ...], today: dt.date) -> list[Change]:
    """Improvements by their text (a reworded one is a new one); with status, due date and newly overdue."""
    partner: dict[int, int] = {}
    for j, item in enumerate(new):
        for i, before in enumerate(old):
            if i not in partner.values() and text_key(before.action) == text_key(item.action):
                partner[j] = i
                break
    changes = []
    for j, item in enumerate(new):
        before = old[partner[j]] if j in partner else None
        if before is None:
            changes.append(Change("improvement", ADDED, new=item.action))
        else:
            if not _same(before.action, item.action):
                changes.append(Change("improvement", CHANGED, old=before.action, new=item.action))
            changes += _fields(before, item, _IMPROVEMENT_FIELDS, item=item.action)
            for name in _IMPROVEMENT_LISTS:
                changes += _items(name, getattr(before, name), getattr(item, name), item=item.action)
        if is_overdue(item, today) and not (before and is_overdue(before, today)):
            changes.append(Change("overdue", ADDED, item=item.action, new=item.due))
    changes += [Change("improvement", REMOVED, old=item.action) for i, item in enumerate(old) if i not in partner.values()]
    return changes


def _kpis(old: Journey, new: Journey) -> list[Change]:
    before = {text_key(k.name): k for k in old.kpis}
    after = {text_key(k.name): k for k in new.kpis}
    changes = [Change("kpi", ADDED, new=k.name) for key, k in after.items() if key not in before]
    for key, kpi in after.items():
        if key in before:
            changes += _fields(before[key], kpi, _KPI_FIELDS, item=kpi.name)
    return changes + [Change("kpi", REMOVED, old=k.name) for key, k in before.items() if key not in after]
