"""A site hard-linked into a new folder: the copy a build updates when the previous copy
cannot be reused (after a cold build there is none).

Linking is all system calls, one per file and folder: 0.7 s at 10,000 articles on tmpfs,
2 to 5 s on a slow disk, 3 s at 50,000. ``workspace.start_linking`` runs this module as a
script in a child process while the build loads its articles, so the copy is ready when
the build needs it. The module imports only the standard library, so that child starts
in a few tens of milliseconds: ``python -I linker.py SOURCE DESTINATION PARENT_PID``.
The child prints ``DONE`` as its very last act: an exit status alone can lie (a parent
that ignores SIGCHLD reads 0 for any child), and a partial copy trusted as whole would
leave pages out of the published site.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

DONE = b"linked\n"


def link_tree(source: Path, destination: Path, wanted: Callable[[], bool] = lambda: True) -> None:
    """Recreate ``source``'s folders under ``destination`` and hard-link its files. A folder
    that cannot be read is an error, never a gap in the copy; so is ``wanted()`` turning
    false (checked at each folder)."""
    destination.mkdir(parents=True, exist_ok=True)
    for folder, subfolders, files in os.walk(source, onerror=_raise):
        if not wanted():
            raise InterruptedError("the copy is no longer wanted")
        relative = os.path.relpath(folder, source)
        target = destination if relative == "." else destination / relative
        for name in subfolders:
            (target / name).mkdir()
        for name in files:
            os.link(os.path.join(folder, name), target / name)


def _raise(error: OSError) -> None:
    raise error


def main(source: str, destination: str, parent: str) -> None:
    """The child's work: stop if the build that started it is gone (killed: it can no
    longer use the copy, and the next build removes the folder)."""
    link_tree(Path(source), Path(destination), wanted=lambda: os.getppid() == int(parent))
    sys.stdout.buffer.write(DONE)
    sys.stdout.flush()


if __name__ == "__main__":
    main(*sys.argv[1:])
