"""The log of a browser tab that the browser tests read as ``page.log`` (see conftest's
``open_tab``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from playwright.sync_api import ConsoleMessage, Request, Response


@dataclass
class PageLog:
    """What went wrong while a page was open: console errors and failed requests.

    A request for part of a page (a favicon, an image) that the browser abandons because the
    page is being left is not an error: it goes to ``cancelled``. It is told apart by what
    happened, not by timing: its failure is ``net::ERR_ABORTED`` and the main frame began a
    new navigation after the request started. Any other failure is an error."""

    origin: str
    errors: list[str] = field(default_factory=list)
    cancelled: list[str] = field(default_factory=list)
    navigations: int = 0
    started_during: dict[Request, int] = field(default_factory=dict)

    def console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(f"console error: {message.text}")

    def failed(self, request: Request) -> None:
        text = f"request failed: {request.url} ({request.failure})"
        left_behind = (
            request.failure == "net::ERR_ABORTED"
            and not request.is_navigation_request()
            and self.started_during.get(request, self.navigations) < self.navigations
        )
        (self.cancelled if left_behind else self.errors).append(text)

    def response(self, response: Response) -> None:
        if response.status >= 400:
            self.errors.append(f"HTTP {response.status}: {response.url}")

    def request(self, request: Request) -> None:
        if request.is_navigation_request() and request.frame.parent_frame is None:
            self.navigations += 1
        else:
            self.started_during[request] = self.navigations
        if urlsplit(request.url).scheme in {"http", "https"} and not request.url.startswith(
            self.origin
        ):
            self.errors.append(f"request to another host: {request.url}")
