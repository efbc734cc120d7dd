"""The admin console for a platform operator and for a tenant admin's recordings.

A platform operator logs in without a tenant, sees the tenants with their quotas, raises a
quota in place, adds a trunk and creates a platform user who can then log in. A tenant
admin finds the recording of a real call (a SIPp caller answered by agent 1001's SIPp
phone), plays it in the page, and the playback is in the tenant's audit log."""

import time

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import screenshot, wait
from pages import click, log_in, wait_for_text

OPERATOR = ("operator", "demo-operator")


def tenant_row(kefu, cookie: str, code: str) -> dict:
    status, body, _ = kefu.api("GET", "/api/v1/platform/tenants", cookie=cookie)
    assert status == 200, body
    return next(item for item in body["items"] if item["code"] == code)


def set_value(driver, element, value: str):
    element.clear()
    element.send_keys(value)


def test_a_platform_operator_changes_a_quota_adds_a_trunk_and_creates_a_platform_user(kefu, browser):
    operator = kefu.login(*OPERATOR, tenant="")
    demo = tenant_row(kefu, operator, "demo")
    seats = demo["quotas"]["seats"]
    trunk_id = None
    try:
        log_in(browser, kefu.url, "/admin/", *OPERATOR, tenant="")
        wait_for_text(browser, "#nav", "租户")
        row = f'#page table tr[data-id="{demo["id"]}"]'
        wait_for_text(browser, row, "demo")
        assert browser.find_element(By.CSS_SELECTOR, f"{row} .quota-seats").get_attribute("value") == str(seats)
        screenshot(browser, "platform-tenants")

        # A quota raised in place: the list and the API show it.
        set_value(browser, browser.find_element(By.CSS_SELECTOR, f"{row} .quota-seats"), str(seats + 5))
        click(browser, f"{row} .save-quotas")
        wait(browser).until(lambda d: tenant_row(kefu, operator, "demo")["quotas"]["seats"] == seats + 5)
        wait(browser).until(lambda d: d.find_element(By.CSS_SELECTOR, f"{row} .quota-seats").get_attribute("value") == str(seats + 5))
        screenshot(browser, "platform-quota-changed")

        # A trunk through the generic form.
        click(browser, "#nav button[data-page=trunks]")
        form = wait(browser).until(lambda d: d.find_element(By.CSS_SELECTOR, "#resource-form"))
        set_value(browser, form.find_element(By.NAME, "name"), "browser-carrier")
        set_value(browser, form.find_element(By.NAME, "addresses"), "127.0.0.1:5999")
        form.find_element(By.NAME, "outbound").click()  # inbound only: no call of the other tests leaves through it
        click(browser, "#resource-form button[type=submit]")
        wait_for_text(browser, "#page table", "browser-carrier")
        status, trunks, _ = kefu.api("GET", "/api/v1/platform/trunks", cookie=operator)
        trunk = next(item for item in trunks["items"] if item["name"] == "browser-carrier")
        trunk_id = trunk["id"]
        assert trunk["addresses"] == ["127.0.0.1:5999"] or "127.0.0.1" in str(trunk["addresses"]), trunk
        screenshot(browser, "platform-trunk-added")

        # A platform user: a bad password is refused at its field, then the user is created.
        click(browser, "#nav button[data-page=platformUsers]")
        form = wait(browser).until(lambda d: d.find_element(By.CSS_SELECTOR, "#platform-user-form"))
        set_value(browser, form.find_element(By.NAME, "username"), "reviewer-b")
        set_value(browser, form.find_element(By.NAME, "display_name"), "审核员 B")
        Select(form.find_element(By.NAME, "role")).select_by_value("platform_reviewer")
        set_value(browser, form.find_element(By.NAME, "password"), "short")
        click(browser, "#platform-user-form button[type=submit]")
        wait_for_text(browser, "#platform-user-error", "password")
        assert "invalid" in form.find_element(By.NAME, "password").get_attribute("class")
        set_value(browser, form.find_element(By.NAME, "password"), "reviewer-b-pass")
        click(browser, "#platform-user-form button[type=submit]")
        wait_for_text(browser, "#platform-user-error", "已创建")
        wait_for_text(browser, '#platform-users tr[data-username="reviewer-b"] .roles', "内容审核员")
        screenshot(browser, "platform-user-created")
        status, me, _ = kefu.api("POST", "/api/v1/login", {"username": "reviewer-b", "password": "reviewer-b-pass"})
        assert status == 200, me

        # Disabled from the list: the user can no longer log in.
        click(browser, '#platform-users tr[data-username="reviewer-b"] button.disable')
        wait(browser).until(lambda d: d.find_element(By.CSS_SELECTOR, '#platform-users tr[data-username="reviewer-b"]')
                            .get_attribute("data-status") == "disabled")
        assert kefu.api("POST", "/api/v1/login", {"username": "reviewer-b", "password": "reviewer-b-pass"})[0] == 401

        click(browser, "#nav button[data-page=audit]")
        wait_for_text(browser, "#audit-log", "platform_user.create")
        assert "tenant.quotas" in browser.find_element(By.CSS_SELECTOR, "#audit-log").text
        screenshot(browser, "platform-audit-log")
    finally:
        kefu.api("PUT", f"/api/v1/platform/tenants/{demo['id']}/quotas",
                 {"seats": seats, "ivr_ports": demo["quotas"]["ivr_ports"]}, cookie=operator)
        if trunk_id:
            kefu.api("DELETE", f"/api/v1/platform/trunks/{trunk_id}", cookie=operator)


def record_a_call(kefu, phones, caller: str) -> dict:
    """A real call answered by agent 1001's SIPp phone; returns its call record once written."""
    supervisor = kefu.login("supervisor", "demo-supervisor")
    agents = kefu.api("GET", "/api/v1/agents", cookie=supervisor)[1]["items"]
    agent = next(item for item in agents if item["work_number"] == "1001")
    phones.agent("1001", "demo1001")
    action = {"action": "sign_in"} if agent["state"]["kind"] == "signed_out" else {"action": "ready"}
    status, body, _ = kefu.api("POST", f"/api/v1/agents/{agent['id']}/state", action, cookie=supervisor)
    assert status == 200, body
    call = phones.caller(caller, hangs_up_after=6)
    assert call.finish(timeout=60) == 0, call.party.log_tail()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        status, page, _ = kefu.api("GET", f"/api/v1/cdrs?number={caller}", cookie=supervisor)
        records = [item for item in page["items"] if item.get("recording_id")]
        if records:
            return records[0]
        time.sleep(0.5)
    raise AssertionError(f"no recorded call record for {caller}: {page}")


def test_a_tenant_admin_finds_and_plays_a_recording_and_the_playback_is_audited(kefu, browser, phones):
    caller = "13600000042"
    record = record_a_call(kefu, phones, caller)
    try:
        log_in(browser, kefu.url, "/admin/", "admin", "demo-admin")
        click(browser, "#nav button[data-page=recordings]")
        number = wait(browser).until(lambda d: d.find_element(By.CSS_SELECTOR, "#page input[name=number]"))
        number.send_keys(caller)
        click(browser, "#page form button[type=submit]")
        wait(browser).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#recordings tr")) == 1
                            and caller in d.find_element(By.CSS_SELECTOR, "#recordings").text)
        click(browser, "#recordings tr button")
        wait(browser, 30).until(lambda d: d.execute_script(
            "const p = document.querySelector('#player'); return p.src.includes(arguments[0]) && p.readyState >= 1 && !p.error;",
            record["recording_id"]))
        duration = browser.execute_script("return document.querySelector('#player').duration")
        assert duration and duration > 0.5, f"the recording plays: duration {duration}"
        screenshot(browser, "admin-recording-playing")

        click(browser, "#nav button[data-page=audit]")
        action = wait(browser).until(lambda d: d.find_element(By.CSS_SELECTOR, "#audit-form input[name=action]"))
        action.send_keys("recording.play")
        click(browser, "#audit-form button[type=submit]")
        played = f'#audit-log tr[data-action="recording.play"][data-object="{record["recording_id"]}"]'
        wait_for_text(browser, played, "admin")
        screenshot(browser, "admin-audit-recording-played")
    finally:
        supervisor = kefu.login("supervisor", "demo-supervisor")
        agents = kefu.api("GET", "/api/v1/agents", cookie=supervisor)[1]["items"]
        agent = next(item for item in agents if item["work_number"] == "1001")
        kefu.api("POST", f"/api/v1/agents/{agent['id']}/state", {"action": "sign_out"}, cookie=supervisor)


def test_an_admin_edits_service_hours_and_the_calendar_with_errors_at_the_row(kefu, browser):
    log_in(browser, kefu.url, "/admin/", "admin", "demo-admin")
    click(browser, "#nav button[data-page=hours]")
    wait(browser).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#hours-queue option"))
    click(browser, "#queue-hours .add-row")
    click(browser, "#queue-hours .add-row")
    rows = browser.find_elements(By.CSS_SELECTOR, "#hours-rows tbody tr")
    set_value(browser, rows[-1].find_element(By.NAME, "days"), "fri,sat")
    set_value(browser, rows[-1].find_element(By.NAME, "start"), "17:00")
    set_value(browser, rows[-1].find_element(By.NAME, "end"), "25:00")
    click(browser, "#hours-save")
    wait_for_text(browser, "#hours-status", "business_hours")
    assert "invalid" in rows[-1].find_element(By.NAME, "end").get_attribute("class")
    set_value(browser, rows[-1].find_element(By.NAME, "end"), "20:00")
    click(browser, "#hours-save")
    wait_for_text(browser, "#hours-status", "overlaps")
    screenshot(browser, "admin-hours-overlap")
    set_value(browser, rows[-1].find_element(By.NAME, "days"), "sat")
    click(browser, "#hours-save")
    wait_for_text(browser, "#hours-status", "已保存")

    admin = kefu.login("admin", "demo-admin")
    queue = browser.find_element(By.CSS_SELECTOR, "#hours-queue").get_attribute("value")
    status, hours, _ = kefu.api("GET", f"/api/v1/config/queues/{queue}/hours", cookie=admin)
    assert status == 200 and [w["days"] for w in hours["business_hours"]][-1] == ["sat"], hours
    kefu.api("PUT", f"/api/v1/config/queues/{queue}/hours", {"business_hours": []}, cookie=admin)

    wait(browser).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#calendar-rows tbody tr"))
    count = len(browser.find_elements(By.CSS_SELECTOR, "#calendar-rows tbody tr"))
    click(browser, "#calendar .add-row")
    row = browser.find_elements(By.CSS_SELECTOR, "#calendar-rows tbody tr")[-1]
    browser.execute_script("arguments[0].value = '2026-12-31'", row.find_element(By.NAME, "date"))
    Select(row.find_element(By.NAME, "kind")).select_by_value("workday")
    row.find_element(By.NAME, "name").send_keys("调休")
    click(browser, "#calendar-save")
    wait_for_text(browser, "#calendar-status", "weekday")
    assert "invalid" in row.find_element(By.NAME, "date").get_attribute("class")
    Select(row.find_element(By.NAME, "kind")).select_by_value("holiday")
    click(browser, "#calendar-save")
    wait_for_text(browser, "#calendar-status", "已保存")
    assert len(browser.find_elements(By.CSS_SELECTOR, "#calendar-rows tbody tr")) == count + 1
    screenshot(browser, "admin-calendar")
    status, calendar, _ = kefu.api("GET", "/api/v1/config/calendar", cookie=admin)
    assert {"date": "2026-12-31", "kind": "holiday", "name": "调休"} in calendar["calendar"]
