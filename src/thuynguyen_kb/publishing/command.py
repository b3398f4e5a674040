"""Write the nginx configuration of a built site (``scripts/publishing_config.py``).

Usage, from the repository root after ``make build``::

    python scripts/publishing_config.py --site site --nginx /etc/nginx/sites-available/thuynguyen \\
        --server-name example.org --tls-cert /etc/ssl/certs/x.pem --tls-key /etc/ssl/private/x.key
    python scripts/publishing_config.py --site site --nginx site.conf --listen 127.0.0.1:8080 \\
        --standalone /tmp/nginx-site

With ``--tls-cert`` and ``--tls-key``: HTTPS with HSTS on ``--listen`` (default 443 and [::]:443)
and a redirect from plain HTTP on ``--redirect-listen`` (default 80 and [::]:80). Without them:
plain HTTP on ``--listen`` (default 80), for local tests or behind a proxy that does TLS.
``--standalone PREFIX`` also writes PREFIX/nginx.conf, which runs the site as an ordinary user.
The configuration carries the hashes of the site's inline scripts: write it again after every
build. Exit 1 if the pages hold inline code that the policy cannot allow, 2 if there is no site.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

from thuynguyen_kb.files import write_atomically
from thuynguyen_kb.problems import report
from thuynguyen_kb.publishing import nginx
from thuynguyen_kb.publishing.inline_code import InlineCodeError, checked_hashes
from thuynguyen_kb.publishing.policy import build_policy


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=Path("site"), help="the built site (site/)")
    parser.add_argument("--nginx", type=Path, required=True, help="the file to write")
    parser.add_argument("--listen", action="append", help="an address to serve on (repeatable)")
    parser.add_argument("--server-name", default="_", help="the host name (default: any)")
    parser.add_argument("--tls-cert", type=Path, help="PEM certificate (chain) for HTTPS")
    parser.add_argument("--tls-key", type=Path, help="its PEM private key")
    parser.add_argument(
        "--redirect-listen", action="append", help="with TLS: plain-HTTP address that redirects"
    )
    parser.add_argument("--standalone", type=Path, metavar="PREFIX", help="also PREFIX/nginx.conf")
    return parser


def server_from(args: argparse.Namespace) -> nginx.Server:
    """The server that the command line asks for."""
    if (args.tls_cert is None) != (args.tls_key is None):
        raise ValueError("--tls-cert and --tls-key go together")
    if args.tls_cert is None:
        return nginx.Server(args.site, tuple(args.listen or ["80"]), args.server_name)
    return nginx.Server(
        args.site,
        tuple(args.listen or ["443", "[::]:443"]),
        args.server_name,
        nginx.Tls(args.tls_cert, args.tls_key),
        tuple(args.redirect_listen or ["80", "[::]:80"]),
    )


def main(argv: list[str] | None = None) -> int:
    """Write the configuration; print what was written and how to use it."""
    parser = _parser()
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"{args.site}: no built site here; run 'make build' first", file=sys.stderr)
        return 2
    try:
        server = server_from(args)
        hashes = checked_hashes(args.site)
        text = nginx.site_config(build_policy(hashes), server)
    except InlineCodeError as error:
        return report(error.problems, "")
    except ValueError as error:
        parser.error(str(error))
    args.nginx.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(args.nginx, text)
    print(f"Wrote {args.nginx} for {args.site} ({len(hashes)} inline scripts allowed by hash).")
    if args.standalone:
        nginx.prepare_prefix(args.standalone)
        conf = args.standalone / "nginx.conf"
        write_atomically(conf, nginx.standalone_config(args.standalone, args.nginx))
        command = ["nginx", "-p", args.standalone, "-c", conf, "-e", args.standalone / "error.log"]
        print("Run it with:", shlex.join(str(part) for part in command))
    else:
        print("Check it with 'sudo nginx -t', then reload: 'sudo systemctl reload nginx'.")
    return 0
