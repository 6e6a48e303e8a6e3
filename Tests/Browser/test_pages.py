"""The pages in a real browser, as their users meet them: an expert on a phone losing the
connection mid-checklist, a second expert disagreeing and the leader resolving, the coordinator's
dashboard, an institution kept out of another's case, and the auditor's history and log. Run by
scripts/browser-test, which starts the server these tests reach."""
import base64
import gzip
import hashlib
import os
import pathlib
import tempfile
import time
import unittest
import urllib.request

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from network_gate import NetworkGate
from browser import (API, BASE, CASE, CASE_PATH, PHONE, accessibility_problems, chromium, open_page, shot, sign_in, status_of, wait)

LEADER, MEMBER = "county-expert-1@410821", "county-expert-2@410821"
# A 1×1 PNG: the photo an expert takes of the emergency kit.
PHOTO = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")


def answered_items(api, expert):
    return [summary.split(" answered ")[1].split(":")[0] for summary in api.answers(CASE, expert)]


def checklist_requests():
    """How many times the server has served the checklist page, by its request log."""
    log = pathlib.Path(os.environ["ASSAY_WORK"], "serve.log").read_text()
    return sum(1 for line in log.splitlines() if "path=/app/cases/basic-standard%2F410883-001/checklist " in line and "method=GET" in line)


class Pages(unittest.TestCase):
    """Each test drives its own browser; they run in this order (unittest sorts by name)."""

    def setUp(self):
        self.driver = chromium(*PHONE)
        self.addCleanup(self.driver.quit)

    def check_page(self, name, at=None):
        """The accessibility basics hold on the page, and a screenshot of it is kept."""
        self.assertEqual(accessibility_problems(self.driver), [], name)
        shot(self.driver, name, at)

    def answer(self, item, value=None, number=None, note=None, na=False, photo=None):
        form = self.driver.find_element(By.CSS_SELECTOR, f'form[data-item="{item}"]')
        anchor = "item-" + item.replace(".", "-")
        if value is not None:
            self.driver.find_element(By.ID, f"{anchor}-{value}").click()
        if number is not None:
            field = self.driver.find_element(By.ID, f"{anchor}-number")
            field.clear()
            field.send_keys(str(number))
        if na:
            self.driver.find_element(By.ID, f"{anchor}-na").click()
        if note is not None:
            self.driver.find_element(By.ID, f"{anchor}-note").send_keys(note)
        if photo is not None:
            self.driver.find_element(By.ID, f"{anchor}-file").send_keys(photo)
        form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()

    def outbox(self):
        return self.driver.execute_script(
            "const box = document.getElementById('outbox'); return box.hidden ? 0 : Number(document.getElementById('outbox-count').textContent)")

    def test_1_expert_answers_on_a_phone_offline_and_every_answer_lands_once(self):
        driver = self.driver
        api = API(LEADER)
        # The phone reaches the server through a network the test can cut.
        gate = NetworkGate(BASE)
        self.addCleanup(gate.close)
        sign_in(driver, LEADER, base=gate.url)
        self.check_page("expert-home")
        open_page(driver, CASE_PATH + "/checklist", base=gate.url)
        self.assertEqual(driver.find_element(By.TAG_NAME, "h1").text, "现场检查表")
        self.assertIn("1.1", driver.find_element(By.ID, "open-critical").text)
        self.check_page("expert-checklist-empty")
        # By keyboard alone: Tab to item 1.1's "yes", Space to choose it, Tab on to its button, Enter.
        keyboard = ActionChains(driver)
        for _ in range(80):
            if driver.switch_to.active_element.get_attribute("id") == "item-1-1-yes":
                break
            keyboard.send_keys(Keys.TAB).perform()
        self.assertEqual(driver.switch_to.active_element.get_attribute("id"), "item-1-1-yes", "item 1.1 is not reachable by Tab")
        keyboard.send_keys(Keys.SPACE).perform()
        for _ in range(10):
            keyboard.send_keys(Keys.TAB).perform()
            if driver.switch_to.active_element.tag_name == "button":
                break
        self.assertEqual(driver.switch_to.active_element.text, "保存 1.1")
        keyboard.send_keys(Keys.ENTER).perform()
        wait(driver).until(lambda d: answered_items(api, LEADER) == ["1.1"])
        self.answer("1.2", value="yes")
        wait(driver).until(lambda d: answered_items(api, LEADER) == ["1.1", "1.2"] and self.outbox() == 0)

        # The connection drops: answers and a photo wait on the phone, counted.
        gate.cut()
        driver.set_network_conditions(offline=True, latency=0, download_throughput=0, upload_throughput=0)
        with tempfile.NamedTemporaryFile(suffix=".png", delete=False) as file:
            file.write(PHOTO)
        self.answer("1.3", number=26)
        self.answer("1.9", value="yes", photo=file.name)
        self.answer("1.12", na=True, note="本院无住院病区")
        wait(driver).until(lambda d: self.outbox() == 3)
        self.assertIn("待发送", driver.find_element(By.ID, "item-1-9").text)
        shot(driver, "expert-checklist-offline", at=driver.find_element(By.ID, "item-1-9"))
        time.sleep(1)
        self.assertEqual(answered_items(api, LEADER), ["1.1", "1.2"], "nothing reaches the server while offline")
        # Opened again without a network, the page comes from the service worker's cache (the
        # server sees no request for it), and the outbox is still there.
        served = checklist_requests()
        driver.refresh()
        wait(driver).until(lambda d: d.execute_script("return document.readyState") == "complete")
        self.assertEqual(driver.find_element(By.TAG_NAME, "h1").text, "现场检查表")
        self.assertTrue(driver.execute_script("return navigator.serviceWorker.controller !== null"), "the service worker serves the page")
        self.assertEqual(checklist_requests(), served, "the page came from the cache, not the server")
        wait(driver).until(lambda d: self.outbox() == 3)
        self.assertEqual(answered_items(api, LEADER), ["1.1", "1.2"], "nothing reaches the server while offline")

        # It returns: everything is sent, in order, once.
        gate.restore()
        driver.set_network_conditions(offline=False, latency=0, download_throughput=-1, upload_throughput=-1)
        wait(driver, 30).until(lambda d: self.outbox() == 0)
        self.assertEqual(answered_items(api, LEADER), ["1.1", "1.2", "1.3", "1.9", "1.12"])
        # The reply to the last one was lost, so the phone sends it again: it is one answer still.
        status = driver.execute_async_script("""
            const done = arguments[arguments.length - 1];
            const form = new URLSearchParams([['item', '1.12'], ['na', '1'], ['note', '本院无住院病区']]);
            fetch(location.pathname + '/answers', {method: 'POST', body: form, credentials: 'same-origin',
                headers: {'X-CSRF-Token': document.querySelector('meta[name=csrf-token]').content, 'Accept': 'application/json'}})
              .then(r => done(r.status));""")
        self.assertEqual(status, 200)
        self.assertEqual(answered_items(api, LEADER), ["1.1", "1.2", "1.3", "1.9", "1.12"])
        review = api.call("GET", "/cases/basic-standard%2F410883-001/history")["events"]
        self.assertTrue(any("1.9: yes (1 piece of evidence)" in event["summary"] for event in review), "the photo is named by the answer")
        stored = urllib.request.Request(BASE + "/cases/basic-standard%2F410883-001/evidence/" + hashlib.sha256(PHOTO).hexdigest())
        stored.add_header("Authorization", f"Bearer {api.token}")
        with urllib.request.urlopen(stored) as response:
            self.assertEqual(response.read(), PHOTO, "the photo is stored under its SHA-256")

        # The score is the server's, from what it recorded.
        open_page(driver, CASE_PATH + "/checklist", base=gate.url)
        self.assertEqual(driver.find_element(By.ID, "answered").text, "5")
        critical = driver.find_element(By.ID, "open-critical").text
        self.assertNotIn("1.1 ", critical)
        self.assertNotIn("1.9 ", critical)
        self.assertIn("2.2", critical)
        self.check_page("expert-checklist-answered", at=driver.find_element(By.ID, "score"))

    def test_2_a_second_expert_disagrees_and_the_leader_resolves(self):
        driver = self.driver
        sign_in(driver, MEMBER)
        open_page(driver, CASE_PATH + "/checklist")
        self.answer("1.2", value="no", note="公共卫生服务台账缺失")
        wait(driver).until(lambda d: self.outbox() == 0 and "已发送" in d.find_element(By.ID, "item-1-2").text)
        self.assertEqual(answered_items(API(LEADER), MEMBER), ["1.2"])
        driver.delete_all_cookies()

        sign_in(driver, LEADER)
        open_page(driver, CASE_PATH + "/group")
        dispute = wait(driver).until(lambda d: d.find_element(By.ID, "dispute-item-1-2"))
        self.assertIn(f"{LEADER}: yes", dispute.text)
        self.assertIn(f"{MEMBER}: no", dispute.text)
        self.check_page("group-disagreement", at=dispute)
        driver.find_element(By.ID, "resolve-item-1-2-yes").click()
        driver.find_element(By.ID, "resolve-item-1-2-reason").send_keys("查阅台账后确认已承担基本公共卫生服务")
        dispute = driver.find_element(By.ID, "dispute-item-1-2")
        dispute.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        wait(driver).until(lambda d: "已裁定为 yes" in d.find_element(By.ID, "dispute-item-1-2").text)
        self.assertIn("查阅台账后确认", driver.find_element(By.ID, "dispute-item-1-2").text)
        self.check_page("group-resolved")

    def test_3_the_coordinator_follows_the_campaign_assigns_a_team_and_opens_the_report(self):
        driver = self.driver
        driver.set_window_size(1280, 900)
        sign_in(driver, "commission@410800")
        self.assertIn("recheck", driver.find_element(By.CSS_SELECTOR, ".tallies").text)
        self.check_page("coordinator-dashboard")
        driver.find_element(By.ID, "filter-stage").send_keys("recheck")
        driver.find_element(By.CSS_SELECTOR, "form.filters button").click()
        wait(driver).until(lambda d: "stage=recheck" in d.current_url)
        cases = driver.find_element(By.CSS_SELECTOR, "ul.cases").text
        self.assertIn("basic-standard/410883-001", cases)
        self.assertIn("basic-standard/410882-001", cases)
        self.assertNotIn("achieved", cases)
        open_page(driver, CASE_PATH)
        self.assertIn(LEADER, driver.find_element(By.CSS_SELECTOR, ".facts").text)
        self.check_page("coordinator-case")

        open_page(driver, "/app/assignments")
        driver.find_element(By.ID, "assign").click()
        made = wait(driver).until(lambda d: d.find_element(By.CSS_SELECTOR, "p.done")).text
        self.assertNotEqual(made.replace("✓", "").strip(), "", "the page names the assignment made")
        self.check_page("coordinator-assignments")
        driver.find_element(By.CSS_SELECTOR, "ul.cases a").click()
        wait(driver).until(lambda d: "/app/assignments/" in d.current_url)
        self.assertIn("✓", wait(driver).until(lambda d: d.find_element(By.CSS_SELECTOR, "p[role=status]")).text)
        self.check_page("coordinator-assignment-verified")
        open_page(driver, "/app/cases/basic-standard%2F410882-001")
        self.assertIn("@", driver.find_element(By.CSS_SELECTOR, ".facts").text, "the waiting case has its team")

        driver.set_window_size(*PHONE)
        open_page(driver, "/app/report")
        # A label's size on screen: its font size in the chart's units, times the chart's scale.
        labels = driver.execute_script("""
            const svg = document.querySelector('figure.chart svg');
            const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
            return Array.from(svg.querySelectorAll('text')).map(t => parseFloat(t.getAttribute('font-size')) * scale);""")
        self.assertTrue(labels, "the chart has labels")
        self.assertGreaterEqual(min(labels), 11, "every chart label is drawn at 11 px or more at a 360-px width")
        self.assertIn("修武县", driver.find_element(By.CSS_SELECTOR, "figure.chart").text)
        self.check_page("coordinator-report")

    def test_4_an_institution_cannot_open_another_institutions_case(self):
        driver = self.driver
        sign_in(driver, "staff@410883-002")
        self.check_page("institution-home")
        cases = driver.find_element(By.CSS_SELECTOR, "ul.cases").text
        self.assertIn("410883-002", cases)
        self.assertNotIn("410883-001", cases)
        driver.find_element(By.CSS_SELECTOR, "ul.cases a").click()
        wait(driver).until(lambda d: "/app/cases/" in d.current_url)
        self.assertIn("会昌社区卫生服务中心", wait(driver).until(lambda d: d.find_element(By.CSS_SELECTOR, ".facts")).text)
        self.check_page("institution-case")
        open_page(driver, CASE_PATH)
        self.assertEqual(driver.find_element(By.TAG_NAME, "h1").text, "无权访问 (403)")
        self.assertIn("outside staff@410883-002's jurisdiction", driver.find_element(By.CSS_SELECTOR, ".problem").text)
        self.check_page("institution-forbidden")
        cookie = "assay-session=" + driver.get_cookie("assay-session")["value"]
        self.assertEqual(status_of(CASE_PATH, cookie)[0], 403)
        self.assertEqual(status_of(CASE_PATH + "/checklist", cookie)[0], 403)

    def test_5_the_auditor_reads_the_history_and_the_logs_verification(self):
        driver = self.driver
        driver.set_window_size(1280, 900)
        sign_in(driver, "auditor-1")
        open_page(driver, CASE_PATH + "/history")
        history = driver.find_element(By.CSS_SELECTOR, "ol.history").text
        self.assertIn("took open-recheck: achieved → recheck", history)
        self.assertIn("institution-eligible held", history)
        self.assertIn("reason = 2023年回头看", history)
        proof = driver.find_element(By.CSS_SELECTOR, "#event-1 a[download]").get_attribute("href")
        self.check_page("auditor-history")
        cookie = "assay-session=" + driver.get_cookie("assay-session")["value"]
        status, body = status_of(proof.replace(BASE, ""), cookie)
        self.assertEqual(status, 200)
        self.assertIn(b"audit_path", body)
        driver.find_element(By.CSS_SELECTOR, "p a[href^='/app/definitions/']").click()
        wait(driver).until(lambda d: "/app/definitions/" in d.current_url)
        self.assertIn("basic-standard", wait(driver).until(lambda d: d.find_element(By.TAG_NAME, "pre")).text)
        open_page(driver, "/app/log")
        self.assertEqual(driver.find_element(By.ID, "verification").text, "✓ 日志核验通过")
        self.assertIn("demo.assay.example/jiaozuo-2022", driver.find_element(By.ID, "checkpoint-note").text)
        self.check_page("auditor-log")

    def test_6_pages_are_light_and_carry_their_security_headers(self):
        api = API(LEADER)
        request = urllib.request.Request(BASE + CASE_PATH + "/checklist")
        self.driver.get(BASE + "/app/sign-in")
        sign_in(self.driver, LEADER)
        cookie = "assay-session=" + self.driver.get_cookie("assay-session")["value"]
        request.add_header("Cookie", cookie)
        with urllib.request.urlopen(request) as response:
            page = response.read()
            headers = response.headers
        assets = b"".join(urllib.request.urlopen(BASE + path).read() for path in ("/app/assets/app.css", "/app/assets/checklist.js"))
        self.assertLess(len(page) + len(assets), 150_000, "the 54-item checklist page and its assets are under 150 KB, uncompressed")
        print(f"\nchecklist page {len(page):,} bytes, with its assets {len(page) + len(assets):,} (gzip: {len(gzip.compress(page + assets)):,})")
        self.assertIn("frame-ancestors 'none'", headers["Content-Security-Policy"])
        self.assertIn("script-src 'self'", headers["Content-Security-Policy"])
        self.assertEqual(headers["X-Content-Type-Options"], "nosniff")
        self.assertNotIn(b"http://", page.replace(BASE.encode(), b""))
        self.assertNotIn(b"https://", page)
        self.assertGreaterEqual(page.count(b'name="_csrf"'), 54, "every form carries the CSRF token")
        self.assertIsNotNone(api.token)


if __name__ == "__main__":
    unittest.main()
