"""What the browser tests share: a headless Chromium (Debian's, through its chromedriver), signing
in through the sign-in page, screenshots of each page visited, the server's API for checking what
the pages recorded, and the accessibility checks every page must pass."""
import json
import os
import pathlib
import urllib.error
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

BASE = os.environ["ASSAY_URL"]
SCREENSHOTS = pathlib.Path(os.environ["ASSAY_SCREENSHOTS"])
PHONE = (360, 780)
CASE = "basic-standard/410883-001"
CASE_PATH = "/app/cases/basic-standard%2F410883-001"


def password(account):
    return f"password-of-{account}"


def chromium(width=1280, height=900):
    """A headless Chromium of the given window size."""
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", f"--window-size={width},{height}",
                     "--lang=zh-CN", "--force-device-scale-factor=1"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_window_size(width, height)
    driver.implicitly_wait(0)
    return driver


def wait(driver, seconds=15):
    """Waits for a condition, through a page that is being replaced (a form sent, a page loading)."""
    return WebDriverWait(driver, seconds, poll_frequency=0.2, ignored_exceptions=(NoSuchElementException, StaleElementReferenceException))


def shot(driver, name, at=None):
    """Saves what the window shows as SCREENSHOTS/name.png, scrolled to the element `at` if given."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    if at is not None:
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", at)
    driver.save_screenshot(str(SCREENSHOTS / f"{name}.png"))


def sign_in(driver, account, base=BASE):
    driver.get(base + "/app/sign-in")
    driver.find_element(By.ID, "account").send_keys(account)
    driver.find_element(By.ID, "password").send_keys(password(account))
    driver.find_element(By.ID, "sign-in").click()
    wait(driver).until(expected_conditions.url_to_be(base + "/app"))


def open_page(driver, path, base=BASE):
    driver.get(base + path)
    wait(driver).until(lambda d: d.execute_script("return document.readyState") == "complete")


def accessibility_problems(driver):
    """What the page lacks of the basics: a language, a heading, a label for every input, and
    fonts that have Chinese glyphs."""
    return driver.execute_script("""
        const problems = [];
        if (!document.documentElement.lang) problems.push('no lang attribute');
        if (!document.querySelector('h1')) problems.push('no h1');
        for (const input of document.querySelectorAll('input, select, textarea')) {
            if (input.type === 'hidden') continue;
            const labelled = (input.labels && input.labels.length > 0) || input.getAttribute('aria-label');
            if (!labelled) problems.push('no label: ' + (input.id || input.name));
        }
        if (!document.fonts.check('16px "Noto Sans CJK SC"', '基层卫生')) problems.push('no CJK font');
        const outside = performance.getEntriesByType('resource').map(e => e.name).filter(n => !n.startsWith(location.origin));
        if (outside.length) problems.push('requests outside the server: ' + outside.join(' '));
        return problems;
    """)


class API:
    """The server's API as an account, for checking what a page recorded."""

    def __init__(self, account):
        response = self.call("POST", "/sessions", {"account": account, "password": password(account)})
        self.token = response["token"]

    def call(self, method, path, body=None):
        request = urllib.request.Request(BASE + path, method=method, data=json.dumps(body).encode() if body is not None else None)
        request.add_header("Content-Type", "application/json")
        if getattr(self, "token", None):
            request.add_header("Authorization", f"Bearer {self.token}")
        with urllib.request.urlopen(request) as response:
            return json.loads(response.read())

    def answers(self, case, by):
        """Each answer `by` recorded on `case`, in order, as (item, value)."""
        history = self.call("GET", "/cases/" + urllib.parse.quote(case, safe="") + "/history")["events"]
        found = []
        for event in history:
            if event.get("actor") == by and "recorded answer" in event["summary"]:
                found.append(event["summary"])
        return found


def status_of(path, cookie=None):
    """The HTTP status of GET path (following no redirect)."""
    request = urllib.request.Request(BASE + path)
    if cookie:
        request.add_header("Cookie", cookie)
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()
