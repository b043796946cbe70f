"""Kundenwege: customer journeys and personas as YAML, rendered into a handbook.

Layers: `yamlsource` + `schema` + `model` (load and validate), `render` (pure
functions to Mermaid and HTML), `adapters` (MkDocs plugin, mkdocs-macros module)
and `cli` (`python -m macros …`).
"""


def define_env(env):
    """Entry point that mkdocs-macros calls (`modules: [macros]` in mkdocs.yml)."""
    from .adapters.macros_env import register

    register(env)
