"""Python-Markdown extension: checklist boxes that screen readers skip.

pymdownx.tasklist draws checklists with disabled, unlabelled checkboxes. Nobody
can tick them, so they are hidden from assistive technology, which then reads
the item text alone (axe: "form elements must have labels").
"""
from __future__ import annotations

import re

from markdown import Extension
from markdown.postprocessors import Postprocessor

TASK_CHECKBOX = re.compile(r'<input type="checkbox" disabled(?:="disabled")?(\s*/?)>')


class HiddenCheckboxes(Postprocessor):
    def run(self, text: str) -> str:
        return TASK_CHECKBOX.sub(r'<input type="checkbox" disabled aria-hidden="true"\1>', text)


class TasklistA11yExtension(Extension):
    def extendMarkdown(self, md):
        md.postprocessors.register(HiddenCheckboxes(md), "kundenwege_tasklist_a11y", 5)


def makeExtension(**kwargs):
    return TasklistA11yExtension(**kwargs)
