"""What nginx sends with the published configuration (tests/browser/conftest.py starts it over
the built site): every required header on pages, files, redirects and 404 pages; long caching
for fingerprinted files only; gzip (the build's .gz copies, and the plain file without
Accept-Encoding); each language's 404 page with status 404; the very headers
that ``_headers`` gives static hosts, for every built file; HTTPS with HSTS and the redirect
from HTTP (a self-signed certificate made by ``openssl``); and the checks catching a policy
with one header dropped. No browser: plain HTTP requests."""

from __future__ import annotations

import gzip
import http.client
import shutil
import ssl
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from helpers import REPO
from lxml import html
from test_publishing import (
    FINGERPRINTED,
    HTTPS_ONLY_HEADERS,
    LONG_CACHE,
    addresses,
    csp_problems,
    headers_for_path,
    missing_headers,
    parse_headers_file,
)

from thuynguyen_kb.publishing import headers_file, nginx
from thuynguyen_kb.publishing.inline_code import checked_hashes
from thuynguyen_kb.publishing.policy import build_policy

TEXT_TYPES = {".html": "text/html", ".css": "text/css", ".js": "application/javascript",
              ".csv": "text/csv", ".svg": "image/svg+xml", ".xml": "text/xml"}  # fmt: skip
COMPRESSIBLE = 1024  # bytes: smaller files may be sent as they are


@dataclass
class Reply:
    status: int
    headers: dict[str, str]  # names in lower case, each sent once
    body: bytes


class Client:
    """Requests on one kept-alive connection to a served site."""

    def __init__(self, url: str, context: ssl.SSLContext | None = None) -> None:
        parts = urlsplit(url)
        host, port = parts.hostname or "", parts.port
        self.connection = (
            http.client.HTTPSConnection(host, port, context=context)
            if parts.scheme == "https"
            else http.client.HTTPConnection(host, port)
        )

    def get(self, path: str, method: str = "GET", **headers: str) -> Reply:
        self.connection.request(method, path, headers=headers)
        response = self.connection.getresponse()
        body = response.read()
        names = [name.lower() for name, _ in response.getheaders()]
        repeated = sorted({name for name in names if names.count(name) > 1})
        assert repeated == [], f"{path}: headers sent twice: {repeated}"
        return Reply(response.status, {k.lower(): v for k, v in response.getheaders()}, body)


def inline_hashes(site: Path) -> set[str]:
    return set(checked_hashes(site))


def sample_files(site: Path) -> dict[str, str]:
    """One address of each kind of file: pages, Material's bundles, the site's own files."""

    def first(pattern: str) -> str:
        return "/" + next(p for p in sorted(site.glob(pattern))).relative_to(site).as_posix()

    return {
        "home": "/",
        "English page": "/en/ke-hoach/",
        "Material's script": first("assets/javascripts/bundle.*.min.js"),
        "Material's stylesheet": first("assets/stylesheets/main.*.min.css"),
        "Material's worker": first("assets/javascripts/workers/*.min.js"),
        "the site's stylesheet": first("assets/stylesheets/site.*.min.css"),
        "site.css": "/assets/stylesheets/site.css",
        "search.js": "/assets/javascripts/search.js",
        "language-switch.js": "/assets/javascripts/language-switch.js",
        "search index": "/search-kb/meta.js",
        "English search index": "/en/search-kb/meta.js",
        "CSV table": first("**/*.csv"),
        "favicon": "/assets/favicon.svg",
        "sitemap": "/sitemap.xml",
    }


def test_pages_and_files_carry_every_header(served_site: Any, built_site: Path) -> None:
    client, hashes = Client(served_site.url), inline_hashes(built_site)
    for kind, path in sample_files(built_site).items():
        reply = client.get(path, "HEAD")
        assert reply.status == 200, (kind, path)
        assert missing_headers(reply.headers, https=False) == [], (kind, path)
        assert csp_problems(reply.headers["content-security-policy"], hashes) == [], kind
        assert HTTPS_ONLY_HEADERS.isdisjoint(reply.headers), kind  # no HSTS over plain HTTP
        long = FINGERPRINTED.search(path) is not None
        assert reply.headers["cache-control"] == (LONG_CACHE if long else "no-cache"), kind
        suffix = Path(path).suffix or ".html"
        if suffix in TEXT_TYPES:
            assert reply.headers["content-type"].startswith(TEXT_TYPES[suffix]), kind
    assert sum(FINGERPRINTED.search(p) is not None for p in sample_files(built_site).values()) == 4
    redirect = client.get("/ke-hoach", "HEAD")  # a folder without its slash
    assert (redirect.status, redirect.headers["location"]) == (301, "/ke-hoach/")
    assert missing_headers(redirect.headers, https=False) == []


def test_text_is_compressed(served_site: Any, built_site: Path) -> None:
    client = Client(served_site.url)
    checked = []
    for suffix in TEXT_TYPES:
        files = [p for p in built_site.rglob(f"*{suffix}") if p.stat().st_size >= COMPRESSIBLE]
        files = [p for p in files if p.with_name(p.name + ".gz").is_file()]
        if not files:
            continue
        path = max(files, key=lambda p: p.stat().st_size)
        address = "/" + path.relative_to(built_site).as_posix()
        packed = client.get(address, **{"Accept-Encoding": "gzip"})
        assert packed.headers.get("content-encoding") == "gzip", address
        assert "Accept-Encoding" in packed.headers.get("vary", ""), address
        assert gzip.decompress(packed.body) == path.read_bytes(), address
        # gzip_static: the build's own copy (level 9), not one compressed on the fly.
        assert packed.body == path.with_name(path.name + ".gz").read_bytes(), address
        plain = client.get(address)
        assert "content-encoding" not in plain.headers and plain.body == path.read_bytes()
        checked.append(suffix)
    assert {".html", ".css", ".js", ".csv"} <= set(checked)


@pytest.mark.parametrize(
    ("path", "language"),
    [
        ("/no/such/page/", "vi"),
        ("/khuyen-nghi/p999/", "vi"),
        ("/en/no/such/page/", "en"),
        ("/en/khuyen-nghi/p999/", "en"),
        ("/en/assets/javascripts/bundle.00000000.min.js", "en"),
        ("/english/", "vi"),
        ("/_headers", "vi"),  # the static hosts' file is not served
    ],
)
def test_a_missing_address_gets_its_languages_404_page(
    served_site: Any,
    built_site: Path,
    path: str,
    language: str,
) -> None:
    reply = Client(served_site.url).get(path)
    assert reply.status == 404
    page = built_site / ("en/404.html" if language == "en" else "404.html")
    assert reply.body == page.read_bytes()
    assert html.document_fromstring(reply.body).get("lang") == language
    assert missing_headers(reply.headers, https=False) == []
    assert reply.headers["cache-control"] == "no-cache"


@pytest.fixture(scope="module")
def tls_site(
    serve_site: Any, built_site: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Any, ssl.SSLContext]:
    """The built site over HTTPS, with a certificate for 127.0.0.1 made here by openssl."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl not found: 'sudo apt install openssl' to test HTTPS")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    served = serve_site(built_site, build_policy(checked_hashes(built_site)), nginx.Tls(cert, key))
    return served, ssl.create_default_context(cafile=str(cert))


def test_https_sends_hsts_with_every_header(tls_site: Any, built_site: Path) -> None:
    served, context = tls_site
    client, hashes = Client(served.url, context), inline_hashes(built_site)
    for kind, path in sample_files(built_site).items():
        reply = client.get(path, "HEAD")
        assert reply.status == 200, kind
        assert missing_headers(reply.headers, https=True) == [], kind
        assert csp_problems(reply.headers["content-security-policy"], hashes) == [], kind
    missing = client.get("/en/no/such/page/")
    assert missing.status == 404 and missing_headers(missing.headers, https=True) == []


def test_plain_http_only_redirects_to_https(tls_site: Any) -> None:
    served, _ = tls_site
    reply = Client(served.redirect_url).get("/en/ke-hoach/?q=1")
    assert reply.status == 301
    assert reply.headers["location"] == served.url + "en/ke-hoach/?q=1"
    assert HTTPS_ONLY_HEADERS.isdisjoint(reply.headers)  # browsers ignore HSTS over HTTP


@pytest.mark.parametrize("scheme", ["http", "https"])
def test_nginx_sends_what_the_headers_file_gives_static_hosts(
    served_site: Any,
    tls_site: Any,
    built_site: Path,
    scheme: str,
) -> None:
    """For every built file: the same headers, generated from the same policy."""
    rules = parse_headers_file((built_site / headers_file.NAME).read_text(encoding="utf-8"))
    client = Client(served_site.url) if scheme == "http" else Client(tls_site[0].url, tls_site[1])
    every = addresses(built_site)
    for address in every:
        expected = {k.lower(): v for k, v in headers_for_path(rules, address).items()}
        if scheme == "http":
            expected = {k: v for k, v in expected.items() if k not in {"strict-transport-security"}}
        reply = client.get(address, "HEAD")
        assert reply.status == 200, address
        sent = {name: reply.headers.get(name) for name in expected}
        assert sent == expected, address
    assert len(every) > 500


def test_the_checks_catch_a_dropped_header_and_a_missing_hash(
    served_site: Any,
    weakened_site: Any,
    built_site: Path,
) -> None:
    hashes = inline_hashes(built_site)
    published = Client(served_site.url).get("/", "HEAD").headers
    assert missing_headers(published, https=False) == []
    assert csp_problems(published["content-security-policy"], hashes) == []
    weakened = Client(weakened_site.served.url).get("/", "HEAD").headers
    assert missing_headers(weakened, https=False) == [weakened_site.header]
    problems = csp_problems(weakened["content-security-policy"], hashes)
    assert problems and problems[0].startswith("script-src")


@pytest.mark.parametrize(
    "address",
    [
        "/assets/stylesheets/site.css",
        "/assets/javascripts/search.js",
        "/assets/javascripts/language-switch.js",
        "/index.html",
    ],
)
def test_the_sites_own_files_are_sent_minified_and_precompressed(
    served_site: Any, built_site: Path, address: str
) -> None:
    client, path = Client(served_site.url), built_site / address.lstrip("/")
    packed = client.get(address, **{"Accept-Encoding": "gzip"})
    assert packed.headers.get("content-encoding") == "gzip", address
    assert packed.body == path.with_name(path.name + ".gz").read_bytes(), address
    assert gzip.decompress(packed.body) == path.read_bytes(), address
    plain = client.get(address)
    assert "content-encoding" not in plain.headers and plain.body == path.read_bytes()
    if path.suffix in {".css", ".js"}:  # minified: no comment left, smaller than the source
        source = REPO / "docs" / address.lstrip("/")
        assert len(plain.body) < source.stat().st_size and b"/*" not in plain.body
