"""An nginx configuration for Debian's ``nginx`` package, from the publishing policy.

:func:`site_config` writes the ``server`` blocks for one built site, to be included in the
``http`` block (Debian's ``/etc/nginx/sites-enabled/``): either HTTPS with HSTS plus a plain-HTTP
server that only redirects to it, or plain HTTP on given addresses (local tests, or behind a
proxy that does TLS). :func:`standalone_config` wraps that same file in a complete
configuration that an ordinary user can run with its own prefix, pid file, temporary folders and
logs (the browser tests do, so they test exactly what is deployed).

Two nginx rules shape the output. ``add_header`` in a ``location`` replaces every header set
above it, so the headers are set once for the server and no location sets any (Cache-Control
comes from a ``map`` of the address instead); and ``always`` sends them with error pages and
redirects too (the 404 page runs inline scripts, so it needs the policy as much as any page).
Every value is written as a double-quoted string with ``\\`` and ``"`` escaped; a ``$``
(which nginx would read as a variable) or a control character is refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from thuynguyen_kb.publishing.policy import Policy

MIME_TYPES = Path("/etc/nginx/mime.types")  # Debian's
NOT_FOUND = "$thuynguyen_kb_not_found"  # variables of the maps: nginx has one namespace
CACHE_CONTROL = "$thuynguyen_kb_cache_control"
# Types that Debian's mime.types lacks: CSV tables would be sent as application/octet-stream.
MISSING_TYPES = {"csv": "text/csv"}
TEMP_PATHS = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
_NAME = re.compile(r"^(?:_|[A-Za-z0-9*](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)$")
_ADDRESS = re.compile(r"^(?:\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(?::[0-9]{1,5})?$|^[0-9]{1,5}$")


@dataclass(frozen=True)
class Tls:
    """The certificate and key of an HTTPS server (PEM files, read by nginx at start)."""

    certificate: Path
    key: Path


@dataclass(frozen=True)
class Server:
    """Where and how the site is served."""

    site: Path  # the built site: nginx's root
    listen: tuple[str, ...]  # "443", "[::]:443", "127.0.0.1:8080"
    server_name: str = "_"
    tls: Tls | None = None  # None: plain HTTP on ``listen``, without HSTS
    redirect_listen: tuple[str, ...] = ()  # with TLS: plain-HTTP addresses that redirect to it


def quote(value: str | Path, regex: bool = False) -> str:
    """``value`` as an nginx double-quoted string.

    A ``$`` is refused where nginx reads variables; a regular expression (``regex``) may end with
    one, as nginx does not read variables in location patterns or map keys.
    """
    text = str(value)
    if ("$" in text and not regex) or any(ord(c) < 32 or ord(c) == 127 for c in text):
        raise ValueError(f"cannot write {text!r} into an nginx configuration")
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def address(value: str) -> str:
    """A ``listen`` address, checked: ``port``, ``host:port``, ``[ipv6]:port``."""
    if not _ADDRESS.match(value):
        raise ValueError(
            f"not a listen address: {value!r} (expected 8080, 127.0.0.1:8080, [::]:443)"
        )
    return value


def port_of(value: str) -> int:
    """The port of a listen address (443, the HTTPS server's, when it names none)."""
    tail = value.rsplit("]", 1)[-1]
    if value.isdigit():
        return int(value)
    return int(tail.rsplit(":", 1)[1]) if ":" in tail else 443


def _comment(text: str) -> str:
    return "# " + " ".join(text.split())


def _maps(policy: Policy) -> list[str]:
    """The 404 page and the Cache-Control value of each address, as nginx maps."""
    lines = [
        "# Each language's 404 page, for a missing address below its folder.",
        f"map $uri {NOT_FOUND} {{",
    ]
    for page in policy.not_found:
        match = (
            "default" if page.prefix == "/" else quote("~^" + re.escape(page.prefix), regex=True)
        )
        lines.append(f"    {match} {quote(page.page)};")
    caching = policy.caching
    return [
        *lines,
        "}",
        "# Material's fingerprinted bundles may be kept for good: a new version has a new name.",
        "# Everything else keeps its name from build to build: browsers must ask again.",
        f"map $uri {CACHE_CONTROL} {{",
        f"    default {quote(caching.revalidate)};",
        f"    {quote('~' + caching.fingerprinted, regex=True)} {quote(caching.immutable)};",
        "}",
    ]


def _common(policy: Policy, site: Path, https: bool) -> list[str]:
    """What the site's server does: files, compression, 404 pages, headers, locations."""
    types = " ".join(policy.compressed_types)
    mime = " ".join(f"{kind} {extension};" for extension, kind in MISSING_TYPES.items())
    downloads = r"\.(?:" + "|".join(re.escape(extension) for extension in MISSING_TYPES) + ")$"
    lines = [
        f"    root {quote(site.resolve())};",
        "    index index.html;",
        "    server_tokens off;  # no version number in the Server header and error pages",
        "    absolute_redirect off;  # /ke-hoach -> /ke-hoach/ without naming host or port",
        "    charset utf-8;",
        f"    charset_types {types};",
        "    # The build's .gz copy of a file (thuynguyen_kb.publishing.precompress), where",
        "    # there is one, to a browser that accepts gzip; else compressed on the fly. The .br",
        "    # copies need a Brotli module that Debian's nginx does not load: not served.",
        "    gzip_static on;",
        "    gzip on;",
        "    gzip_vary on;",
        "    gzip_proxied any;",
        "    gzip_comp_level 5;",
        "    gzip_min_length 256;",
        f"    gzip_types {types};",
        f"    error_page 404 {NOT_FOUND};",
        "",
        "    # Sent with every response, error pages and redirects too ('always'). A location with",
        "    # an add_header of its own would lose all of these: the locations below have none.",
    ]
    for header in policy.headers_for(https):
        lines.append(f"    {_comment(header.name + ': ' + header.why + '.')}")
        lines.append(f"    add_header {header.name} {quote(header.value)} always;")
    return [
        *lines,
        f"    add_header Cache-Control {CACHE_CONTROL} always;",
        "",
        "    location / {",
        "        try_files $uri $uri/ =404;",
        "    }",
        "    # Downloads whose type Debian's mime.types does not know.",
        f"    location ~ {quote(downloads, regex=True)} {{",
        f"        types {{ {mime} }}",
        "    }",
        "    # The static hosts' file, not a page.",
        "    location = /_headers {",
        "        return 404;",
        "    }",
    ]


def site_config(policy: Policy, server: Server) -> str:
    """The ``server`` blocks (and their maps) for the http block of nginx's configuration."""
    if not server.listen:
        raise ValueError("no listen address")
    if not _NAME.match(server.server_name):
        raise ValueError(f"not a server name: {server.server_name!r} (expected example.org or _)")
    name = quote(server.server_name)
    lines = [
        "# The site's nginx configuration, generated by scripts/publishing_config.py from",
        "# src/thuynguyen_kb/publishing/policy.py and the built pages (the hashes of their inline",
        "# scripts): generate it again after every build, then reload nginx.",
        "",
        *_maps(policy),
        "",
    ]
    if server.tls is not None:
        https_port = port_of(server.listen[0])
        target = "https://$host" + ("" if https_port == 443 else f":{https_port}") + "$request_uri"
        if server.redirect_listen:
            lines += [
                "# Plain HTTP: only a redirect to HTTPS.",
                "server {",
                *(f"    listen {address(a)};" for a in server.redirect_listen),
                f"    server_name {name};",
                "    server_tokens off;",
                f"    return 301 {target};",
                "}",
                "",
            ]
        lines += [
            "server {",
            *(f"    listen {address(a)} ssl;" for a in server.listen),
            f"    server_name {name};",
            f"    ssl_certificate {quote(server.tls.certificate.resolve())};",
            f"    ssl_certificate_key {quote(server.tls.key.resolve())};",
            "    ssl_protocols TLSv1.2 TLSv1.3;",
        ]
    else:
        lines += [
            "server {",
            *(f"    listen {address(a)};" for a in server.listen),
            f"    server_name {name};",
        ]
    lines += [*_common(policy, server.site, server.tls is not None), "}"]
    return "\n".join(lines) + "\n"


def standalone_config(
    prefix: Path, site_conf: Path, user: str | None = None, mime_types: Path = MIME_TYPES
) -> str:
    """A complete nginx.conf, for ``nginx -p PREFIX -c PREFIX/nginx.conf -e PREFIX/error.log``,
    that runs as an ordinary user in the foreground and includes ``site_conf``.

    ``user`` matters only when nginx is started by root (a CI container): its workers would
    otherwise run as "nobody", who may not read the site; naming the starting user keeps them
    with the files' owner.
    """
    prefix = prefix.resolve()
    temp = [f"    {kind}_temp_path {quote(prefix / 'temp' / kind)};" for kind in TEMP_PATHS]
    return "\n".join(
        [
            "# nginx for one site, run by an ordinary user in the foreground (generated by",
            "# scripts/publishing_config.py --standalone). Stop it with Ctrl-C.",
            *([f"user {quote(user)};"] if user else []),
            "worker_processes 1;",
            "daemon off;",
            f"pid {quote(prefix / 'nginx.pid')};",
            f"error_log {quote(prefix / 'error.log')} warn;",
            "events {",
            "    worker_connections 256;",
            "}",
            "http {",
            f"    include {quote(mime_types)};",
            "    default_type application/octet-stream;",
            "    sendfile on;",
            f"    access_log {quote(prefix / 'access.log')};",
            *temp,
            f"    include {quote(site_conf.resolve())};",
            "}",
            "",
        ]
    )


def prepare_prefix(prefix: Path) -> None:
    """Create the folders that :func:`standalone_config` names (nginx creates none of them)."""
    for kind in TEMP_PATHS:
        (prefix / "temp" / kind).mkdir(parents=True, exist_ok=True)
