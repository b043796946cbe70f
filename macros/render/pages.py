"""Markdown sources of the generated journey and persona pages.

The pages hold only fixed German headings and macro calls with ids; the data
itself is rendered by the macros, escaped. So no data text is ever seen by
Markdown or by the template engine as source. The title goes into front
matter already HTML-escaped, because themes print `page.title` unescaped.
"""
from __future__ import annotations

import json

from ..model import Journey, Persona
from .escape import html_text


def _front_matter(title: str, source: str) -> str:
    return f"---\ntitle: {json.dumps(html_text(title), ensure_ascii=False)}\nkw_source: {json.dumps(source)}\n---\n"


def journey_page(journey: Journey) -> str:
    ref = json.dumps(journey.id)
    parts = [
        _front_matter(journey.title, journey.path),
        f"{{{{ journey_facts({ref}) }}}}\n",
        "## Ablauf\n",
        f"{{{{ journey_diagram({ref}) }}}}\n",
        "## Gefühlskurve\n",
        f"{{{{ emotion_curve({ref}) }}}}\n",
        "## Journey Map\n",
        f"{{{{ journey_map({ref}) }}}}\n",
    ]
    if journey.kpis:
        parts += ["## Kennzahlen\n", f"{{{{ journey_kpis({ref}) }}}}\n"]
    if journey.improvements:
        parts += ["## Verbesserungen\n", f"{{{{ journey_improvements({ref}) }}}}\n"]
    return "\n".join(parts)


def persona_page(persona: Persona) -> str:
    ref = json.dumps(persona.id)
    return "\n".join(
        [
            _front_matter(persona.name, persona.path),
            f"{{{{ persona_card({ref}) }}}}\n",
            "## Wege dieser Persona\n",
            f"{{{{ persona_diagram({ref}) }}}}\n",
        ]
    )
