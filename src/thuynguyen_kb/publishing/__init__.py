"""What a server must send with the site, in one place, and the two files made from it.

The site is static files only; its safety when published depends on the server's headers. The
policy is typed data (:mod:`.policy`): the security headers and why each is there, the
Content-Security-Policy (which allows the few inline scripts that Material writes by their
hashes, read from the built pages by :mod:`.inline_code`), caching by kind of file, compression,
and which 404 page each language gets. Two outputs are generated from it, so that they cannot
drift apart:

- :mod:`.nginx` – a configuration for Debian's ``nginx`` package (``scripts/publishing_config.py``,
  :mod:`.command`), also used, unchanged, by the browser tests;
- :mod:`.headers_file` – the ``_headers`` file of static hosts (Netlify, Cloudflare Pages),
  written into the built site by ``overrides/hooks/publishing.py`` at the end of every build.
"""
