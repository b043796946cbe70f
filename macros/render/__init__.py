"""Pure renderers: validated model in, text out (Mermaid, HTML). No MkDocs here."""
