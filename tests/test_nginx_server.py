"""Debian's nginx running deploy/nginx.conf on 127.0.0.1, for the tests that need the real server.

The configuration is used as written; only what a webmaster adapts is replaced: the publishing
folder (/srv/quangba), the listening addresses (IPv6 dropped) and the certificate, here a
self-signed one for 127.0.0.1 made by openssl. Most tests talk plain HTTP to the portal's server
block (its `ssl` and `http2` taken off the listener); the TLS tests serve it as written.
Other test modules import Nginx and start_nginx from here.
"""

from __future__ import annotations

import asyncio
import gc
import http.client
import os
import shutil
import socket
import ssl
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Browser, Playwright, sync_playwright

from conftest import PROJECT, run_quangba

DEPLOY_CONF = PROJECT / "deploy" / "nginx.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
MIME_TYPES = Path("/etc/nginx/mime.types")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


CERTIFICATE = "/etc/ssl/certs/doingoai.thainguyen.example.pem"
CERTIFICATE_KEY = "/etc/ssl/private/doingoai.thainguyen.example.key"


def self_signed(workdir: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1, valid for a day."""
    cert, key = workdir / "portal.pem", workdir / "portal.key"
    if not cert.exists():
        subprocess.run(
            [
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "1",
                "-subj",
                "/CN=127.0.0.1",
                "-addext",
                "subjectAltName=IP:127.0.0.1",
                "-keyout",
                str(key),
                "-out",
                str(cert),
            ],
            check=True,
            capture_output=True,
        )
    return cert, key


def portal_config(dest: Path, port: int, redirect_port: int, certificate: tuple[Path, Path], tls: bool = False) -> str:
    """deploy/nginx.conf for DEST: the portal on 127.0.0.1:port (HTTPS if tls, else plain HTTP),
    the HTTP-to-HTTPS redirect on 127.0.0.1:redirect_port."""
    text = DEPLOY_CONF.read_text(encoding="utf-8")
    portal = f"    listen 127.0.0.1:{port} ssl http2;\n" if tls else f"    listen 127.0.0.1:{port};\n"
    for old, new in (
        ("/srv/quangba", str(dest)),
        ("    listen 80;\n", f"    listen 127.0.0.1:{redirect_port};\n"),
        ("    listen [::]:80;\n", ""),
        ("    listen 443 ssl http2;\n", portal),
        ("    listen [::]:443 ssl http2;\n", ""),
        (CERTIFICATE, str(certificate[0])),
        (CERTIFICATE_KEY, str(certificate[1])),
    ):
        assert old in text, f"deploy/nginx.conf no longer contains {old!r}; update the tests"
        text = text.replace(old, new)
    return text


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    def header(self, name: str) -> str | None:
        return self.headers.get(name)

    def all(self, name: str) -> list[str]:
        return self.headers.get_all(name) or []


@dataclass
class Nginx:
    workdir: Path
    port: int
    process: subprocess.Popen
    redirect_port: int = 0
    tls: bool = False

    @property
    def base(self) -> str:
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.port}/"

    def control(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [NGINX, "-p", str(self.workdir), "-e", str(self.workdir / "error.log"), "-c", str(self.workdir / "nginx.conf"), *args],
            capture_output=True,
            text=True,
            timeout=60,
        )

    @property
    def reload_command(self) -> str:
        return f"{NGINX} -p {self.workdir} -e {self.workdir / 'error.log'} -c {self.workdir / 'nginx.conf'} -s reload"

    def get(self, path: str, headers: dict[str, str] | None = None, method: str = "GET") -> Response:
        """One request, answered as it is: redirects are not followed, bodies not decompressed."""
        connection: http.client.HTTPConnection
        if self.tls:  # the test's own self-signed certificate
            connection = http.client.HTTPSConnection("127.0.0.1", self.port, timeout=30, context=ssl._create_unverified_context())
        else:
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request(method, path, headers={"Host": f"127.0.0.1:{self.port}", **(headers or {})})
            answer = connection.getresponse()
            return Response(answer.status, answer.headers, answer.read())
        finally:
            connection.close()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)

    def errors(self) -> str:
        log = self.workdir / "error.log"
        return log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""


def start_nginx(dest: Path, workdir: Path, port: int | None = None, tls: bool = False) -> Nginx:
    """nginx in the foreground (daemon off) serving DEST with the portal's configuration."""
    assert Path(NGINX).exists(), "nginx is not installed: scripts/install.sh --test installs Debian's nginx"
    workdir.mkdir(parents=True, exist_ok=True)
    port = port or free_port()
    redirect_port = free_port()
    config = portal_config(dest, port, redirect_port, self_signed(workdir), tls)
    (workdir / "quangba.conf").write_text(config, encoding="utf-8")
    temp = workdir / "temp"
    temp.mkdir(exist_ok=True)
    # As root nginx's workers would switch to nobody, who cannot read pytest's private folders.
    user = "user root;\n" if os.geteuid() == 0 else ""
    (workdir / "nginx.conf").write_text(
        f"""{user}daemon off;
worker_processes 1;
pid {workdir / "nginx.pid"};
error_log {workdir / "error.log"} warn;
events {{ worker_connections 128; }}
http {{
    include {MIME_TYPES};
    default_type application/octet-stream;
    access_log {workdir / "access.log"};
    client_body_temp_path {temp / "body"};
    proxy_temp_path {temp / "proxy"};
    fastcgi_temp_path {temp / "fastcgi"};
    uwsgi_temp_path {temp / "uwsgi"};
    scgi_temp_path {temp / "scgi"};
    include {workdir / "quangba.conf"};
}}
""",
        encoding="utf-8",
    )
    process = subprocess.Popen(
        [NGINX, "-p", str(workdir), "-e", str(workdir / "error.log"), "-c", str(workdir / "nginx.conf")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    server = Nginx(workdir, port, process, redirect_port, tls)
    deadline = time.monotonic() + 30
    while True:
        if process.poll() is not None:
            raise AssertionError(f"nginx did not start: {process.stderr.read().decode() if process.stderr else ''}{server.errors()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            assert time.monotonic() < deadline, "nginx did not open its port within 30 s"
            time.sleep(0.05)


def publish_and_serve(site_dir: Path, config: Path, workdir: Path, port: int | None = None) -> Nginx:
    """SITE_DIR published by the real `quangba publish` into WORKDIR/dest (with its .gz copies and
    the hashes of its inline scripts, as deployed), then served by nginx with deploy/nginx.conf.
    Shared by the page weight tests and bench/lighthouse.py."""
    workdir.mkdir(parents=True, exist_ok=True)
    dest = workdir / "dest"
    published = run_quangba("publish", dest, "--site-dir", site_dir, "--config", config, cwd=config.parent)
    assert published.returncode == 0, published.stdout + published.stderr
    return start_nginx(dest, workdir / "nginx", port)


@contextmanager
def chromium(args: list[str]) -> Iterator[Browser]:
    """Debian's Chromium through Playwright. Playwright's sync API allows one instance per thread,
    and test_browser.py's session fixture may hold it for the whole run: reuse it then."""
    executable = shutil.which("chromium") or "/usr/bin/chromium"
    try:
        loop = asyncio.get_running_loop()  # set between calls while a sync Playwright is open
    except RuntimeError:
        loop = None
    running = next((o for o in gc.get_objects() if isinstance(o, Playwright) and getattr(o, "_loop", None) is loop), None) if loop else None
    if running is not None:
        browser = running.chromium.launch(executable_path=executable, args=args)
        try:
            yield browser
        finally:
            browser.close()
        return
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=args)
        try:
            yield browser
        finally:
            browser.close()


def wait_until(condition, timeout: float = 20.0, step: float = 0.1) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not reached in time"
        time.sleep(step)


# -- the configuration itself --------------------------------------------------------------


def test_configuration_passes_nginx_own_check(tmp_path: Path) -> None:
    dest = tmp_path / "dest"
    (dest / "nginx").mkdir(parents=True)
    server = start_nginx(dest, tmp_path / "nginx")
    try:
        checked = server.control("-t")
        assert checked.returncode == 0, checked.stderr
        assert "syntax is ok" in checked.stderr
        assert "[warn]" not in checked.stderr and "[emerg]" not in checked.stderr, checked.stderr
    finally:
        server.stop()


def test_nothing_published_yet_is_a_plain_404(tmp_path: Path) -> None:
    """Before the first publish (no DEST/current) nginx starts and answers 404, not an error."""
    dest = tmp_path / "dest"
    (dest / "nginx").mkdir(parents=True)
    server = start_nginx(dest, tmp_path / "nginx")
    try:
        answer = server.get("/")
        assert answer.status == 404
        assert answer.header("X-Content-Type-Options") == "nosniff"
    finally:
        server.stop()
    assert "[emerg]" not in server.errors()
