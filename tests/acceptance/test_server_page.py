"""The clerk's page in a real browser (Debian's Chromium through Selenium): sign in, register, see, download.

Screenshots of each page go to ``$PEA_DOCS_SCREENSHOTS`` when it is set (``docs/server/`` holds
the ones of the documentation), else to the test's folder.
"""

from __future__ import annotations

import io
import os
import shutil
import time
import zipfile
from pathlib import Path

import pytest
from pdf_tools import REPO
from server_tools import start_server

pytest.importorskip("fastapi")
webdriver = pytest.importorskip("selenium.webdriver")
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as until  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

CHROMIUM = shutil.which("chromium")
DRIVER = shutil.which("chromedriver")


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    if not (CHROMIUM and DRIVER):
        if os.environ.get("CI"):
            pytest.fail("chromium and chromium-driver are missing: .ci/run installs them")
        pytest.skip("Chromium and its driver are not installed (apt-get install chromium chromium-driver)")
    downloads = tmp_path_factory.mktemp("downloads")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--window-size=1200,900", "--lang=ru"):
        options.add_argument(flag)
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.downloads = downloads
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    found = start_server(tmp_path_factory.mktemp("page"), "sqlite",
                         templates={"request.ru.docx": (REPO / "templates" / "request.ru.docx").read_bytes()})
    yield found
    found.stop()


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    folder = Path(os.environ.get("PEA_DOCS_SCREENSHOTS") or tmp_path_factory.mktemp("screens"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _wait_for_download(folder: Path, suffix: str) -> Path:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        done = [p for p in folder.iterdir() if p.suffix == suffix]
        if done:
            return done[0]
        time.sleep(0.1)
    raise AssertionError(f"nothing was downloaded into {folder}: {list(folder.iterdir())}")


def test_a_clerk_registers_sees_the_journal_and_downloads_the_stamp(browser, server, shots):
    url = server.url
    browser.get(f"{url}/")
    assert "/login" in browser.current_url  # the page asks for a token first
    browser.save_screenshot(str(shots / "login.png"))
    browser.find_element(By.ID, "token").send_keys(server.tokens["a"])
    browser.find_element(By.ID, "sign-in").click()
    WebDriverWait(browser, 30).until(until.presence_of_element_located((By.ID, "search")))  # the journal
    # the agent, for the stamp
    browser.get(f"{url}/agent")
    for key, value in (("surname", "Сапаров"), ("name", "Арман"), ("license", "17012345")):
        browser.find_element(By.ID, key).send_keys(value)
    browser.find_element(By.CSS_SELECTOR, "#agent button").click()
    WebDriverWait(browser, 30).until(until.presence_of_element_located((By.ID, "search")))  # back to the journal
    # register an incoming letter
    browser.get(f"{url}/new")
    browser.find_element(By.ID, "party").send_keys("ТОО «Альфа & Ко», г. Алматы")
    browser.find_element(By.ID, "doc_number").send_keys("12-34/567")
    browser.find_element(By.ID, "summary").send_keys("Запрос о ходе исполнительного производства <срочно>")
    browser.save_screenshot(str(shots / "register.png"))
    browser.find_element(By.ID, "submit").click()
    WebDriverWait(browser, 30).until(until.presence_of_element_located((By.ID, "result")))
    number = browser.find_element(By.ID, "number").text
    registered = browser.find_element(By.ID, "registered").text
    assert number == "№ 1" and len(registered) == 10  # dd.mm.yyyy, by rule 20
    browser.save_screenshot(str(shots / "registered.png"))
    # the stamp downloads as a Word file with the number and the date
    browser.find_element(By.ID, "stamp").click()
    stamp = _wait_for_download(browser.downloads, ".docx")
    xml = zipfile.ZipFile(io.BytesIO(stamp.read_bytes())).read("word/document.xml").decode("utf-8")
    assert registered in xml and "САПАРОВ" in xml.upper()
    # the journal finds it
    browser.get(f"{url}/?text=альфа")
    rows = browser.find_elements(By.CSS_SELECTOR, "#entries tr.entry")
    assert [r.get_attribute("data-key") for r in rows] == [f"incoming-{registered[-4:]}-1"]
    assert "Альфа & Ко" in rows[0].text and "<срочно>" in rows[0].text  # shown as typed, escaped
    browser.save_screenshot(str(shots / "journal.png"))
    # in Kazakh
    browser.get(f"{url}/?text=альфа&lang=kk")
    assert "Тіркеу" in browser.find_element(By.TAG_NAME, "header").text
    browser.save_screenshot(str(shots / "journal.kk.png"))
    browser.get(f"{url}/?lang=ru")


def test_a_letter_from_an_office_template_and_the_export(browser, server, shots):
    url = server.url
    browser.get(f"{url}/letter?template=request.ru.docx")
    assert browser.find_elements(By.CSS_SELECTOR, "#letter input, #letter textarea")
    browser.save_screenshot(str(shots / "letter.png"))
    browser.get(f"{url}/export")
    browser.save_screenshot(str(shots / "export.png"))
    link = browser.find_element(By.ID, "export-incoming")
    before = set(browser.downloads.iterdir())
    link.click()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not [p for p in set(browser.downloads.iterdir()) - before
                                               if p.suffix == ".xlsx"]:
        time.sleep(0.1)
    exported = [p for p in set(browser.downloads.iterdir()) - before if p.suffix == ".xlsx"]
    assert exported and zipfile.is_zipfile(exported[0])


def test_the_page_shows_the_rules_problems_without_losing_what_was_typed(browser, server):
    browser.get(f"{server.url}/new")
    Select(browser.find_element(By.ID, "direction")).select_by_value("incoming")
    browser.find_element(By.ID, "party").send_keys("ТОО «Бета»")
    browser.find_element(By.ID, "summary").send_keys(" ")
    browser.execute_script("document.getElementById('summary').removeAttribute('required')")
    browser.find_element(By.ID, "submit").click()
    WebDriverWait(browser, 30).until(until.presence_of_element_located((By.ID, "problems")))
    problems = browser.find_element(By.ID, "problems").text
    assert "summary" in problems and "rule 19" in problems
    assert browser.find_element(By.ID, "party").get_attribute("value") == "ТОО «Бета»"
