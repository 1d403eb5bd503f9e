"""Who may use the web app, and how a page proves a request came from it.

- Host: bound to this computer, the app answers only requests addressed to it by a local name
  (127.0.0.1, localhost, ::1), so a web site whose name an attacker points at 127.0.0.1 (DNS
  rebinding) cannot read its answers.
- Token: with --host the app is open to other computers, and every request must carry the
  token: `?token=` once (the browser then keeps it in a cookie), or `Authorization: Bearer`.
- CSRF: every form post carries a token tied to the browser's session cookie, and a post whose
  Origin is another site is refused. The API takes JSON only: a page on another site can post a
  form to it, but not a JSON body, without the browser asking first (which is never allowed).
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
from urllib.parse import urlsplit

from flask import Flask, Response, current_app, g, jsonify, redirect, request

SESSION_COOKIE = "nextround_session"
TOKEN_COOKIE = "nextround_token"
LOCAL_NAMES = {"localhost", "127.0.0.1", "::1"}


def is_loopback(host: str) -> bool:
    if host in LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def csrf_token(session: str) -> str:
    secret = current_app.config["SECRET"]
    return hmac.new(secret, session.encode("ascii"), hashlib.sha256).hexdigest()


def _refuse(status: int, message: str) -> Response:
    response = jsonify(error=message)
    response.status_code = status
    return response


def _host_name(host_header: str) -> str:
    return (urlsplit(f"//{host_header}").hostname or "").lower()


def check_request() -> Response | None:
    """Run before every request: host, token, CSRF. A refusal is a plain message."""
    config = current_app.config
    if config["LOCAL_ONLY"] and not is_loopback(_host_name(request.host)):
        return _refuse(400, f"This nextround server answers only at 127.0.0.1 or localhost, "
                            f"not at {request.host[:80]!r}.")
    token = config.get("TOKEN")
    if token and request.endpoint != "healthz":
        given = (request.args.get("token") or request.cookies.get(TOKEN_COOKIE) or
                 request.headers.get("Authorization", "").removeprefix("Bearer ").strip())
        if not hmac.compare_digest(given.encode("utf-8"), token.encode("utf-8")):
            return _refuse(401, "This nextround server needs its token: open the address it "
                                "printed (with ?token=...), or send 'Authorization: Bearer "
                                "TOKEN'.")
        if request.args.get("token") and request.method == "GET":
            # Keep the token in a cookie and take it out of the address bar and history.
            response = redirect(request.path)
            response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="Strict")
            return response
    g.session = request.cookies.get(SESSION_COOKIE) or ""
    if request.method != "POST":
        return None
    origin = request.headers.get("Origin")
    if origin and origin != "null" and urlsplit(origin).netloc != request.host:
        return _refuse(403, f"A page from {origin[:80]!r} may not post to this nextround server.")
    if request.path.startswith("/api/"):
        if not request.is_json:
            return _refuse(415, "The API takes a JSON body: send 'Content-Type: "
                                "application/json'.")
        return None
    given = request.headers.get("X-CSRF-Token") or request.form.get("csrf_token") or ""
    if not g.session or not hmac.compare_digest(given, csrf_token(g.session)):
        return _refuse(403, "This form has expired or did not come from this nextround page: "
                            "reload the page and try again.")
    return None


def give_session(response: Response) -> Response:
    """Every browser gets a session cookie: its files are its own (no other session can ask
    for them) and its form posts carry a CSRF token tied to it."""
    if not request.cookies.get(SESSION_COOKIE) and getattr(g, "session", None) is not None \
            and not request.path.startswith(("/api/", "/healthz")):
        g.session = g.session or secrets.token_urlsafe(24)
        response.set_cookie(SESSION_COOKIE, g.session, httponly=True, samesite="Strict")
    # Nothing on the page comes from elsewhere; say so to the browser too.
    response.headers.setdefault(
        "Content-Security-Policy",
        "default-src 'self'; img-src 'self' blob: data:; object-src 'none'; "
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    return response


def install(app: Flask) -> None:
    app.before_request(check_request)
    app.after_request(give_session)


def session_id() -> str:
    """This browser's session (made on its first visit, before any form can be posted)."""
    if not getattr(g, "session", ""):
        g.session = secrets.token_urlsafe(24)
    return g.session
