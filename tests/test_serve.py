"""`quangba serve`: the editors' live preview answers in every language and reloads on save."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str, deadline: float) -> str:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def test_serve_previews_every_language_with_live_reload(mini_project: Path) -> None:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "quangba", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=mini_project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        home = fetch(f"http://127.0.0.1:{port}/", deadline)
        assert 'lang="vi"' in home
        assert "livereload" in home  # the script that reloads the page when a file is saved
        about = fetch(f"http://127.0.0.1:{port}/en/about/", deadline)
        assert 'lang="en"' in about and "Content." in about
        (mini_project / "docs/about.en.md").write_text("---\ntitle: About\n---\n\nEdited while serving.\n", encoding="utf-8")
        while "Edited while serving." not in fetch(f"http://127.0.0.1:{port}/en/about/", deadline):
            assert time.monotonic() < deadline, "the preview did not rebuild after a save"
            time.sleep(0.5)
    finally:
        server.terminate()
        server.wait(timeout=30)
