"""Browser tests of the Yibao web console: headless Debian chromium driven by selenium.

The tests start the built server themselves (`yibao serve --demo`) on 127.0.0.1 over a fresh SQLite
file, sign in as several roles and check what each can and cannot see, the policy tables and diff,
the what-if calculator and its shareable link, and the language switch. Screenshots of the main
pages go to .build/console-screenshots/ for review.

Environment: YIBAO_BIN (default .build/debug/yibao), YIBAO_SCREENSHOTS (default
.build/console-screenshots), CHROMIUM / CHROMEDRIVER (default /usr/bin/chromium, /usr/bin/chromedriver).
Run: python3 -m pytest Tests/browser
"""

import json
import os
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

ROOT = Path(__file__).resolve().parents[2]
BINARY = Path(os.environ.get("YIBAO_BIN", ROOT / ".build" / "debug" / "yibao"))
SHOTS = Path(os.environ.get("YIBAO_SCREENSHOTS", ROOT / ".build" / "console-screenshots"))
PASSWORD = "DemoDemo2025"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def server():
    """The real server over the demo data, stopped after the last test."""
    assert BINARY.exists(), f"build the server first (swift build): {BINARY} is missing"
    port = free_port()
    workdir = tempfile.mkdtemp(prefix="yibao-browser-")
    database = os.path.join(workdir, "console.sqlite")
    log = open(os.path.join(workdir, "server.log"), "w")
    process = subprocess.Popen([str(BINARY), "serve", "--demo", "--host", "127.0.0.1", "--port", str(port),
                                "--database", database], stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while True:
        try:
            with urllib.request.urlopen(base + "/health", timeout=2) as reply:
                if reply.status == 200:
                    break
        except OSError:
            pass
        if process.poll() is not None or time.time() > deadline:
            process.kill()
            raise RuntimeError("the server did not start; see " + log.name)
        time.sleep(0.3)
    yield base
    process.terminate()
    process.wait(timeout=20)
    log.close()


@pytest.fixture(scope="session")
def driver():
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1280,900", "--lang=zh-CN", "--force-device-scale-factor=1"):
        options.add_argument(argument)
    browser = webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")), options=options)
    browser.implicitly_wait(5)
    yield browser
    browser.quit()


def follow(driver, element):
    """Clicks a link or submit button and waits until the next page has replaced this one, so later
    look-ups cannot find elements of the old page."""
    driver.execute_script("window.yibaoOldPage = true")
    element.click()
    # A new document has a fresh window object (element staleness checks race in chromedriver).
    WebDriverWait(driver, 10).until(lambda d: d.execute_script(
        "return document.readyState === 'complete' && window.yibaoOldPage === undefined"))


def sign_in(driver, base, username):
    """Signs in through the form (a fresh browser state: no session, no language cookie)."""
    driver.delete_all_cookies()
    driver.get(base + "/signin")
    driver.find_element(By.ID, "username").send_keys(username)
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    follow(driver, driver.find_element(By.CSS_SELECTOR, "#signin-form button[type=submit]"))
    assert driver.find_element(By.ID, "who").text.startswith(username)


def path(driver):
    return "/" + driver.current_url.split("/", 3)[3].split("?")[0]


def menu(driver):
    return [a.get_attribute("href").split("/", 3)[3] for a in driver.find_elements(By.CSS_SELECTOR, "ul.menu a")]


def status(driver, base, address, method="GET", body=None, content_type=None):
    """The HTTP status of a request made with the browser's session cookie (selenium shows no statuses)."""
    cookie = "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())
    request = urllib.request.Request(base + address, data=body, method=method, headers={"Cookie": cookie})
    if content_type:
        request.add_header("Content-Type", content_type)
    try:
        with urllib.request.urlopen(request) as reply:
            return reply.status, reply.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def shot(driver, name):
    """A full-page screenshot: the window grows to the page's height first."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(1280, max(600, min(height + 20, 5000)))
    driver.save_screenshot(str(SHOTS / f"{name}.png"))
    driver.set_window_size(1280, 900)


def amount(driver, field):
    return driver.find_element(By.CSS_SELECTOR, f"#f-{field} td.num").text


ROLES = [
    # user, home page, menu (hand-written from the role table: audit only for admin and auditor)
    ("admin", "/dashboard", ["dashboard", "policies", "calculator", "audit"]),
    ("enrol", "/dashboard", ["dashboard", "policies", "calculator"]),
    ("auditor", "/audit", ["dashboard", "policies", "calculator", "audit"]),
    ("hospital", "/institution", ["institution", "policies", "calculator"]),
]


@pytest.mark.parametrize("username,home,expected", ROLES)
def test_each_role_lands_on_its_home_and_sees_only_its_menu(server, driver, username, home, expected):
    sign_in(driver, server, username)
    assert path(driver) == home
    assert menu(driver) == expected
    assert driver.find_element(By.CSS_SELECTOR, "ul.menu a[aria-current=page]").get_attribute("href").endswith(home)
    shot(driver, f"home-{username}")


def test_forbidden_pages_say_why_with_403(server, driver):
    sign_in(driver, server, "enrol")
    driver.get(server + "/audit")
    assert driver.find_element(By.TAG_NAME, "h1").text == "无权访问"
    problem = driver.find_element(By.ID, "problem").text
    assert "无权查看操作日志" in problem and "FORBIDDEN_ROLE" in problem
    code, _ = status(driver, server, "/audit")
    assert code == 403
    shot(driver, "forbidden")

    sign_in(driver, server, "hospital")
    assert status(driver, server, "/dashboard")[0] == 403
    assert status(driver, server, "/institution")[0] == 200
    # A form post without the page's token is refused, whatever the role.
    sign_in(driver, server, "auditor")
    code, body = status(driver, server, "/audit/verify", "POST", b"csrf=forged", "application/x-www-form-urlencoded")
    assert code == 403 and "CSRF_TOKEN_INVALID" in body


def test_the_audit_trail_verifies(server, driver):
    sign_in(driver, server, "auditor")
    rows = driver.find_elements(By.CSS_SELECTOR, "#audit-table tbody tr")
    assert len(rows) >= 18
    follow(driver, driver.find_element(By.ID, "verify"))
    assert "哈希链完整" in driver.find_element(By.ID, "verification").text
    shot(driver, "audit")


def test_institution_page_shows_the_users_own_institution(server, driver):
    sign_in(driver, server, "hospital")
    facts = driver.find_element(By.ID, "institution").text
    assert "H35020000001" in facts and "厦门市第一医院" in facts and "三级甲等" in facts


def test_policy_tables_history_and_diff(server, driver):
    sign_in(driver, server, "admin")
    # A next version through the API with the browser's session: the preset with a higher pooled
    # ratio (85% → 88%) and cap (53,000 → 56,000) from 2026-07-01.
    code, body = status(driver, server, "/api/policies/xiamen-employee-2025")
    assert code == 200, body
    document = json.loads(body)["content"].replace("id: xiamen-employee-2025", "id: xiamen-employee-2026") \
        .replace("effective_from: 2025-07-01", "effective_from: 2026-07-01") \
        .replace('segments: [{ratio: "85%"}]', 'segments: [{ratio: "88%"}]').replace('hifp: "53000"', 'hifp: "56000"')
    code, body = status(driver, server, "/api/policies", "POST", document.encode("utf-8"), "application/yaml")
    assert code == 201, body
    follow(driver, driver.find_element(By.LINK_TEXT, "政策"))
    on = driver.find_element(By.ID, "on")
    on.clear()
    on.send_keys("2025-08-01")
    follow(driver, driver.find_element(By.CSS_SELECTOR, "#policy-filter button"))
    assert driver.find_element(By.ID, "doc-id").text == "xiamen-employee-2025"
    caps = driver.find_element(By.ID, "caps").text
    assert "统筹基金 53,000.00" in caps
    cell = driver.find_element(By.CSS_SELECTOR, "#caps td.num")
    assert cell.value_of_css_property("text-align") == "right"
    assert "5% × W" in driver.find_element(By.ID, "deductibles").text
    assert "85%" in driver.find_element(By.ID, "ratios-inpatient").text
    assert "150,000.00" in driver.find_element(By.ID, "layers").text
    versions = [r.text for r in driver.find_elements(By.CSS_SELECTOR, "#versions tbody tr")]
    assert len(versions) == 2 and "2025-07-01" in versions[0] and "2026-07-01" in versions[1]
    shot(driver, "policies")

    # The date picks the version: on 2026-08-01 the new one is in force with its new figures.
    on = driver.find_element(By.ID, "on")
    on.clear()
    on.send_keys("2026-08-01")
    follow(driver, driver.find_element(By.CSS_SELECTOR, "#policy-filter button"))
    assert driver.find_element(By.ID, "doc-id").text == "xiamen-employee-2026"
    assert "统筹基金 56,000.00" in driver.find_element(By.ID, "caps").text

    driver.find_element(By.ID, "a-xiamen-employee-2025").click()
    driver.find_element(By.ID, "b-xiamen-employee-2026").click()
    follow(driver, driver.find_element(By.CSS_SELECTOR, "#diff-form button"))
    rows = {r.find_element(By.CSS_SELECTOR, "td code").text: r.text for r in driver.find_elements(By.CSS_SELECTOR, "#diff tbody tr")}
    assert "benefits.annual_caps.hifp" in rows and "53000" in rows["benefits.annual_caps.hifp"] and "56000" in rows["benefits.annual_caps.hifp"]
    assert any("85%" in text and "88%" in text for text in rows.values())
    shot(driver, "policy-diff")


def test_calculator_result_explanation_and_shareable_link(server, driver):
    sign_in(driver, server, "analyst")
    follow(driver, driver.find_element(By.LINK_TEXT, "待遇测算"))
    Select(driver.find_element(By.ID, "preset")).select_by_value("xiamen-employee-2025")
    date = driver.find_element(By.ID, "date")
    date.clear()
    date.send_keys("2025-03-01")
    follow(driver, driver.find_element(By.ID, "calculate"))
    # Default lines: 1,200.00 class A + 8,000.00 class B + 500.00 class C at a grade-3A hospital.
    # Xiamen: class C fully self-paid 500.00; in scope 9,200.00; W for the benefit year from
    # 2024-07-01 is 115,000.00, deductible 5% × W = 5,750.00; pooled fund 85% × 3,450.00 = 2,932.50;
    # the person pays 9,700.00 − 2,932.50 = 6,767.50 in cash.
    assert amount(driver, "medfee_sumamt") == "9,700.00"
    assert amount(driver, "fulamt_ownpay_amt") == "500.00"
    assert amount(driver, "act_pay_dedc") == "5,750.00"
    assert amount(driver, "hifp_pay") == "2,932.50"
    assert amount(driver, "psn_cash_pay") == "6,767.50"
    assert driver.find_element(By.CSS_SELECTOR, "#f-hifp_pay th").text == "统筹基金支出"
    steps = [li.text for li in driver.find_elements(By.CSS_SELECTOR, "#explanation li")]
    assert any("起付线 5,750.00 元" in step for step in steps)
    assert any("个人现金支付 6,767.50 元" in step for step in steps)
    shot(driver, "calculator")

    link = driver.find_element(By.ID, "share-link").get_attribute("href")
    sign_in(driver, server, "hospital")
    driver.get(link)
    assert amount(driver, "hifp_pay") == "2,932.50"
    assert amount(driver, "psn_cash_pay") == "6,767.50"


def test_language_switch_on_every_page(server, driver):
    sign_in(driver, server, "admin")
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "zh-CN"
    follow(driver, driver.find_element(By.ID, "lang-switch"))
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    assert driver.find_element(By.TAG_NAME, "h1").text == "Dashboard"
    assert [a.text for a in driver.find_elements(By.CSS_SELECTOR, "ul.menu a")] == \
        ["Dashboard", "Policies", "What-if calculator", "Audit trail"]
    shot(driver, "dashboard-en")
    # The choice is remembered on the next pages, and each page can switch back.
    follow(driver, driver.find_element(By.LINK_TEXT, "Policies"))
    assert "Version history" in driver.find_element(By.ID, "history").text
    follow(driver, driver.find_element(By.LINK_TEXT, "What-if calculator"))
    assert driver.find_element(By.CSS_SELECTOR, "label[for=preset]").text == "Preset policy"
    follow(driver, driver.find_element(By.ID, "lang-switch"))
    assert driver.find_element(By.TAG_NAME, "h1").text == "待遇测算"


def test_chart_csv_and_keyboard_labels(server, driver):
    sign_in(driver, server, "admin")
    assert driver.find_elements(By.CSS_SELECTOR, "#chart-policy-versions svg rect.bar")
    assert driver.find_elements(By.CSS_SELECTOR, "#chart-audit-per-day svg polyline.series")
    code, csv = status(driver, server, "/dashboard/policy-versions.csv")
    assert code == 200 and csv.splitlines()[0].lstrip("\ufeff") == "统筹区,版本数"
    # Every form field of the calculator has a label (visible or aria-label) and is reachable by Tab.
    driver.get(server + "/calculator")
    for field in driver.find_elements(By.CSS_SELECTOR, "#calculator-form input:not([type=hidden]), #calculator-form select"):
        identifier = field.get_attribute("id")
        labelled = field.get_attribute("aria-label") or (identifier and driver.find_elements(By.CSS_SELECTOR, f"label[for='{identifier}']")) \
            or field.find_elements(By.XPATH, "ancestor::label")
        assert labelled, f"field {field.get_attribute('name')} has no label"
        assert field.get_attribute("tabindex") != "-1"
