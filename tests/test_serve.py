"""`nextround serve`: the page, the spreadsheet page and the API, through Flask's test client
and through a real server on a free port; the files read back with pypdf, qpdf and pdftotext,
and compared byte for byte with what `nextround generate` writes."""

from __future__ import annotations

import io
import json
import os
import re
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
import zipfile
from pathlib import Path

import pytest
from conftest import SAMPLES, pdf_pages, pdf_text, qpdf_check
from pypdf import PdfReader
from serving import NEXTROUND, running_server

from nextround.web.app import create_app

DESCRIPTION = (SAMPLES / "acme-grocers.txt").read_text(encoding="utf-8")
FIELDS = {"role": "Senior Data Engineer", "company": "Acme Grocers", "description": DESCRIPTION,
          "candidate": "Jane Doe", "start_date": "2027-01-04", "date": "2026-11-25"}
PEOPLE = [("Sam Lee", "Director of Data Engineering"), ("Priya Raman", "VP Marketing")]
CLI_ARGS = ["--role", FIELDS["role"], "--company", FIELDS["company"],
            "--description-file", str(SAMPLES / "acme-grocers.txt"), "--candidate", "Jane Doe",
            "--interviewer", "Sam Lee, Director of Data Engineering",
            "--interviewer", "Priya Raman, VP Marketing",
            "--start-date", "2027-01-04", "--date", "2026-11-25"]


@pytest.fixture(scope="module")
def app():
    app = create_app()
    yield app
    app.extensions["nextround"].close()


def workspace(app):
    return app.extensions["nextround"]


def browser(app):
    """A test client that has opened the page: its session cookie and CSRF token."""
    client = app.test_client()
    page = client.get("/")
    assert page.status_code == 200
    token = re.search(r'name="csrf-token" content="([0-9a-f]+)"', page.text).group(1)
    return client, token


def form(token: str, **extra) -> dict:
    data = {**FIELDS, "csrf_token": token,
            "interviewer_name": [n for n, _ in PEOPLE],
            "interviewer_title": [t for _, t in PEOPLE]}
    data.update(extra)
    return data


def leftovers(app) -> list[str]:
    """Everything under the server's work folder that belongs to no open job."""
    space = workspace(app)
    open_jobs = {job.folder for job in space.jobs.values()}
    return [str(p) for p in space.root.iterdir() if p not in open_jobs]


@pytest.fixture(scope="module")
def cli_files(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("cli")
    result = subprocess.run([NEXTROUND, "generate", *CLI_ARGS, "--out", str(out)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return {Path(line).name: Path(line) for line in result.stdout.split()}


@pytest.fixture(scope="module")
def cli_explained() -> str:
    """What `nextround explain --json` prints for the form's fields (run once for the page's
    panel and the API alike)."""
    return subprocess.run([NEXTROUND, "explain", "--json", *CLI_ARGS], capture_output=True,
                          text=True, check=True).stdout


def same_handouts(files: dict[str, bytes], cli_files: dict[str, Path]) -> None:
    """PDFs byte for byte; Word files by their document part (zip entries carry times)."""
    assert sorted(files) == sorted(cli_files)
    for name, data in files.items():
        if name.endswith(".pdf"):
            assert data == cli_files[name].read_bytes(), name
        else:
            with zipfile.ZipFile(io.BytesIO(data)) as ours, zipfile.ZipFile(cli_files[name]) as cli:
                assert ours.read("word/document.xml") == cli.read("word/document.xml"), name


def unzip(data: bytes, folder: Path) -> dict[str, Path]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        archive.extractall(folder)
        return {name: folder / name for name in archive.namelist()}


# -- the page -------------------------------------------------------------------------------------


def test_page_shows_the_form_and_the_overrides(app):
    client, _ = browser(app)
    page = client.get("/").text
    for field in ('name="role"', 'name="company"', 'name="description"', 'name="candidate"',
                  'name="interviewer_name"', 'name="start_date"', 'name="paper"', 'name="theme"',
                  'name="family"', 'name="level"', 'name="sector"', 'name="logo"'):
        assert field in page
    assert '<option value="data-engineering">' in page or 'value="data' in page
    # The logo field says the kinds --logo takes, and the file chooser offers their types.
    assert 'Logo (PNG, JPEG or SVG) <input type="file" name="logo" id="logo" ' \
           'accept=".png,.jpg,.jpeg,.svg">' in page
    assert client.get("/healthz").get_json() == {"status": "ok", "version": "0.1.0"}
    # Nothing on either page comes from another site.
    for html in (page, client.get("/batch").text):
        assert not re.search(r'(src|href)="(https?:)?//', html)


def test_the_panel_shows_what_explain_found(app, cli_explained):
    client, token = browser(app)
    data = client.post("/explain", data=form(token)).get_json()
    cli = json.loads(cli_explained)
    assert {k: v for k, v in data.items() if k not in ("level_label", "warnings")} == cli
    assert data["warnings"] == []
    generic = client.post("/explain", data=form(token, role="Chief Vibes Wrangler",
                                                description="We are hiring.")).get_json()
    assert generic["family"]["fell_back"]
    assert any("generic" in w for w in generic["warnings"])
    assert any("No role family matched" in w for w in generic["warnings"])
    # An override chosen in the panel is used.
    chosen = client.post("/explain", data=form(token, level="director")).get_json()
    assert chosen["level"]["id"] == "director" and "level" in chosen["overridden"]


def test_make_gives_the_command_lines_files_and_their_pages(app, cli_files, tmp_path):
    client, token = browser(app)
    made = client.post("/make", data=form(token))
    assert made.status_code == 200, made.get_data(as_text=True)
    data = made.get_json()
    files = {name: client.get(f"/jobs/{data['id']}/files/{name}").data for name in data["files"]}
    same_handouts(files, cli_files)
    # The preview shows every page of both PDFs, as pictures.
    pages = sum(pdf_pages(cli_files[n]) for n in cli_files if n.endswith(".pdf"))
    assert len(data["pages"]) == pages
    for url in data["pages"]:
        image = client.get(url)
        assert image.mimetype == "image/png" and image.data.startswith(b"\x89PNG")
    # The ZIP holds the same files, and its PDFs read as handouts.
    zipped = unzip(client.get(f"/jobs/{data['id']}/handouts.zip").data, tmp_path)
    same_handouts({n: p.read_bytes() for n, p in zipped.items()}, cli_files)
    plan = zipped["30-60-90-plan.pdf"]
    assert qpdf_check(plan).returncode == 0
    assert "Senior Data Engineer" in pdf_text(plan) and "Jane Doe" in pdf_text(plan)
    assert "Sam Lee" in pdf_text(zipped["follow-up-questions.pdf"])
    # Nothing of the request but its files is kept (no upload folder).
    job = workspace(app).jobs[data["id"]]
    assert sorted(p.name for p in job.folder.iterdir()) == ["files", "pages"]


def test_a_bad_field_is_a_message_and_leaves_no_folder(app):
    client, token = browser(app)
    before = set(workspace(app).jobs)
    answer = client.post("/make", data=form(token, start_date="2027-02-30"))
    assert answer.status_code == 400
    assert "start" in answer.get_json()["error"].lower()
    answer = client.post("/make", data=form(token, role=""))
    assert answer.get_json()["error"].startswith("The role is missing")
    assert set(workspace(app).jobs) == before and leftovers(app) == []


def test_branding_reaches_the_files(app, tmp_path):
    client, token = browser(app)
    from PIL import Image

    png = io.BytesIO()
    Image.new("RGB", (120, 40), "#C2185B").save(png, "PNG")
    png.seek(0)
    data = form(token, accent_color="#C2185B", footer="Presented by Acme Talent",
                theme="classic", paper="a4")
    data["logo"] = (png, "my logo.png")
    made = client.post("/make", data=data, content_type="multipart/form-data").get_json()
    assert "error" not in made, made
    pdf = tmp_path / "plan.pdf"
    pdf.write_bytes(client.get(f"/jobs/{made['id']}/files/30-60-90-plan.pdf").data)
    assert "Presented by Acme Talent" in pdf_text(pdf)
    box = PdfReader(str(pdf)).pages[0].mediabox
    assert round(float(box.width)) == 595  # A4


# -- the API ----------------------------------------------------------------------------------


def api_fields() -> dict:
    return {**FIELDS, "interviewers": [f"{n}, {t}" for n, t in PEOPLE]}


def test_api_explain_is_explain_json(app, cli_explained):
    client = app.test_client()
    answer = client.post("/api/explain", json=api_fields())
    cli = cli_explained
    assert answer.get_data(as_text=True).strip() and answer.get_json() == json.loads(cli)
    # The same order of keys as the command line's JSON.
    assert list(answer.get_json()) == list(json.loads(cli))


def test_api_generate_returns_the_zip(app, cli_files):
    client = app.test_client()
    answer = client.post("/api/generate", json=api_fields())
    assert answer.status_code == 200 and answer.mimetype == "application/zip"
    with zipfile.ZipFile(io.BytesIO(answer.data)) as archive:
        same_handouts({n: archive.read(n) for n in archive.namelist()}, cli_files)
    assert leftovers(app) == []


def test_api_refuses_paths_and_unknown_themes(app):
    client = app.test_client()
    for extra, words in (({"description_file": "/etc/passwd"}, "names a file"),
                         ({"logo": "/etc/hostname"}, "names a file"),
                         ({"content": "/tmp"}, "names a file"),
                         ({"theme": "/etc"}, "Unknown theme"),
                         ({"theme": "../../templates/default"}, "Unknown theme"),
                         ({"colour": "red"}, "Unknown field 'colour'")):
        answer = client.post("/api/generate", json={**api_fields(), **extra})
        assert answer.status_code == 400, extra
        assert words in answer.get_json()["error"], answer.get_json()
    answer = client.post("/api/generate", json=["not", "a", "mapping"])
    assert "JSON object" in answer.get_json()["error"]
    assert leftovers(app) == []


# -- safety --------------------------------------------------------------------------------------


def test_forms_need_the_csrf_token(app):
    client, token = browser(app)
    no_token = {k: v for k, v in form(token).items() if k != "csrf_token"}
    for data in (no_token, form("0" * 64)):
        answer = client.post("/make", data=data)
        assert answer.status_code == 403
        assert "reload the page" in answer.get_json()["error"]
    # Another browser's token is not this one's.
    other, other_token = browser(app)
    assert client.post("/explain", data=form(other_token)).status_code == 403
    assert client.post("/explain", data=form(token)).status_code == 200
    # A page from another site is refused, token or not.
    answer = client.post("/explain", data=form(token),
                         headers={"Origin": "http://evil.example"})
    assert answer.status_code == 403 and "evil.example" in answer.get_json()["error"]


def test_the_api_takes_json_only(app):
    """A page on another site can post a form to the API, but not a JSON body."""
    client = app.test_client()
    answer = client.post("/api/generate", data=json.dumps(api_fields()),
                         content_type="text/plain")
    assert answer.status_code == 415
    answer = client.post("/api/explain", data={"role": "x"})
    assert answer.status_code == 415


def test_only_local_names_are_answered(app):
    """DNS rebinding: a site whose name points at 127.0.0.1 gets no answer."""
    client = app.test_client()
    assert client.get("/", headers={"Host": "evil.example:5000"}).status_code == 400
    assert client.get("/healthz", headers={"Host": "127.0.0.1:5000"}).status_code == 200
    assert client.get("/healthz", headers={"Host": "[::1]:5000"}).status_code == 200


def test_a_token_is_needed_when_asked_for():
    app = create_app(token="s3cret-token", local_only=False)
    try:
        client = app.test_client()
        assert client.get("/").status_code == 401
        assert client.post("/api/explain", json=api_fields()).status_code == 401
        bearer = {"Authorization": "Bearer s3cret-token"}
        assert client.post("/api/explain", json=api_fields(), headers=bearer).status_code == 200
        assert client.post("/api/explain", json=api_fields(),
                           headers={"Authorization": "Bearer wrong"}).status_code == 401
        # Once in the address: kept in a cookie, and taken out of the address.
        first = client.get("/?token=s3cret-token")
        assert first.status_code == 302 and first.headers["Location"] == "/"
        assert client.get("/").status_code == 200
        assert client.get("/healthz", headers={"Host": "192.0.2.7"}).status_code == 200
    finally:
        app.extensions["nextround"].close()


def test_host_needs_a_token_and_warns():
    refused = subprocess.run([NEXTROUND, "serve", "--host", "0.0.0.0", "--no-browser"],
                             capture_output=True, text=True, timeout=60)
    assert refused.returncode == 2
    assert "give --token SECRET too" in refused.stderr
    with running_server("--host", "0.0.0.0", "--token", "s3cret-token") as (address, stderr):
        assert address.startswith("http://0.0.0.0:") and address.endswith("?token=s3cret-token")
        port = int(re.search(r":(\d+)/", address).group(1))
        with pytest.raises(urllib.error.HTTPError) as refused_call:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30)
        assert refused_call.value.code == 401
    assert "Warning: listening on 0.0.0.0" in stderr()


def test_uploads_are_judged_by_content(app, cli_files):
    client, token = browser(app)

    def read(data: bytes, name: str):
        return client.post("/read-description", data={"csrf_token": token,
                                                      "file": (io.BytesIO(data), name)},
                           content_type="multipart/form-data").get_json()

    html = b"<!doctype html><html><body><main><p>Acme Grocers runs 142 stores.</p></main>"
    assert "named as a PDF but holds a web page" in read(html, "ad.pdf")["error"]
    assert read(html, "ad.html")["description"] == "Acme Grocers runs 142 stores."
    # A name with ../ is only a name: the file is read from the request's own folder.
    text = read(b"Acme Grocers runs 142 stores.", "../../../../etc/evil.txt")
    assert text["description"] == "Acme Grocers runs 142 stores."
    assert not Path("/etc/evil.txt").exists()
    assert "not text" in read(b"\x00\x01\x02binary", "ad.txt")["error"]
    over = read(b"a" * 10_000_001, "huge.txt")
    assert "over 10 MB" in over["error"]
    from_pdf = read(cli_files["30-60-90-plan.pdf"].read_bytes(), "ad.pdf")
    assert "Senior Data Engineer" in from_pdf["description"]
    # A logo that is a web page is refused before anything renders.
    answer = client.post("/make", data={**form(token), "logo": (io.BytesIO(html), "logo.png")},
                         content_type="multipart/form-data")
    assert "named as a PNG image but holds a web page" in answer.get_json()["error"]
    assert leftovers(app) == []


def test_a_zip_bomb_spreadsheet_is_refused(app, tmp_path):
    client, token = browser(app)
    before = set(workspace(app).jobs)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        # 101 MB of shared text, in a file of a few hundred kilobytes.
        with archive.open("xl/sharedStrings.xml", "w") as part:
            for _ in range(101):
                part.write(b"<si/>" * 200_000)
    assert len(buffer.getvalue()) < 2_000_000
    buffer.seek(0)
    answer = client.post("/batch/check", data={"csrf_token": token,
                                               "sheet": (buffer, "applications.xlsx")},
                         content_type="multipart/form-data")
    assert answer.status_code == 400
    assert "MB of shared text and styles" in answer.get_json()["error"]
    assert leftovers(app) == [] and set(workspace(app).jobs) == before


def test_folders_expire_and_another_session_never_sees_them(cli_files):
    app = create_app(job_seconds=0.5)
    try:
        alice, alice_token = browser(app)
        bob, bob_token = browser(app)
        results: dict[str, dict] = {}

        def make(name, client, token, candidate):
            results[name] = client.post("/make", data=form(token, candidate=candidate)
                                        ).get_json()

        threads = [threading.Thread(target=make, args=("alice", alice, alice_token, "Alice Ng")),
                   threading.Thread(target=make, args=("bob", bob, bob_token, "Bob Ode"))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        a, b = results["alice"], results["bob"]
        assert a["id"] != b["id"]
        plan = "/jobs/{}/files/30-60-90-plan.pdf"
        assert b"Alice" in _text(alice.get(plan.format(a["id"])).data)
        assert b"Bob" in _text(bob.get(plan.format(b["id"])).data)
        # Bob cannot fetch Alice's files, even knowing the id.
        for url in (plan.format(a["id"]), f"/jobs/{a['id']}/handouts.zip",
                    f"/jobs/{a['id']}/pages/0"):
            assert bob.get(url).status_code == 404
        folders = [workspace(app).jobs[x["id"]].folder for x in (a, b)]
        time.sleep(0.6)
        workspace(app).sweep()
        assert not any(folder.exists() for folder in folders)
        assert alice.get(plan.format(a["id"])).status_code == 404
        assert list(workspace(app).root.iterdir()) == []
    finally:
        app.extensions["nextround"].close()
    assert not workspace(app).root.exists()


def _text(pdf: bytes) -> bytes:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).encode()


def test_nothing_is_fetched_from_the_network(app):
    """A saved job page and an SVG logo that point at a server: nothing connects to it."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(5)
    listener.settimeout(0.5)
    url = f"http://127.0.0.1:{listener.getsockname()[1]}"
    client, token = browser(app)
    page = (f'<html><head><link rel="stylesheet" href="{url}/s.css"></head><body><main>'
            f'<img src="{url}/p.png"><p>{DESCRIPTION}</p></main></body></html>').encode()
    read = client.post("/read-description", data={"csrf_token": token,
                                                   "file": (io.BytesIO(page), "ad.html")},
                       content_type="multipart/form-data").get_json()
    assert "Acme Grocers" in read["description"]
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
           f'width="10" height="10"><image xlink:href="{url}/x.png" width="10" height="10"/>'
           f'</svg>').encode()
    answer = client.post("/make", data={**form(token, description=read["description"]),
                                        "logo": (io.BytesIO(svg), "logo.svg")},
                         content_type="multipart/form-data").get_json()
    assert "error" in answer and "logo" in answer["error"].lower()
    with pytest.raises(TimeoutError):
        listener.accept()
    listener.close()


# -- the spreadsheet ------------------------------------------------------------------------------


def test_a_spreadsheet_dry_run_then_run_with_its_report(app, tmp_path):
    client, token = browser(app)
    sheet = ("Job Title,Company Name,About the company,Candidate\n"
             f'Senior Data Engineer,Acme Grocers,"{DESCRIPTION[:1500]}",Jane Doe\n'
             ",Nobody Inc,We make things.,Sam\n"
             "Store Manager,Brightline,,Ann\n"
             'Store Manager,Brightline,"Brightline runs 40 hardware stores in Ohio.",Ann\n')
    checked = client.post("/batch/check", data={"csrf_token": token,
                                                "sheet": (io.BytesIO(sheet.encode()), "a.csv")},
                          content_type="multipart/form-data").get_json()
    assert checked["good"] == 2 and checked["bad"] == 2
    assert checked["columns"]["role"] == "Job Title"
    rows = {row["row"]: row for row in checked["rows"]}
    assert rows[3]["error"] == "The role is empty (column 'Job Title')."
    assert "description is empty" in rows[4]["error"]
    assert rows[2]["files"] == ["30-60-90-plan.pdf", "30-60-90-plan.docx",
                                "follow-up-questions.pdf", "follow-up-questions.docx"]
    # Another browser cannot run or watch it.
    other, other_token = browser(app)
    assert other.post(f"/batch/{checked['id']}/run", data={"csrf_token": other_token}
                      ).status_code == 404
    assert client.post(f"/batch/{checked['id']}/run", data={"csrf_token": token}
                       ).get_json() == {"started": True}
    seen = []
    for _ in range(600):
        state = client.get(f"/batch/{checked['id']}/progress").get_json()
        seen.append(state["done"])
        if state["finished"]:
            break
        time.sleep(0.5)
    assert state["finished"] and "error" not in state, state
    assert state["summary"] == "2 written, 2 failed"
    assert seen == sorted(seen) and state["total"] == 4
    files = unzip(client.get(f"/batch/{checked['id']}/handouts.zip").data, tmp_path)
    report = files["report.csv"].read_text(encoding="utf-8-sig").splitlines()
    assert report[0] == "row,status,folder,files,error,warnings"
    assert [line.split(",")[1] for line in report[1:]] == ["written", "failed", "failed",
                                                          "written"]
    pdfs = sorted(n for n in files if n.endswith(".pdf"))
    assert len(pdfs) == 4
    for name in pdfs:
        assert qpdf_check(files[name]).returncode == 0
        assert 1 <= pdf_pages(files[name]) <= 2
    assert "Brightline" in pdf_text(files[next(n for n in pdfs if "brightline" in n
                                               and "plan" in n)])


# -- a real server --------------------------------------------------------------------------------


def test_a_real_server_over_http(tmp_path, cli_files):
    env = {**os.environ, "TMPDIR": str(tmp_path / "tmp")}
    (tmp_path / "tmp").mkdir()
    with running_server(env=env) as (address, _):
        assert address.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(address + "healthz", timeout=30) as answer:
            assert json.load(answer)["status"] == "ok"
        call = urllib.request.Request(address + "api/generate",
                                      data=json.dumps(api_fields()).encode(),
                                      headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(call, timeout=300) as answer:
            files = unzip(answer.read(), tmp_path / "zip")
        same_handouts({n: p.read_bytes() for n, p in files.items()}, cli_files)
        for name in ("30-60-90-plan.pdf", "follow-up-questions.pdf"):
            check = qpdf_check(files[name])
            assert check.returncode == 0, check.stdout
            assert pdf_pages(files[name]) <= 2
        assert "Acme Grocers" in pdf_text(files["30-60-90-plan.pdf"])
        # A 200 MB upload is refused from its length, before it is read.
        port = int(re.search(r":(\d+)/", address).group(1))
        with socket.create_connection(("127.0.0.1", port), timeout=30) as raw:
            raw.sendall(b"POST /batch/check HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        b"Content-Type: multipart/form-data; boundary=x\r\n"
                        b"Content-Length: 200000000\r\n\r\n--x\r\n")
            reply = raw.recv(4096).decode("latin-1")
        assert reply.startswith("HTTP/1.1 413"), reply
        served = list((tmp_path / "tmp").glob("nextround-serve-*"))
        assert len(served) == 1 and list(served[0].iterdir()) == []
    # Stopped: its work folder is gone.
    assert list((tmp_path / "tmp").glob("nextround-serve-*")) == []


def test_a_worker_that_dies_is_a_message_and_the_next_request_works():
    app = create_app()
    try:
        client, token = browser(app)
        assert client.post("/make", data=form(token)).status_code == 200
        pool = workspace(app).pool()
        for process in list(pool._processes.values()):
            os.kill(process.pid, signal.SIGKILL)
        answer = client.post("/make", data=form(token))
        assert answer.status_code == 400
        assert "stopped unexpectedly" in answer.get_json()["error"]
        assert client.post("/make", data=form(token)).status_code == 200
    finally:
        app.extensions["nextround"].close()
