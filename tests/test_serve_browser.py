"""`nextround serve` in a real browser: headless Chromium (Debian's chromium and chromium-driver,
installed from scripts/system-packages.txt) driven by Selenium. Fill the form, watch the
understanding panel, see the pages, download the ZIP and read its PDFs; then the spreadsheet
page; and the page on a phone's width. The screenshots are kept in the test's folder
(SCREENSHOTS=DIR keeps them there, to look at)."""

from __future__ import annotations

import os
import shutil
import time
import zipfile
from pathlib import Path

import pytest
from conftest import SAMPLES, need, pdf_pages, pdf_text, qpdf_check
from serving import running_server

DESCRIPTION = (SAMPLES / "acme-grocers.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with running_server() as (address, _):
        yield address


@pytest.fixture(scope="module")
def downloads(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def driver(downloads):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = need("chromium")
    for argument in ("--headless", "--no-sandbox", "--disable-gpu",
                     "--disable-background-networking", "--disable-dev-shm-usage",
                     "--window-size=1280,900"):
        options.add_argument(argument)
    # The driver is Debian's: Selenium must not look for (or download) one of its own.
    os.environ["SE_OFFLINE"] = "true"
    browser = webdriver.Chrome(options=options, service=Service(need("chromedriver")))
    browser.execute_cdp_cmd("Browser.setDownloadBehavior",
                            {"behavior": "allow", "downloadPath": str(downloads)})
    yield browser
    browser.quit()


def wait_for(condition, seconds: float = 120.0, what: str = ""):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def shot(driver, name: str, tmp_path: Path) -> Path:
    folder = Path(os.environ.get("SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    driver.save_screenshot(str(path))
    return path


def downloaded(folder: Path, name: str) -> Path:
    path = folder / name
    wait_for(lambda: path.is_file() and not list(folder.glob("*.crdownload")), 60,
             f"the download {name}")
    return path


def test_one_plan_in_the_browser(server, driver, downloads, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    driver.get(server)
    find = driver.find_element
    find(By.ID, "role").send_keys("Senior Data Engineer")
    find(By.ID, "company").send_keys("Acme Grocers")
    # Pasting: the text arrives at once, then an input event, as a paste makes one.
    box = find(By.ID, "description")
    driver.execute_script("arguments[0].value = arguments[1]", box, DESCRIPTION[:-20])
    box.send_keys(DESCRIPTION[-20:])
    panel = find(By.ID, "panel-body")
    wait_for(panel.is_displayed, 60, "the understanding panel")
    assert "Data" in find(By.ID, "family-read").text
    assert find(By.ID, "panel-priorities").find_elements(By.TAG_NAME, "li")
    assert "Snowflake" in find(By.ID, "panel-initiatives").text
    find(By.ID, "candidate").send_keys("Jane Doe")
    names = lambda: driver.find_elements(By.NAME, "interviewer_name")  # noqa: E731
    names()[0].send_keys("Sam Lee")
    driver.find_elements(By.NAME, "interviewer_title")[0].send_keys("Director of Data")
    find(By.ID, "add-interviewer").click()
    names()[1].send_keys("Priya Raman")
    find(By.ID, "add-interviewer").click()
    assert len(names()) == 3
    driver.find_elements(By.CSS_SELECTOR, ".interviewer .remove")[2].click()
    assert len(names()) == 2
    # An override picked in the panel changes what was read.
    Select(find(By.ID, "level")).select_by_value("manager")
    shot(driver, "page-filled", tmp_path)

    find(By.ID, "make").click()
    images = wait_for(lambda: [i for i in driver.find_elements(By.CSS_SELECTOR, "#pages img")
                               if driver.execute_script("return arguments[0].complete && "
                                                        "arguments[0].naturalWidth", i)],
                      180, "the pages' pictures")
    assert len(images) >= 2
    driver.execute_script("document.getElementById('result').scrollIntoView()")
    shot(driver, "page-result", tmp_path)
    find(By.ID, "zip").click()
    archive = downloaded(downloads, "handouts.zip")
    with zipfile.ZipFile(archive) as zipped:
        zipped.extractall(tmp_path / "zip")
        names_in = sorted(zipped.namelist())
    assert names_in == ["30-60-90-plan.docx", "30-60-90-plan.pdf", "follow-up-questions.docx",
                        "follow-up-questions.pdf"]
    plan = tmp_path / "zip" / "30-60-90-plan.pdf"
    questions = tmp_path / "zip" / "follow-up-questions.pdf"
    assert len(images) == pdf_pages(plan) + pdf_pages(questions)
    for pdf in (plan, questions):
        assert qpdf_check(pdf).returncode == 0
    text = " ".join(pdf_text(plan).split())
    assert "Senior Data Engineer" in text and "Jane Doe" in text
    assert "Priya Raman" in " ".join(pdf_text(questions).split())
    archive.unlink()


def test_a_spreadsheet_in_the_browser(server, driver, downloads, tmp_path):
    from selenium.webdriver.common.by import By

    sheet = tmp_path / "applications.csv"
    sheet.write_text("Job Title,Company Name,About the company,Candidate\n"
                     f'Senior Data Engineer,Acme Grocers,"{DESCRIPTION[:1200]}",Jane Doe\n'
                     ",Nobody Inc,We make things.,Sam\n", encoding="utf-8")
    driver.get(server + "batch")
    driver.find_element(By.ID, "sheet").send_keys(str(sheet))
    driver.find_element(By.ID, "check").click()
    summary = driver.find_element(By.ID, "dry-summary")
    wait_for(summary.is_displayed, 60, "the dry run")
    assert summary.text == "1 row would be written, 1 would fail."
    assert "would fail: The role is empty (column 'Job Title')." in \
        driver.find_element(By.ID, "dry-rows").text
    driver.find_element(By.ID, "run").click()
    link = driver.find_element(By.ID, "batch-zip")
    wait_for(link.is_displayed, 300, "the spreadsheet's handouts")
    assert driver.find_element(By.ID, "progress").get_attribute("value") == "2"
    assert "1 written, 1 failed" in driver.find_element(By.ID, "progress-text").text
    shot(driver, "batch-done", tmp_path)
    link.click()
    archive = downloaded(downloads, "handouts.zip")
    with zipfile.ZipFile(archive) as zipped:
        report = zipped.read("report.csv").decode("utf-8-sig").splitlines()
        pdfs = [n for n in zipped.namelist() if n.endswith(".pdf")]
    assert [line.split(",")[1] for line in report[1:]] == ["written", "failed"]
    assert len(pdfs) == 2
    archive.unlink()


def test_the_page_fits_a_phone(server, driver, tmp_path):
    driver.set_window_size(390, 844)
    try:
        driver.get(server)
        overflow = driver.execute_script(
            "return document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0
        shot(driver, "page-phone", tmp_path)
    finally:
        driver.set_window_size(1280, 900)
    assert shutil.which("chromium")
