"""Thin glue between the core and MkDocs / mkdocs-macros; nothing else imports MkDocs."""
