"""The web app behind `nextround serve`: the page, the spreadsheet page, and a small API.

Everything goes through the library's own stages, as the command line does: build_request
checks the fields, pipeline.understand and explanation.explanation_data make what `explain
--json` prints, pipeline.render_files (in a worker process, see work.py) makes the files, and
authoring.draw_pages draws their pages as `preview` does. So a file from the page is the same
file `nextround generate` writes for the same fields.
"""

from __future__ import annotations

import io
import secrets
import shutil
import threading
import zipfile
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from flask import Flask, Response, abort, jsonify, render_template, request, send_file

from .. import __version__
from ..errors import NextroundError, RequestError
from ..explanation import explanation_data
from ..fields import file_key
from ..images import LOGO_KINDS_TEXT, LOGO_TYPES
from ..library import load_library
from ..pipeline import compose_documents, prepare, understand
from ..project import project_defaults
from ..request import (
    FIELD_TABLE,
    PATH_FIELDS,
    build_request,
    by_field_name,
    read_description_file,
)
from ..themes import available_themes
from . import guard, uploads
from .batching import dry_run, run
from .work import make_handouts
from .workspace import JOB_SECONDS, Job, Workspace

# The fields a person (or a script) may give: every field of a request (request.py's table)
# but those that name a file. A description or logo comes as an upload, and a theme by the
# name of one this computer has.
API_FIELDS = (*(f.name for f in FIELD_TABLE if f.name not in PATH_FIELDS), "date_order")
# The page's boxes and menus that hold one value each; the interviewers (name and title
# boxes), the format checkboxes and the yes/no boxes are read apart in form_fields.
TEXT_FIELDS = tuple(f.name for f in FIELD_TABLE if f.name not in PATH_FIELDS
                    and f.kind not in ("list", "flag") and f.name != "formats")


def create_app(*, token: str | None = None, local_only: bool = True,
               job_seconds: float = JOB_SECONDS, workers: int = 1) -> Flask:
    app = Flask(__name__)
    app.config.update(
        SECRET=secrets.token_bytes(32), TOKEN=token, LOCAL_ONLY=local_only,
        # Werkzeug refuses a larger body from its Content-Length before reading it.
        MAX_CONTENT_LENGTH=uploads.MAX_BODY_BYTES, MAX_FORM_MEMORY_SIZE=1_000_000,
        MAX_FORM_PARTS=200,
    )
    app.json.sort_keys = False  # the API's explain keeps explain --json's order
    workspace = Workspace(job_seconds, workers)
    app.extensions["nextround"] = workspace
    guard.install(app)
    _routes(app, workspace)
    return app


def _error(message: str, status: int = 400) -> Response:
    response = jsonify(error=message)
    response.status_code = status
    return response


# -- fields --------------------------------------------------------------------------------------


def theme_names() -> list[str]:
    names = dict.fromkeys(theme.path.name for theme in available_themes())
    return sorted(names, key=lambda name: name != "default")  # the default first


def _check_theme(fields: dict[str, Any]) -> None:
    theme = fields.get("theme")
    if theme not in (None, "") and theme not in theme_names():
        raise RequestError(f"Unknown theme {str(theme)[:60]!r}: choose from "
                           f"{', '.join(theme_names())}.")


def request_from(fields: dict[str, Any], date_order: str | None = None):
    """A Request from the fields given, over the settings files (nextround.toml, the user's
    own), as the command line builds one."""
    _check_theme(fields)
    merged = {**project_defaults(), **{k: v for k, v in fields.items() if v not in (None, "")}}
    if fields.get("description") or fields.get("description_file"):
        merged.pop("description_file" if fields.get("description") else "description", None)
    order = (date_order or "").lower() or None
    if order not in (None, "mdy", "dmy"):
        raise RequestError("The date order must be mdy or dmy.")
    return build_request(merged, date_order=order)


def form_fields(folder: Path | None) -> dict[str, Any]:
    """The page's form as request fields; its logo, saved into folder."""
    form = request.form
    fields: dict[str, Any] = {name: form.get(name, "").strip() for name in TEXT_FIELDS}
    names = form.getlist("interviewer_name")
    titles = form.getlist("interviewer_title")
    fields["interviewers"] = [", ".join(p for p in (n.strip(), t.strip()) if p)
                              for n, t in zip(names, titles + [""] * len(names), strict=False)
                              if n.strip()]
    fields["formats"] = form.getlist("formats") or None
    fields["per_interviewer"] = form.get("per_interviewer") == "yes"
    logo = request.files.get("logo")
    if folder is not None and logo is not None and logo.filename:
        fields["logo"] = str(uploads.save_logo(logo.read(), logo.filename, folder))
    return fields


def api_fields(data: Any) -> tuple[dict[str, Any], str | None]:
    """The fields of an API request (JSON like a request file)."""
    if not isinstance(data, dict):
        raise RequestError("The body must be a JSON object of fields (role, company, "
                           "description, ...).")
    # Keys as a request file takes them ('Start-Date', 'format', 'interviewer').
    data = by_field_name({file_key(k): v for k, v in data.items()})
    for name in PATH_FIELDS:
        if name in data:
            raise RequestError(f"The field {name!r} names a file, and this server reads no "
                               f"path it is sent: give the description as text.")
    unknown = sorted(set(data) - set(API_FIELDS))
    if unknown:
        raise RequestError(f"Unknown field {unknown[0]!r}. The fields are: "
                           f"{', '.join(API_FIELDS)}.")
    order = data.pop("date_order", None)
    return data, (str(order) if order else None)


# -- what the pipeline gives -----------------------------------------------------------------------


def explain_data(req) -> dict[str, Any]:
    """What `nextround explain --json` prints for this request."""
    prepared = prepare(req)  # its theme and content library, loaded once for both
    analysis = understand(req, prepared)
    return explanation_data(req, analysis, compose_documents(req, analysis, prepared))


def render_into(workspace: Workspace, req, folder: Path, *, pages: bool) -> dict[str, Any]:
    try:
        return workspace.pool().submit(make_handouts, req, str(folder), pages=pages).result()
    except BrokenProcessPool:
        workspace.reset_pool()  # the next request starts a fresh worker
        return {"error": "The process rendering the handouts stopped unexpectedly (out of "
                         "memory, or killed); nothing was written. Try again."}


def zip_folder(folder: Path, names: list[str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            archive.write(folder / name, name)
    return buffer.getvalue()


def choices() -> dict[str, Any]:
    """The ids the overrides take, with their names (as `nextround roles` lists them)."""
    library = load_library()
    labels = library.seniority["labels"]
    return {
        "families": [(f.id, f.name) for f in library.families.values()],
        "levels": [(level, labels[level]) for level in library.seniority["order"]],
        "sectors": [(s["id"], s["label"]) for s in library.sectors["sectors"]],
        "themes": theme_names(),
    }


def summary(data: dict[str, Any], choice: dict[str, Any]) -> dict[str, Any]:
    """explain --json, with the warnings the page shows beside it."""
    warnings = []
    if data["family"]["fell_back"]:
        warnings.append("No role family matched this title, so the plan follows the general "
                        "arc of a new job. Pick the family below if you know it.")
    if not data["signals"] and not data["initiatives"] and not data["facts"]:
        warnings.append("The description says little about the company, so the plan will be "
                        "generic: paste the job ad's 'about us' and 'about the role' parts.")
    levels = dict(choice["levels"])
    return {**data, "level_label": levels.get(data["level"]["id"], data["level"]["id"]),
            "warnings": warnings}


# -- routes ----------------------------------------------------------------------------------------


def _routes(app: Flask, workspace: Workspace) -> None:

    @app.errorhandler(413)
    def too_large(_exc):
        return _error(f"The upload is over {uploads.MAX_BODY_BYTES // 1_000_000} MB, the most "
                      f"this server reads; nothing was kept.", 413)

    @app.get("/healthz")
    def healthz():
        return jsonify(status="ok", version=__version__)

    @app.get("/")
    def page():
        session = guard.session_id()
        return render_template("page.html", csrf=guard.csrf_token(session), **choices(),
                               logo_kinds=LOGO_KINDS_TEXT, logo_types=LOGO_TYPES)

    @app.get("/batch")
    def batch_page():
        session = guard.session_id()
        return render_template("batch.html", csrf=guard.csrf_token(session),
                               themes=theme_names())

    @app.post("/read-description")
    def read_description():
        """An uploaded description file's text, for the page to show in its text box."""
        upload = request.files.get("file")
        if upload is None or not upload.filename:
            return _error("Choose a file.")
        folder = workspace.scratch()
        try:
            path = uploads.save_description(upload.read(), upload.filename, folder)
            text = read_description_file(path)
        except NextroundError as exc:
            return _error(str(exc))
        finally:
            _remove(folder)
        return jsonify(description=text.strip())

    @app.post("/explain")
    def explain():
        try:
            req = request_from(form_fields(None), request.form.get("date_order"))
            return jsonify(summary(explain_data(req), choices()))
        except NextroundError as exc:
            return _error(str(exc))

    @app.post("/make")
    def make():
        job = workspace.new_job(guard.session_id(), "handouts")
        inputs = job.folder / "input"
        inputs.mkdir()
        try:
            req = request_from(form_fields(inputs), request.form.get("date_order"))
            result = render_into(workspace, req, job.folder, pages=True)
        except NextroundError as exc:
            result = {"error": str(exc)}
        finally:
            _remove(inputs)  # the uploads are read: nothing of them is kept
        if "error" in result:
            workspace.drop(job)
            return _error(result["error"])
        job.files, job.pages = result["files"], result["pages"]
        return jsonify(id=job.id, files=job.files, warnings=result["warnings"],
                       pages=[f"/jobs/{job.id}/pages/{i}" for i in range(len(job.pages))])

    def own_job(job_id: str, kind: str = "handouts") -> Job:
        job = workspace.job(job_id, guard.session_id(), kind)
        if job is None:
            abort(404)
        return job

    @app.get("/jobs/<job_id>/files/<name>")
    def download(job_id: str, name: str):
        job = own_job(job_id)
        if name not in job.files:  # looked up, never joined to a path as given
            abort(404)
        return send_file(job.folder / "files" / job.files[job.files.index(name)],
                         as_attachment=True, download_name=name)

    @app.get("/jobs/<job_id>/pages/<int:number>")
    def page_image(job_id: str, number: int):
        job = own_job(job_id)
        if not 0 <= number < len(job.pages):
            abort(404)
        return send_file(job.folder / job.pages[number], mimetype="image/png")

    @app.get("/jobs/<job_id>/handouts.zip")
    def download_zip(job_id: str):
        job = own_job(job_id)
        data = zip_folder(job.folder / "files", job.files)
        return send_file(io.BytesIO(data), mimetype="application/zip", as_attachment=True,
                         download_name="handouts.zip")

    # -- the spreadsheet -----------------------------------------------------------------------

    @app.post("/batch/check")
    def batch_check():
        job = workspace.new_job(guard.session_id(), "batch")
        upload = request.files.get("sheet")
        try:
            if upload is None or not upload.filename:
                raise RequestError("Choose a spreadsheet: CSV, Excel (.xlsx) or JSON Lines.")
            path = uploads.save_spreadsheet(upload.read(), upload.filename, job.folder)
            defaults = {k: request.form.get(k, "").strip() for k in ("theme", "paper")}
            _check_theme(defaults)
            job.state = dry_run(path, {k: v for k, v in defaults.items() if v})
        except NextroundError as exc:
            workspace.drop(job)
            return _error(str(exc))
        return jsonify(id=job.id, **{k: v for k, v in job.state.items() if k != "defaults"})

    @app.post("/batch/<job_id>/run")
    def batch_run(job_id: str):
        job = own_job(job_id, "batch")
        if job.busy or "done" in job.state:
            return _error("This spreadsheet has already been run.")
        job.busy = True
        job.state.update(done=0, failed=0, finished=False)
        threading.Thread(target=run, args=(job,), daemon=True, name=f"batch-{job.id}").start()
        return jsonify(started=True)

    @app.get("/batch/<job_id>/progress")
    def batch_progress(job_id: str):
        job = own_job(job_id, "batch")
        keys = ("total", "done", "failed", "finished", "summary", "error", "outcomes")
        return jsonify({k: job.state[k] for k in keys if k in job.state})

    @app.get("/batch/<job_id>/handouts.zip")
    def batch_zip(job_id: str):
        job = own_job(job_id, "batch")
        if not job.state.get("finished") or not (job.folder / "handouts.zip").is_file():
            abort(404)
        return send_file(job.folder / "handouts.zip", mimetype="application/zip",
                         as_attachment=True, download_name="handouts.zip")

    # -- the API ---------------------------------------------------------------------------------

    @app.post("/api/explain")
    def api_explain():
        try:
            fields, order = api_fields(request.get_json(silent=True))
            return jsonify(explain_data(request_from(fields, order)))
        except NextroundError as exc:
            return _error(str(exc))

    @app.post("/api/generate")
    def api_generate():
        folder = workspace.scratch()
        try:
            fields, order = api_fields(request.get_json(silent=True))
            result = render_into(workspace, request_from(fields, order), folder, pages=False)
            if "error" in result:
                return _error(result["error"])
            data = zip_folder(folder / "files", result["files"])
        except NextroundError as exc:
            return _error(str(exc))
        finally:
            _remove(folder)  # the ZIP is in memory; nothing stays on disk
        response = send_file(io.BytesIO(data), mimetype="application/zip", as_attachment=True,
                             download_name="handouts.zip")
        if result["warnings"]:
            response.headers["X-Nextround-Warnings"] = " | ".join(
                w.encode("ascii", "replace").decode("ascii") for w in result["warnings"])[:2000]
        return response


def _remove(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
