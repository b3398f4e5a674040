"""The publishing policy and its two outputs, without a server: every header the issue requires,
the Content-Security-Policy's directives and hashes, the inline code the policy cannot allow, the
``_headers`` file parsed back (every built file covered once, the same headers as the nginx
configuration), the hook (each language's 404 page; ``_headers`` once, after every language,
and not in the offline copy), the command, and nginx's absence. The served headers are tested
against a running nginx in ``tests/browser/test_served_headers.py``."""

from __future__ import annotations

import gzip
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from helpers import REPO, load_hook
from mkdocs.exceptions import PluginError

from thuynguyen_kb.publishing import command, headers_file, nginx
from thuynguyen_kb.publishing.inline_code import InlineCodeError, checked_hashes, scan
from thuynguyen_kb.publishing.policy import build_policy, content_security_policy
from thuynguyen_kb.publishing.precompress import COMPRESSED

# What the issue asks for, written here and not read from the policy, so that dropping a header
# or weakening a directive there fails these tests.
REQUIRED_HEADERS = {
    "Content-Security-Policy",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Permissions-Policy",
    "X-Frame-Options",
    "Cross-Origin-Opener-Policy",
}
HTTPS_ONLY_HEADERS = {"Strict-Transport-Security"}
REQUIRED_CSP = {
    "default-src": {"'self'"},
    "style-src": {"'self'"},
    "img-src": {"'self'", "data:"},
    "font-src": {"'self'"},
    "connect-src": {"'self'"},
    "object-src": {"'none'"},
    "base-uri": {"'self'"},
    "form-action": {"'self'"},
    "frame-ancestors": {"'none'"},
}
DENIED_FEATURES = {"camera", "microphone", "geolocation"}
LONG_CACHE = "public, max-age=31536000, immutable"
# Material's bundles (8 hex digits) and the site's one stylesheet (12: publishing/stylesheet.py).
FINGERPRINTED = re.compile(
    r"\.[0-9a-f]{8}\.min\.(?:js|css)(?:\.map)?$|/site\.[0-9a-f]{12}\.min\.css$"
)
# MDN's example of a script hash: <script>alert('Hello, world.');</script>.
MDN_SCRIPT = "alert('Hello, world.');"
MDN_HASH = "sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng="


def parse_csp(value: str) -> dict[str, list[str]]:
    """A Content-Security-Policy value as directive → sources."""
    directives = {}
    for part in value.split(";"):
        name, *sources = part.split()
        assert name not in directives, f"{name} given twice"
        directives[name] = sources
    return directives


def missing_headers(headers: dict[str, str], https: bool) -> list[str]:
    """The required headers absent from ``headers`` (names compared without case)."""
    present = {name.lower() for name in headers}
    required = REQUIRED_HEADERS | (HTTPS_ONLY_HEADERS if https else set())
    return sorted(name for name in required if name.lower() not in present)


def csp_problems(value: str, inline_hashes: set[str]) -> list[str]:
    """How a Content-Security-Policy falls short of the issue's."""
    found = parse_csp(value)
    problems = [
        f"{name}: expected {sorted(sources)}, found {found.get(name)}"
        for name, sources in REQUIRED_CSP.items()
        if set(found.get(name, [])) != sources
    ]
    scripts = found.get("script-src", [])
    if set(scripts) != {"'self'"} | {f"'{h}'" for h in inline_hashes}:
        problems.append(f"script-src: expected 'self' and the pages' hashes, found {scripts}")
    unsafe = [s for sources in found.values() for s in sources if "unsafe" in s or s == "*"]
    return problems + [f"unsafe source {source}" for source in unsafe]


# --- _headers, parsed back as Netlify and Cloudflare Pages read it ---------------------------


@dataclass
class ParsedRule:
    pattern: str
    headers: list[tuple[str, str]]


def parse_headers_file(text: str) -> list[ParsedRule]:
    """Rules of a ``_headers`` file: an address line, then indented ``Name: value`` lines."""
    parsed: list[ParsedRule] = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            assert line.startswith("/"), line
            parsed.append(ParsedRule(line, []))
        else:
            name, separator, value = line.strip().partition(":")
            assert separator and parsed, line
            parsed[-1].headers.append((name.strip(), value.strip()))
    return parsed


def pattern_regex(pattern: str) -> re.Pattern[str]:
    """The hosts' address patterns: ``*`` matches anything (even nothing), ``:name`` a segment."""
    parts = re.split(r"(\*|:[A-Za-z]\w*)", pattern)
    regex = "".join(
        ".*" if p == "*" else "[^/]+" if p.startswith(":") else re.escape(p) for p in parts
    )
    return re.compile(f"^{regex}$")


def headers_for_path(rules: list[ParsedRule], path: str) -> dict[str, str]:
    """The headers a host sends for ``path``; fail where two rules set one header."""
    sent: dict[str, str] = {}
    for rule in rules:
        if pattern_regex(rule.pattern).match(path):
            for name, value in rule.headers:
                assert name.lower() not in {n.lower() for n in sent}, (path, name, rule.pattern)
                sent[name] = value
    return sent


def addresses(site: Path) -> dict[str, Path]:
    """Every address of the built site → its file (folders by their ``/`` address too); the
    ``.gz`` and ``.br`` copies are other encodings of an address, not addresses."""
    found = {}
    for path in sorted(site.rglob("*")):
        if path.is_file() and path.name != headers_file.NAME and path.suffix not in COMPRESSED:
            rel = path.relative_to(site).as_posix()
            found["/" + rel] = path
            if path.name == "index.html":
                found["/" + rel.removesuffix("index.html")] = path
    return found


# --- The policy --------------------------------------------------------------------------------


def test_the_policy_has_every_header_the_issue_requires() -> None:
    policy = build_policy(["sha256-x"])
    https = {h.name: h.value for h in policy.headers_for(https=True)}
    plain = {h.name: h.value for h in policy.headers_for(https=False)}
    assert missing_headers(https, https=True) == []
    assert missing_headers(plain, https=False) == []
    assert HTTPS_ONLY_HEADERS.isdisjoint(plain)  # never over plain HTTP
    assert https["X-Content-Type-Options"] == "nosniff"
    assert https["X-Frame-Options"] == "DENY"
    assert https["Cross-Origin-Opener-Policy"] == "same-origin"
    assert https["Referrer-Policy"] in {"strict-origin-when-cross-origin", "no-referrer"}
    assert re.fullmatch(r"max-age=\d{8,}", https["Strict-Transport-Security"])
    denied = {item.split("=")[0] for item in https["Permissions-Policy"].split(", ")}
    assert denied >= DENIED_FEATURES
    assert all(item.endswith("=()") for item in https["Permissions-Policy"].split(", "))


def test_the_content_security_policy_is_the_issues() -> None:
    hashes = {"sha256-b", "sha256-a"}
    value = content_security_policy(hashes)
    assert csp_problems(value, hashes) == []
    assert "sha256-a' 'sha256-b'" in value  # sorted, so that the value is the same every build


def test_the_policy_check_sees_a_weaker_policy() -> None:
    weak = "default-src *; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'"
    problems = csp_problems(weak, {"sha256-a"})
    assert "unsafe source 'unsafe-inline'" in problems
    assert any(p.startswith("frame-ancestors") for p in problems)
    assert missing_headers({"content-security-policy": weak}, https=True) == sorted(
        (REQUIRED_HEADERS | HTTPS_ONLY_HEADERS) - {"Content-Security-Policy"}
    )


def test_each_language_has_its_404_page() -> None:
    policy = build_policy([])
    assert policy.not_found_page("/en/no/such/page/") == "/en/404.html"
    assert policy.not_found_page("/no/such/page/") == "/404.html"
    assert policy.not_found_page("/english/") == "/404.html"  # a prefix is a folder


# --- Inline code ---------------------------------------------------------------------------


def write_site(root: Path, pages: dict[str, str]) -> Path:
    for rel, body in pages.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(f"<!doctype html><html><head></head><body>{body}</body></html>")
    return root


def test_inline_scripts_are_hashed_as_browsers_hash_them(tmp_path: Path) -> None:
    site = write_site(
        tmp_path,
        {
            "index.html": f"<script>{MDN_SCRIPT}</script><script src='a.js'>ignored()</script>",
            "en/index.html": (
                f'<script type="text/javascript">{MDN_SCRIPT}</script>'  # the same text: one hash
                '<script id="__config" type="application/json">{"a": "</div>"}</script>'
                "<script type=module>x()\r\ny()</script>"
            ),
        },
    )
    found = scan(site)
    assert found.problems == ()
    # x()\ny() hashed after the HTML parser's line-ending normalisation, as browsers do.
    assert found.script_hashes == tuple(
        sorted([MDN_HASH, "sha256-vRjIYWGHhaKlwOvuY0+K4ahYYMahFcGNiiX9T5p0OtM="])
    )


def test_inline_code_that_no_hash_allows_is_reported(tmp_path: Path) -> None:
    site = write_site(
        tmp_path,
        {
            "a/index.html": (
                '<p style="color:red">x</p>\n<style>p{}</style>\n'
                '<button onclick="go()">go</button>\n<a href="\x01 Java&#9;Script:go()">go</a>'
            )
        },
    )
    found = [(p.path, p.line, p.code) for p in scan(site).problems]
    assert found == [
        ("a/index.html", 1, "CSP-INLINE-STYLE"),
        ("a/index.html", 2, "CSP-INLINE-STYLE"),
        ("a/index.html", 3, "CSP-INLINE-HANDLER"),
        ("a/index.html", 4, "CSP-INLINE-HANDLER"),
    ]
    with pytest.raises(InlineCodeError, match="4 page element"):
        checked_hashes(site)


def test_the_built_site_allows_each_inline_script_by_hash(built_site: Path) -> None:
    found = scan(built_site)
    assert found.problems == ()
    # Material's page-depth script (one per depth, and one for 404 pages) and the tabs script.
    assert 2 <= len(found.script_hashes) <= 12


# --- The two outputs ---------------------------------------------------------------------------


def test_the_build_writes_headers_with_the_policy_of_its_pages(built_site: Path) -> None:
    text = (built_site / headers_file.NAME).read_text(encoding="utf-8")
    policy = build_policy(checked_hashes(built_site))
    assert text == headers_file.render(headers_file.rules(policy, built_site))
    everything = headers_for_path(parse_headers_file(text), "/no/such/page")
    assert missing_headers(everything, https=True) == []
    assert (
        csp_problems(everything["Content-Security-Policy"], set(scan(built_site).script_hashes))
        == []
    )


def test_headers_cover_every_built_file_once_with_its_caching(built_site: Path) -> None:
    rules = parse_headers_file((built_site / headers_file.NAME).read_text(encoding="utf-8"))
    kinds: dict[str, set[str]] = {"long": set(), "short": set()}
    for address in addresses(built_site):
        sent = headers_for_path(rules, address)  # fails where a header comes twice
        assert missing_headers(sent, https=True) == [], address
        long = FINGERPRINTED.search(address) is not None
        assert sent.get("Cache-Control") == (LONG_CACHE if long else "no-cache"), address
        kinds["long" if long else "short"].add(address)
    assert any(re.search(r"/bundle\.\w+\.min\.js$", a) for a in kinds["long"])
    assert any(re.search(r"/main\.\w+\.min\.css$", a) for a in kinds["long"])
    assert any(re.search(r"/site\.\w+\.min\.css$", a) for a in kinds["long"])
    own = {"/assets/stylesheets/site.css", "/assets/javascripts/search.js", "/search-kb/meta.js"}
    assert own | {"/", "/en/ke-hoach/", "/404.html", "/en/404.html"} <= kinds["short"]


def nginx_headers(config: str) -> dict[str, str]:
    """The server-level ``add_header`` lines of the site's server (the last server block)."""
    server = config.rsplit("\nserver {", 1)[1]
    found = {}
    for name, value in re.findall(
        r'^    add_header (\S+) ("(?:[^"\\]|\\.)*"|\S+) always;', server, re.M
    ):
        found[name] = re.sub(r"\\(.)", r"\1", value[1:-1]) if value.startswith('"') else value
    return found


def test_headers_file_and_nginx_send_the_same_headers(built_site: Path, tmp_path: Path) -> None:
    policy = build_policy(checked_hashes(built_site))
    tls = nginx.Tls(tmp_path / "cert.pem", tmp_path / "key.pem")
    over_https = nginx.site_config(policy, nginx.Server(built_site, ("443",), "_", tls, ("80",)))
    over_http = nginx.site_config(policy, nginx.Server(built_site, ("8080",)))
    rules = parse_headers_file((built_site / headers_file.NAME).read_text(encoding="utf-8"))
    static = headers_for_path(rules, "/ke-hoach/")
    static.pop("Cache-Control")  # from a map in nginx: compared on the running server
    assert nginx_headers(over_https) == {**static, "Cache-Control": "$thuynguyen_kb_cache_control"}
    plain = {name: value for name, value in static.items() if name not in HTTPS_ONLY_HEADERS}
    assert nginx_headers(over_http) == {**plain, "Cache-Control": "$thuynguyen_kb_cache_control"}


def test_nginx_values_are_escaped_where_they_land() -> None:
    assert nginx.quote('say "hi" \\ bye') == '"say \\"hi\\" \\\\ bye"'
    for bad in ("$host", "a\nb", "a\x00"):
        with pytest.raises(ValueError):
            nginx.quote(bad)
    assert nginx.quote(r"\.css$", regex=True) == '"\\\\.css$"'
    for bad in ("80; include /etc/passwd", "127.0.0.1:80 ssl", ""):
        with pytest.raises(ValueError):
            nginx.address(bad)
    with pytest.raises(ValueError, match="server name"):
        nginx.site_config(build_policy([]), nginx.Server(Path("site"), ("80",), "x; return 200"))
    assert [nginx.port_of(a) for a in ("8443", "127.0.0.1:8443", "[::]:443", "example.org")] == [
        8443, 8443, 443, 443,
    ]  # fmt: skip


def test_headers_file_refuses_a_value_on_two_lines() -> None:
    with pytest.raises(ValueError, match="one-line"):
        headers_file.render([headers_file.Rule("/*", (("X-Test", "a\n/evil"),))])


# --- The hook ----------------------------------------------------------------------------------


def build_config(site: Path, language: str, **extra: object) -> SimpleNamespace:
    """What the hook reads of MkDocs' config; docs/ beside ``site`` (made if missing)."""
    docs = site.parent / "docs"
    (docs / "assets").mkdir(parents=True, exist_ok=True)
    return SimpleNamespace(
        theme={"language": language}, site_dir=str(site), docs_dir=str(docs), extra=dict(extra)
    )


def test_the_hook_writes_each_404_page_and_headers_once_after_every_language(
    tmp_path: Path,
) -> None:
    hook = load_hook("publishing")
    site = write_site(tmp_path / "site", {"index.html": f"<script>{MDN_SCRIPT}</script>"})
    vi, en = build_config(site, "vi"), build_config(site, "en")
    hook.on_pre_build(vi)
    assert hook.on_post_template("<html lang=vi>", "404.html", vi) == "<html lang=vi>"
    assert hook.on_post_template("<urlset/>", "sitemap.xml", vi) == "<urlset/>"
    hook.on_pre_build(en)  # mkdocs-static-i18n: inside the Vietnamese on_post_build
    assert hook.on_post_template("<html lang=en>", "404.html", en) == ""  # MkDocs writes nothing
    assert (site / "en" / "404.html").read_text(encoding="utf-8") == "<html lang=en>"
    hook.on_post_build(en)
    assert not (site / headers_file.NAME).exists()  # not yet: the outer build is still running
    hook.on_post_build(en)  # the outer build ends (the config is left in the last language)
    assert MDN_HASH in (site / headers_file.NAME).read_text(encoding="utf-8")


def test_the_hook_stops_the_build_on_inline_code_and_recovers(tmp_path: Path) -> None:
    hook = load_hook("publishing")
    site = write_site(tmp_path / "site", {"index.html": "<p style='x'>x</p>"})
    config = build_config(site, "vi")
    hook.on_pre_build(config)
    hook.on_pre_build(build_config(site, "en"))
    hook.on_build_error(RuntimeError("the English build failed"))  # no post_build comes
    hook.on_pre_build(config)
    with pytest.raises(PluginError, match=r"index\.html:1: CSP-INLINE-STYLE"):
        hook.on_post_build(config)


def test_the_offline_copy_has_no_headers_file(tmp_path: Path) -> None:
    offline = yaml.safe_load((REPO / "mkdocs.offline.yml").read_text(encoding="utf-8"))
    assert offline["INHERIT"] == "mkdocs.yml"
    hook = load_hook("publishing")
    site = write_site(tmp_path / "site", {"index.html": "<p>x</p>"})
    config = build_config(site, "vi", **offline["extra"])
    (site.parent / "docs" / "assets" / "site.css").write_text(CSS_SOURCE, encoding="utf-8")
    (site / "assets").mkdir()
    (site / "assets" / "site.css").write_text(CSS_SOURCE, encoding="utf-8")
    hook.on_pre_build(config)
    hook.on_post_build(config)
    assert not (site / headers_file.NAME).exists()
    assert (site / "assets" / "site.css").read_text(encoding="utf-8") == "a{color:red}" * 40 + "\n"
    assert sorted(p.name for p in site.rglob("*")) == ["assets", "index.html", "site.css"]


CSS_SOURCE = "/* a stylesheet long enough to be compressed */\n" + "a {\n  color: red;\n}\n" * 40


def test_the_hook_minifies_then_precompresses(tmp_path: Path) -> None:
    hook = load_hook("publishing")
    site = write_site(tmp_path / "site", {"index.html": "<p>Quyền trẻ em</p>\n" * 40})
    config = build_config(site, "vi")
    (site.parent / "docs" / "assets" / "site.css").write_text(CSS_SOURCE, encoding="utf-8")
    (site / "assets").mkdir()
    (site / "assets" / "site.css").write_text(CSS_SOURCE, encoding="utf-8")
    hook.on_pre_build(config)
    hook.on_post_build(config)
    assert (site / "assets" / "site.css").read_text(encoding="utf-8") == "a{color:red}" * 40 + "\n"
    packed = (site / "assets" / "site.css.gz").read_bytes()
    assert gzip.decompress(packed) == (site / "assets" / "site.css").read_bytes()
    assert (
        gzip.decompress((site / "index.html.gz").read_bytes()) == (site / "index.html").read_bytes()
    )
    assert (site / "index.html.br").is_file()
    assert ".gz" not in (site / headers_file.NAME).read_text(encoding="utf-8")


def test_the_hook_stops_the_build_on_a_file_it_cannot_minify(tmp_path: Path) -> None:
    hook = load_hook("publishing")
    site = write_site(tmp_path / "site", {"index.html": "<p>x</p>"})
    config = build_config(site, "vi")
    (site.parent / "docs" / "assets" / "search.js").write_text("var a;\n", encoding="utf-8")
    (site / "assets").mkdir()
    (site / "assets" / "search.js").write_bytes(b"var a;\n// caf\xe9\n")  # Latin-1, not UTF-8
    hook.on_pre_build(config)
    with pytest.raises(PluginError, match=r"assets/search\.js:2: not UTF-8 text \(byte 0xe9 "):
        hook.on_post_build(config)
    assert not (site / "index.html.gz").exists()  # stopped before anything else was written


# --- The command -------------------------------------------------------------------------------


def test_the_command_writes_the_nginx_configuration(
    built_site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "conf" / "site.conf"
    argv = ["--site", str(built_site), "--nginx", str(out), "--listen", "127.0.0.1:8080"]
    assert command.main([*argv, "--standalone", str(tmp_path / "prefix")]) == 0
    policy = build_policy(checked_hashes(built_site))
    server = nginx.Server(built_site, ("127.0.0.1:8080",))
    assert out.read_text(encoding="utf-8") == nginx.site_config(policy, server)
    standalone = (tmp_path / "prefix" / "nginx.conf").read_text(encoding="utf-8")
    assert f'include "{out.resolve()}";' in standalone
    assert "nginx -p" in capsys.readouterr().out


def test_the_command_refuses_what_it_cannot_serve(tmp_path: Path) -> None:
    out = tmp_path / "site.conf"
    assert command.main(["--site", str(tmp_path / "none"), "--nginx", str(out)]) == 2
    site = write_site(tmp_path / "site", {"index.html": "<b onclick='x()'>x</b>"})
    assert command.main(["--site", str(site), "--nginx", str(out)]) == 1
    with pytest.raises(SystemExit):  # a certificate without its key
        command.main(["--site", str(site), "--nginx", str(out), "--tls-cert", "c.pem"])
    assert not out.exists()


# --- Without nginx ----------------------------------------------------------------------------


def run_one_served_test(ci: str, basetemp: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NGINX": "/nonexistent/nginx", "CI": ci}
    # Its own temporary folder: a new session in the shared one could remove this session's.
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-rs", "-p", "no:cacheprovider", f"--basetemp={basetemp}",
         "tests/browser/test_served_headers.py::test_pages_and_files_carry_every_header"],
        cwd=REPO, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip


@pytest.mark.parametrize(("ci", "outcome"), [("", "skipped"), ("true", "error")])
def test_missing_nginx(ci: str, outcome: str, tmp_path: Path) -> None:
    result = run_one_served_test(ci, tmp_path / "session")
    assert re.search(rf"\b\d+ {outcome}\b", result.stdout), result.stdout
    assert "passed" not in result.stdout.splitlines()[-1]
    assert "sudo apt install nginx" in result.stdout
