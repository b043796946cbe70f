"""Walking a source tree without ever following a symbolic link.

Journeys and pages come from pull requests. A symbolic link in them could point
anywhere on the machine that builds the site (a secret, a system file), and
GitHub's review shows it as a one-line file that is easy to approve. So the
walk reports every link it meets, file or directory, and never opens or
resolves it; callers refuse them with a message.
"""
from __future__ import annotations

import os
from pathlib import Path


def walk(root: Path) -> tuple[list[Path], list[Path]]:
    """Regular files under `root` (sorted) and the symbolic links found on the way, including `root` itself."""
    if root.is_symlink():
        return [], [root]
    files: list[Path] = []
    links: list[Path] = []
    for folder, dirs, names in os.walk(root, followlinks=False):
        here = Path(folder)
        for name in list(dirs):
            if (here / name).is_symlink():
                links.append(here / name)
                dirs.remove(name)
        for name in names:
            path = here / name
            if path.is_symlink():
                links.append(path)
            elif path.is_file():
                files.append(path)
    return sorted(files), sorted(links)


def link_message(shown: str, folder: str) -> str:
    """The one message for a refused link; it names the link, never its target."""
    return (
        f"„{shown}“ ist ein symbolischer Link. In {folder}/ sind Links nicht erlaubt, auch nicht innerhalb "
        "des Repositorys: Lege eine echte Datei an. Der Link wurde nicht gelesen."
    )
