"""nextround serve: the web page on this computer (nextround.web)."""

from __future__ import annotations

import click

from .common import handle_errors

EXAMPLE = """\b
Examples:
  nextround serve                      # a free port on 127.0.0.1; opens the browser
  nextround serve --port 8080 --no-browser
  nextround serve --host 0.0.0.0 --token "$(openssl rand -hex 16)"   # other computers too
"""


@click.command(epilog=EXAMPLE)
@click.option("--host", default="127.0.0.1", show_default=True, metavar="ADDRESS",
              help="The address to listen on. Anything but this computer's own (127.0.0.1, "
                   "localhost, ::1) opens the page to other computers, and needs --token.")
@click.option("--port", default=0, type=click.IntRange(0, 65535), metavar="N",
              help="The port (default: a free one).")
@click.option("--token", metavar="SECRET",
              help="A secret every visitor must give (in the address the server prints); "
                   "required with --host.")
@click.option("--no-browser", is_flag=True, help="Do not open the page in a browser.")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              metavar="N", help="Handouts rendered at once.")
@handle_errors
def serve(host: str, port: int, token: str | None, no_browser: bool, workers: int) -> None:
    """Start the web page: the same handouts as `generate` and `batch`, from a browser.

    Everything stays on this computer: nothing is fetched from or sent to the network, and
    each request's files are removed an hour after their last use, and when the server stops.
    Stop it with Ctrl-C.
    """
    from urllib.parse import quote

    from ..web.guard import is_loopback

    local = is_loopback(host)
    if not local and not token:
        raise click.UsageError(
            f"--host {host} opens nextround to other computers: give --token SECRET too, "
            f"a secret each visitor must know.")
    if token is not None and len(token) < 8:
        raise click.UsageError("--token must be at least 8 characters long.")
    if not local:
        click.echo(f"Warning: listening on {host}: anyone who can reach this computer and "
                   f"knows the token can use nextround here. The connection is not encrypted "
                   f"(plain HTTP).", err=True)
    try:
        from waitress.server import create_server

        from ..web.app import create_app
        from ..web.uploads import MAX_BODY_BYTES
    except ImportError as exc:  # an install without the web dependencies
        raise click.ClickException(f"nextround serve needs {exc.name}, which is not "
                                   f"installed: pip install flask waitress") from None

    app = create_app(token=token, local_only=local, workers=workers)
    try:
        server = create_server(app, host=host, port=port, threads=8,
                               max_request_body_size=MAX_BODY_BYTES, ident="nextround",
                               clear_untrusted_proxy_headers=True)
    except OSError as exc:
        raise click.ClickException(f"Cannot listen on {host}:{port}: {exc.strerror}.") from None
    shown = f"[{host}]" if ":" in host else host
    address = f"http://{shown}:{server.effective_port}/"
    if token:
        address += f"?token={quote(token)}"
    click.echo(f"nextround is at {address}  (Ctrl-C to stop)")
    if not no_browser:
        import webbrowser

        webbrowser.open(address)
    sweeper = _Sweeper(app.extensions["nextround"])
    try:
        server.run()
    except KeyboardInterrupt:
        click.echo("Stopped; the files it made are removed.", err=True)
    finally:
        sweeper.stop()
        server.close()
        app.extensions["nextround"].close()


class _Sweeper:
    """Removes the requests' folders an hour after their last use, once a minute."""

    def __init__(self, workspace) -> None:
        import threading

        self.workspace = workspace
        self.stopped = threading.Event()
        threading.Thread(target=self._run, daemon=True, name="sweeper").start()

    def _run(self) -> None:
        while not self.stopped.wait(60):
            self.workspace.sweep()

    def stop(self) -> None:
        self.stopped.set()
