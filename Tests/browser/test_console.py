"""Browser tests of the Yibao web console: headless Debian chromium driven by selenium.

The tests start the built server themselves (`yibao serve --demo`) on 127.0.0.1 over a fresh SQLite
file, sign in as several roles and check what each can and cannot see, the policy tables and diff,
the what-if calculator and its shareable link, and the language switch. Records the demo does not
hold (settlements through the HIS interface, an employer, an insured person's user) are made through
the JSON API first; then the tests search a person, open a settlement's explanation, import a roster
with one bad line, use the institution portal and self-service as an insured person. Screenshots of
the main pages go to .build/console-screenshots/ for review.

Environment: YIBAO_BIN (default .build/debug/yibao), YIBAO_SCREENSHOTS (default
.build/console-screenshots), CHROMIUM / CHROMEDRIVER (default /usr/bin/chromium, /usr/bin/chromedriver).
Run: python3 -m pytest Tests/browser
"""

import json
import os
import re
import socket
import sqlite3
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
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
    # The `yibao` commands a test runs on the server's machine find its database as an operator's would.
    os.environ["YIBAO_DATABASE"] = database
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


def submit_sign_in(driver, base, username, password=PASSWORD):
    """Fills in and sends the sign-in form from a fresh browser state (no session, no language cookie)."""
    driver.delete_all_cookies()
    driver.get(base + "/signin")
    driver.find_element(By.ID, "username").send_keys(username)
    driver.find_element(By.ID, "password").send_keys(password)
    follow(driver, driver.find_element(By.CSS_SELECTOR, "#signin-form button[type=submit]"))


def sign_in(driver, base, username, password=PASSWORD):
    """Signs in through the form."""
    submit_sign_in(driver, base, username, password)
    assert driver.find_element(By.ID, "who").text.startswith(username)


def replace_first_password(driver, current, new, why="管理员"):
    """On the page a first sign-in lands on: the password an administrator set (or one past its age,
    `why` then saying so), replaced."""
    assert path(driver) == "/password"
    assert why in driver.find_element(By.ID, "password-required").text
    driver.find_element(By.ID, "current_password").send_keys(current)
    driver.find_element(By.ID, "password").send_keys(new)
    driver.find_element(By.ID, "password_repeat").send_keys(new)
    follow(driver, driver.find_element(By.ID, "change"))
    assert path(driver) == "/signin"
    assert "密码已修改" in driver.find_element(By.ID, "password-changed").text


def create_analyst(server, username, display_name):
    """An analyst of Xiamen, created by the administrator with the demo's password (replaced at first sign-in)."""
    status, body, _ = api(server, "POST", "/api/users", {"username": username, "display_name": display_name, "role": "analyst",
                                                         "admdvs": "350200", "password": PASSWORD}, api_session(server, "admin"))
    assert status == 201, body


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
    # user, home page, menu (hand-written from the role table: audit only for admin and auditor, users only for admin,
    # employers not for the auditor, statement imports for admin and the collection clerk)
    ("admin", "/dashboard", ["dashboard", "persons", "employers", "payments", "policies", "calculator", "audit", "users"]),
    ("enrol", "/dashboard", ["dashboard", "persons", "employers", "policies", "calculator"]),
    ("auditor", "/audit", ["dashboard", "persons", "policies", "calculator", "audit"]),
    ("hospital", "/institution", ["institution", "settlements", "policies", "calculator"]),
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


def test_an_administrator_disables_a_user_and_revokes_its_token(server, driver):
    admin = api_session(server, "admin")
    status, issued, _ = api(server, "POST", "/api/users/complaint/tokens", {"name": "leaked"}, admin)
    assert status == 201, issued
    assert api(server, "GET", "/api/me", auth=issued["token"])[0] == 200

    sign_in(driver, server, "admin")
    follow(driver, driver.find_element(By.LINK_TEXT, "用户"))
    assert "benxi-admin" not in driver.find_element(By.ID, "users-table").text
    follow(driver, driver.find_element(By.CSS_SELECTOR, "#user-complaint a"))
    follow(driver, driver.find_element(By.CSS_SELECTOR, "#tokens-table button.revoke"))
    assert api(server, "GET", "/api/me", auth=issued["token"])[0] == 401
    assert driver.find_elements(By.CSS_SELECTOR, "#tokens-table button.revoke") == []
    follow(driver, driver.find_element(By.ID, "switch"))
    assert driver.find_element(By.ID, "user-state").text == "已停用"
    shot(driver, "user-disabled")

    submit_sign_in(driver, server, "complaint")
    assert "该用户已停用" in driver.find_element(By.ID, "problem").text
    sign_in(driver, server, "admin")
    driver.get(server + "/users/complaint")
    follow(driver, driver.find_element(By.ID, "switch"))
    assert driver.find_element(By.ID, "user-state").text == "启用"
    sign_in(driver, server, "complaint")
    assert path(driver) == "/dashboard"


def test_an_administrator_creates_a_hospital_system_and_issues_its_token(server, driver):
    sign_in(driver, server, "admin")
    follow(driver, driver.find_element(By.LINK_TEXT, "用户"))
    form = driver.find_element(By.ID, "new-user")
    form.find_element(By.ID, "username").send_keys("clinic-his")
    form.find_element(By.ID, "display_name").send_keys("社区中心 HIS")
    Select(form.find_element(By.ID, "role")).select_by_value("system_client")
    follow(driver, form.find_element(By.ID, "create-user"))
    # No institution: the form comes back as typed, with the reason and its field.
    assert "fixmedins_code" in driver.find_element(By.ID, "problem").text
    assert driver.find_element(By.ID, "username").get_attribute("value") == "clinic-his"
    driver.find_element(By.ID, "fixmedins_code").send_keys("H35020000002")
    follow(driver, driver.find_element(By.ID, "create-user"))
    assert path(driver) == "/users/clinic-his"
    assert "H35020000002" in driver.find_element(By.ID, "user").text

    driver.find_element(By.ID, "token-name").send_keys("clinic-2026")
    follow(driver, driver.find_element(By.ID, "issue"))
    token = driver.find_element(By.ID, "new-token").text
    shot(driver, "user-token-issued")
    status, me, _ = api(server, "GET", "/api/me", auth=token)
    assert status == 200 and me["username"] == "clinic-his", me
    # Shown once: the page opened again lists the label, not the secret.
    driver.get(server + "/users/clinic-his")
    assert "clinic-2026" in driver.find_element(By.ID, "tokens-table").text
    assert token not in driver.page_source


def test_a_user_changes_their_own_password_from_the_header(server, driver):
    create_analyst(server, "wang.fang", "王芳")
    # The administrator chose the first password: every page leads to its replacement.
    sign_in(driver, server, "wang.fang")
    replace_first_password(driver, PASSWORD, "Wang-Fang-2026")
    assert api(server, "POST", "/api/session", {"username": "wang.fang", "password": PASSWORD})[0] == 401
    driver.find_element(By.ID, "username").send_keys("wang.fang")
    driver.find_element(By.ID, "password").send_keys("Wang-Fang-2026")
    follow(driver, driver.find_element(By.CSS_SELECTOR, "#signin-form button[type=submit]"))
    assert path(driver) == "/dashboard"
    # Later changes go through the header's link.
    follow(driver, driver.find_element(By.ID, "change-password"))
    driver.find_element(By.ID, "current_password").send_keys("Wang-Fang-2026")
    driver.find_element(By.ID, "password").send_keys("Wang-Fang-2027")
    driver.find_element(By.ID, "password_repeat").send_keys("Wang-Fang-2027")
    follow(driver, driver.find_element(By.ID, "change"))
    assert "密码已修改" in driver.find_element(By.ID, "password-changed").text
    sign_in(driver, server, "wang.fang", "Wang-Fang-2027")


def test_wrong_passwords_lock_a_user_until_an_administrator_unlocks_it(server, driver):
    create_analyst(server, "li.lei", "李雷")
    for attempt in range(5):
        submit_sign_in(driver, server, "li.lei", "Wrong-Guess-%d" % attempt)
    assert "账号已锁定" in driver.find_element(By.ID, "problem").text
    submit_sign_in(driver, server, "li.lei")
    assert path(driver) == "/signin" and "账号已锁定" in driver.find_element(By.ID, "problem").text
    # The administrator finds the user in the list, sees the lock and lifts it.
    sign_in(driver, server, "admin")
    driver.get(server + "/users")
    driver.find_element(By.ID, "q").send_keys("李雷")
    follow(driver, driver.find_element(By.CSS_SELECTOR, "#user-search button[type=submit]"))
    row = driver.find_element(By.ID, "user-li.lei")
    assert "登录已锁定至" in row.text
    follow(driver, row.find_element(By.LINK_TEXT, "li.lei"))
    follow(driver, driver.find_element(By.ID, "unlock"))
    assert "启用" in driver.find_element(By.ID, "user-state").text
    # The password the administrator chose signs in again, and is replaced first.
    submit_sign_in(driver, server, "li.lei")
    replace_first_password(driver, PASSWORD, "Li-Lei-2026")


def test_a_password_past_its_age_is_replaced_before_anything_else(server, driver):
    create_analyst(server, "zhao.min", "赵敏")
    sign_in(driver, server, "zhao.min")
    replace_first_password(driver, PASSWORD, "Zhao-Min-2026")
    sign_in(driver, server, "zhao.min", "Zhao-Min-2026")
    assert path(driver) == "/dashboard"
    # 91 days later (the server's own database file, written as another process would): the next
    # page leads to the change, which says why.
    db = sqlite3.connect(os.environ["YIBAO_DATABASE"], timeout=10)
    db.execute("UPDATE users SET password_changed_at = password_changed_at - 91 * 86400000 WHERE username = 'zhao.min'")
    db.commit()
    db.close()
    driver.get(server + "/dashboard")
    replace_first_password(driver, "Zhao-Min-2026", "Zhao-Min-2027", why="90 天以上")
    sign_in(driver, server, "zhao.min", "Zhao-Min-2027")
    assert path(driver) == "/dashboard"


def test_the_operator_unlocks_a_user_on_the_server(server):
    for attempt in range(5):
        status, body, _ = api(server, "POST", "/api/session", {"username": "auditor", "password": "Wrong-Guess-%d" % attempt})
    assert status == 401 and body["code"] == "USER_LOCKED", body
    unlock = subprocess.run([str(BINARY), "user", "unlock", "auditor"], capture_output=True, text=True, timeout=60)
    assert unlock.returncode == 0 and "已解锁" in unlock.stdout, unlock.stderr
    again = subprocess.run([str(BINARY), "user", "unlock", "auditor"], capture_output=True, text=True, timeout=60)
    assert again.returncode == 0 and "未被锁定" in again.stdout, again.stderr
    assert api(server, "POST", "/api/session", {"username": "auditor", "password": PASSWORD})[0] == 200


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
        ["Dashboard", "Insured persons", "Employers", "Payment statements", "Policies", "What-if calculator", "Audit trail",
         "Users"]
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


# --- records made through the API, then used through the console ---------------------------------

HIS_DAY = "2026-11-20"


def api(base, method, address, body=None, auth=None):
    """A JSON API call with a session cookie or a bearer token; returns (status, parsed body, headers)."""
    data = json.dumps(body).encode("utf-8") if body is not None else None
    request = urllib.request.Request(base + address, data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    if auth:
        request.add_header(*(("Authorization", "Bearer " + auth) if auth.startswith("ybt_") else ("Cookie", auth)))
    try:
        with urllib.request.urlopen(request) as reply:
            status, text, headers = reply.status, reply.read().decode("utf-8"), reply.headers
    except urllib.error.HTTPError as error:
        status, text, headers = error.code, error.read().decode("utf-8"), error.headers
    try:
        return status, json.loads(text), headers
    except ValueError:
        return status, text, headers


def api_session(base, username):
    status, body, headers = api(base, "POST", "/api/session", {"username": username, "password": PASSWORD})
    assert status == 200, body
    return headers["Set-Cookie"].split(";")[0]


def credit_code(body17):
    """GB 32100: the mod-31 check character over the alphabet without I O S V Z."""
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    total = sum(alphabet.index(c) * w for c, w in zip(body17, weights))
    return body17 + alphabet[(31 - total % 31) % 31]


@pytest.fixture(scope="session")
def records(server):
    """Two outpatient settlements at the demo hospital on 2026-11-20 (张伟 and 李娜, each 71.00: the
    account pays 46.00, cash 25.00), an insured user for 张伟 and an employer with no roster yet."""
    admin = api_session(server, "admin")
    status, issued, _ = api(server, "POST", "/api/users/his/tokens", {"name": "browser"}, admin)
    assert status == 201, issued
    token = issued["token"]

    def his(infno, payload, time_of_day="09:30:00"):
        envelope = {"infno": infno, "msgid": f"browser-{infno}-{time.time_ns()}", "mdtrtarea_admvs": "350200",
                    "insuplc_admdvs": "350200", "fixmedins_code": "H35020000001", "opter": "001", "opter_name": "收费员",
                    "inf_time": f"{HIS_DAY} {time_of_day}", "input": payload}
        status, reply, _ = api(server, "POST", "/his", envelope, token)
        assert status == 200 and reply["infcode"] == 0, reply
        return reply["output"]

    def person(name):
        status, page, _ = api(server, "GET", "/persons?q=" + urllib.parse.quote(name), None, admin)
        return re.search(r'href="/persons/(\d+)"', page).group(1)

    def settle(name):
        psn = person(name)
        mdtrt = his("2201", {"data": {"psn_no": psn, "insutype": "310", "begntime": f"{HIS_DAY} 09:00:00", "ipt_otp_no": "M001"}})["data"]["mdtrt_id"]
        lines = [("F1", "110200001", "10.00", "1", "10.00"), ("F2", "XA10BAA001A001010100001", "18.00", "2", "36.00"),
                 ("F3", "XA11CCA001A001010100013", "25.00", "1", "25.00")]
        his("2204", {"feedetail": [{"feedetl_sn": sn, "mdtrt_id": mdtrt, "psn_no": psn, "med_list_codg": code,
                                    "medins_list_codg": "HIS-" + code, "det_item_fee_sumamt": float(total), "cnt": float(count),
                                    "pric": float(price), "fee_ocur_time": f"{HIS_DAY} 09:10:00"}
                                   for sn, code, price, count, total in lines]})
        output = his("2207", {"data": {"psn_no": psn, "mdtrt_id": mdtrt, "medfee_sumamt": 71.00, "insutype": "310"}})
        return psn, output["setlinfo"]["setl_id"]

    zhang, zhang_setl = settle("张伟")
    li, li_setl = settle("李娜")
    status, body, _ = api(server, "POST", "/api/users", {"username": "zhangwei", "role": "insured_person", "admdvs": "350200",
                                                          "psn_no": int(zhang), "password": PASSWORD}, admin)
    assert status == 201, body
    # Zhang Wei's first sign-in replaces the password the agency gave him (the unit user's test does it in the browser).
    status, body, _ = api(server, "POST", "/api/me/password", {"current_password": PASSWORD, "password": PASSWORD + "-zw"},
                          api_session(server, "zhangwei"))
    assert status == 204, body
    code = credit_code("91350200MA1RTE003")
    status, employer, _ = api(server, "POST", "/api/employers", {"admdvs": "350200", "credit_code": code, "name": "厦门演示科技有限公司",
                                                                 "kind": "enterprise", "contact": "王会计"}, admin)
    assert status == 201, employer
    return {"zhang": zhang, "zhang_setl": zhang_setl, "li": li, "li_setl": li_setl, "employer": employer["id"]}


def test_search_a_person_and_open_a_settlement_explanation(server, driver, records):
    sign_in(driver, server, "review")
    follow(driver, driver.find_element(By.LINK_TEXT, "参保人员"))
    driver.find_element(By.ID, "q").send_keys("张伟")
    follow(driver, driver.find_element(By.CSS_SELECTOR, "#person-search button"))
    row = driver.find_element(By.CSS_SELECTOR, "#person-results tbody tr").text
    # The claims reviewer sees identity numbers masked.
    assert "张伟" in row and re.search(r"350200\*{8}\d{3}[\dX]", row)
    shot(driver, "persons")
    follow(driver, driver.find_element(By.LINK_TEXT, records["zhang"]))
    assert driver.find_element(By.ID, "person-name").text == "张伟"
    assert "正常享受医保待遇" in driver.find_element(By.ID, "coverage").text
    assert driver.find_element(By.ID, "h-settlements")
    shot(driver, "person")
    follow(driver, driver.find_element(By.LINK_TEXT, records["zhang_setl"]))
    # 71.00 = 25.00 class C + 6.00 above the ceiling + 40.00 in scope; the account pays 46.00.
    assert amount(driver, "medfee_sumamt") == "71.00"
    assert amount(driver, "acct_pay") == "46.00"
    assert amount(driver, "psn_cash_pay") == "25.00"
    assert driver.find_element(By.CSS_SELECTOR, "#f-acct_pay th").text == "个人账户支出"
    assert driver.find_element(By.CSS_SELECTOR, "#f-acct_pay td.muted").text == "personal account pays"
    assert driver.find_element(By.CSS_SELECTOR, "#f-acct_pay td.num").value_of_css_property("text-align") == "right"
    steps = [li.text for li in driver.find_elements(By.CSS_SELECTOR, "#explanation li")]
    assert steps and any("46.00" in step for step in steps)
    assert not driver.find_elements(By.ID, "cancel-form")
    shot(driver, "settlement")


def test_import_a_roster_with_one_bad_line(server, driver, records):
    sign_in(driver, server, "enrol")
    follow(driver, driver.find_element(By.LINK_TEXT, "参保单位"))
    follow(driver, driver.find_element(By.LINK_TEXT, "厦门演示科技有限公司"))
    month = driver.find_element(By.ID, "month")
    month.clear()
    month.send_keys("2025-01")
    follow(driver, driver.find_element(By.CSS_SELECTOR, "#employer-month button"))
    # The clerk may see identity numbers in full: take two from the person pages' search.
    numbers = []
    for name in ("张伟", "李娜"):
        _, page, _ = api(server, "GET", "/persons/" + records["zhang" if name == "张伟" else "li"], None,
                         "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies()))
        numbers.append(re.search(r'<code id="person-certno">([0-9X]{18})</code>', page).group(1))
    broken = numbers[0][:17] + ("1" if numbers[0][17] == "0" else "0")
    csv = f"kind,certno,month\n增员,{numbers[0]},2025-01\n增员,{numbers[1]},2025-01\n增员,{broken},2025-01\n"
    # The clerk chooses the file (saved by a spreadsheet: UTF-8 with a byte-order mark, CRLF line ends).
    upload = Path(tempfile.mkdtemp(prefix="yibao-roster-")) / "roster.csv"
    upload.write_bytes(("\ufeff" + csv.replace("\n", "\r\n")).encode("utf-8"))
    driver.find_element(By.ID, "csv_file").send_keys(str(upload))
    follow(driver, driver.find_element(By.ID, "import"))
    WebDriverWait(driver, 20).until(lambda d: d.find_elements(By.ID, "job-summary"))
    assert "发现 1 处问题，未导入任何记录" in driver.find_element(By.ID, "job-summary").text
    errors = driver.find_elements(By.CSS_SELECTOR, "#job-errors tbody tr")
    assert len(errors) == 1 and errors[0].text.startswith("4 certno")
    shot(driver, "roster-import-report")
    follow(driver, driver.find_element(By.ID, "retry"))
    WebDriverWait(driver, 20).until(lambda d: d.find_elements(By.ID, "job-summary"))
    assert "已导入 2 条增减员记录" in driver.find_element(By.ID, "job-summary").text
    shot(driver, "roster-import-done")
    follow(driver, driver.find_element(By.ID, "job-back"))
    month = driver.find_element(By.ID, "month")
    month.clear()
    month.send_keys("2025-01")
    follow(driver, driver.find_element(By.CSS_SELECTOR, "#employer-month button"))
    assert len(driver.find_elements(By.CSS_SELECTOR, "#roster tbody tr")) == 2
    assert numbers[0] in driver.find_element(By.ID, "roster").text
    shot(driver, "employer")


def test_import_a_gbk_bank_statement_file(server, driver, records):
    """The collection clerk chooses a statement file as a Chinese bank exports it (GBK, Tests/fixtures):
    it is read as GB18030, its two lines imported, and the job stays on the clerk's jobs page."""
    sign_in(driver, server, "collect")
    follow(driver, driver.find_element(By.LINK_TEXT, "到账导入"))
    driver.find_element(By.ID, "statement").send_keys("ICBC-2026-11")
    driver.find_element(By.ID, "csv_file").send_keys(str(ROOT / "Tests" / "fixtures" / "statement-gbk.csv"))
    shot(driver, "payment-import")
    follow(driver, driver.find_element(By.ID, "import"))
    WebDriverWait(driver, 20).until(lambda d: d.find_elements(By.ID, "job-summary"))
    assert "已导入 2 行" in driver.find_element(By.ID, "job-summary").text
    facts = driver.find_element(By.ID, "job-facts").text
    assert "文件编码" in facts and "GB18030" in facts
    assert driver.find_element(By.ID, "job-state").text == "已完成"
    shot(driver, "payment-import-done")
    follow(driver, driver.find_element(By.ID, "jobs-link"))
    rows = driver.find_elements(By.CSS_SELECTOR, "#job-list tbody tr")
    assert rows and "导入到账文件 ICBC-2026-11" in rows[0].text and "collect" in rows[0].text
    shot(driver, "jobs")


def test_self_service_as_an_insured_person(server, driver, records):
    sign_in(driver, server, "zhangwei", PASSWORD + "-zw")
    assert path(driver) == "/me"
    assert menu(driver) == ["me", "policies", "calculator"]
    assert driver.find_element(By.ID, "person-name").text == "张伟"
    assert driver.find_element(By.ID, "balance-total").text == "2,954.00"
    assert "李娜" not in driver.find_element(By.TAG_NAME, "main").text
    shot(driver, "self-service")
    follow(driver, driver.find_element(By.LINK_TEXT, records["zhang_setl"]))
    assert amount(driver, "acct_pay") == "46.00"
    # Nothing of anyone else: another person's settlement and page are refused with 403.
    driver.get(server + "/settlements/" + records["li_setl"])
    assert driver.find_element(By.TAG_NAME, "h1").text == "无权访问"
    assert "李娜" not in driver.page_source
    assert status(driver, server, "/settlements/" + records["li_setl"])[0] == 403
    assert status(driver, server, "/persons/" + records["li"])[0] == 403


def test_an_employer_user_works_on_its_own_employer_only(server, driver, records):
    admin = api_session(server, "admin")
    code = credit_code("91350200MA1RTE005")
    created, own, _ = api(server, "POST", "/api/employers", {"admdvs": "350200", "credit_code": code, "name": "厦门单位网厅演示有限公司",
                                                              "kind": "enterprise", "contact": "李出纳"}, admin)
    assert created == 201, own
    created, body, _ = api(server, "POST", "/api/users", {"username": "unit", "role": "employer_user", "admdvs": "350200",
                                                           "employer_id": own["id"], "password": PASSWORD}, admin)
    assert created == 201, body
    submit_sign_in(driver, server, "unit")
    replace_first_password(driver, PASSWORD, PASSWORD + "-own")
    sign_in(driver, server, "unit", PASSWORD + "-own")
    assert path(driver) == f"/employers/350200/{own['id']}"
    assert menu(driver) == ["company", "policies", "calculator"]
    assert driver.find_element(By.CSS_SELECTOR, "#employer-facts dd").text == "厦门单位网厅演示有限公司"
    assert driver.find_elements(By.ID, "roster-import") and driver.find_elements(By.ID, "statement-csv")
    shot(driver, "employer-user")
    # Another employer's page says why it is refused, and shows nothing of it.
    driver.get(server + f"/employers/350200/{records['employer']}")
    assert driver.find_element(By.TAG_NAME, "h1").text == "无权访问"
    assert "只能办理本单位" in driver.find_element(By.ID, "problem").text
    assert "厦门演示科技有限公司" not in driver.page_source
    for address in ("/employers", "/persons", "/payments", "/dashboard", f"/employers/350200/{records['employer']}/statement.csv?from=2025-01&through=2025-12"):
        assert status(driver, server, address)[0] == 403, address
    assert status(driver, server, f"/employers/350200/{own['id']}/statement.csv?from=2025-01&through=2025-12")[0] == 200


def test_institution_portal_settlements_by_day_and_cancel(server, driver, records):
    sign_in(driver, server, "hospital")
    follow(driver, driver.find_element(By.LINK_TEXT, "本机构结算"))
    for field, value in (("from", "2026-11-01"), ("through", "2026-11-30")):
        element = driver.find_element(By.ID, field)
        element.clear()
        element.send_keys(value)
    follow(driver, driver.find_element(By.CSS_SELECTOR, "#settlement-days button"))
    # Two settlements on 2026-11-20: 142.00 in total, 92.00 from accounts, 50.00 in cash.
    assert driver.find_element(By.ID, "days-total").text.split() == ["合计", "2", "0", "142.00", "0.00", "92.00", "50.00"]
    follow(driver, driver.find_element(By.LINK_TEXT, HIS_DAY))
    assert len(driver.find_elements(By.CSS_SELECTOR, "#settlement-list tbody tr")) == 2
    shot(driver, "institution-settlements")
    follow(driver, driver.find_element(By.LINK_TEXT, records["li_setl"]))
    follow(driver, driver.find_element(By.ID, "cancel"))
    assert "已撤销" in driver.find_element(By.ID, "notice").text
    assert driver.find_element(By.ID, "settlement-status").text.startswith("已撤销")
    assert not driver.find_elements(By.ID, "cancel-form")
