"""The agent desktop and the wallboard through one real call: an agent logs in and goes
ready on the desktop while a supervisor watches the wallboard; a SIPp caller waits in the
queue (the board shows it), is offered to the agent's SIPp phone, the screen pop and the
CRM page show the masked caller, the agent holds, resumes and hangs up from the call bar,
writes a call note, the call record shows it, and the caller's next call lists it."""

import time

from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select

from conftest import screenshot, wait
from pages import click, log_in, until_not_stale, wait_for_text

CALLER = "13800000001"
MASKED = "138****0001"


def badge_kind(driver, selector: str) -> str:
    """The state kind a badge shows ("" while it is missing or being re-rendered)."""
    try:
        found = driver.find_elements(By.CSS_SELECTOR, selector)
        return found[0].get_attribute("data-kind") if found else ""
    except StaleElementReferenceException:
        return ""


def wait_for_kind(driver, selector: str, kinds: set[str], timeout: float = 30):
    try:
        wait(driver, timeout).until(lambda d: badge_kind(d, selector) in kinds)
    except Exception as error:
        raise AssertionError(f"{selector} never reached {kinds}; it shows {badge_kind(driver, selector)!r}") from error


def route_exists(kefu, method: str, path: str) -> bool:
    status, document, _ = kefu.api("GET", "/api/v1/openapi.json")
    return status == 200 and method.lower() in document.get("paths", {}).get(path, {})


def test_an_agent_takes_a_call_from_the_desktop_while_the_supervisor_watches(kefu, browser_factory, phones):
    phones.agent("1001", "demo1001")
    hangup_route = route_exists(kefu, "post", "/api/v1/calls/{id}/hangup")
    hold_route = route_exists(kefu, "post", "/api/v1/calls/{id}/hold")

    board = browser_factory()
    log_in(board, kefu.url, "/wallboard/", "supervisor", "demo-supervisor")
    wait(board).until(lambda d: d.find_elements(By.CSS_SELECTOR, '#agents tr[data-agent="1001"]'))

    # The tenant's CRM page, opened with the caller's data (here the demo CRM page kefu ships).
    admin = kefu.login("admin", "demo-admin")
    status, body, _ = kefu.api("PUT", "/api/v1/config/desk-settings",
                               {"crm_url_template": "/demo-crm/?phone={caller}&call={call_id}&queue={queue}"}, cookie=admin)
    assert status == 200, body

    desk = browser_factory()
    log_in(desk, kefu.url, "/", "agent1001", "demo-agent")
    wait_for_text(desk, "#who", "1001")
    click(desk, '[data-presence="sign_in"]')
    wait_for_kind(desk, "#state", {"ready"})
    # The supervisor sees the change without reloading.
    wait_for_kind(board, '#agents tr[data-agent="1001"] .badge', {"ready"})

    # Not ready with a reason from the tenant's list, so the next call waits in the queue.
    Select(desk.find_element(By.CSS_SELECTOR, "#reason")).select_by_value("meeting")
    click(desk, '[data-presence="not_ready"]')
    wait_for_kind(desk, "#state", {"not_ready"})
    wait_for_kind(board, '#agents tr[data-agent="1001"] .badge', {"not_ready"})

    # With kefu's BYE route merged the call bar ends the call; before that, the caller does.
    caller = phones.caller(CALLER, hangs_up_after=None if hangup_route else 20)
    wait_for_text(board, '#queues tr[data-queue="service"] .waiting', "1", timeout=40)
    wait(board).until(lambda d: d.find_elements(By.CSS_SELECTOR, '#calls td.phase[data-phase="queued"]'))
    assert CALLER in board.find_element(By.CSS_SELECTOR, "#calls").text, "the supervisor sees the number in full"
    screenshot(board, "wallboard-waiting-call")

    click(desk, '[data-presence="ready"]')
    wait_for_text(desk, "#pop-caller", MASKED, timeout=40)
    assert CALLER not in desk.find_element(By.CSS_SELECTOR, "#screenpop").text, "the agent never sees the full number"
    wait_for_text(desk, "#pop-queue", "service")
    crm = desk.find_element(By.CSS_SELECTOR, "#crm")
    assert crm.is_displayed() and f"phone={MASKED}&call=" in crm.get_attribute("src"), crm.get_attribute("src")
    desk.switch_to.frame(crm)
    wait_for_text(desk, "#crm-phone", MASKED)
    wait_for_text(desk, "#crm-queue", "service")
    desk.switch_to.default_content()
    wait(desk, 30).until(lambda d: d.find_element(By.CSS_SELECTOR, "#call-phase").get_attribute("data-phase") == "answered")
    wait_for_kind(desk, "#state", {"busy"})
    wait_for_kind(board, '#agents tr[data-agent="1001"] .badge', {"busy"})
    screenshot(desk, "desk-screen-pop")
    screenshot(board, "wallboard-agent-busy")

    if hold_route:
        click(desk, '[data-call="hold"]')
        wait(desk).until(lambda d: d.find_element(By.CSS_SELECTOR, "#call-phase").get_attribute("data-phase") == "held")
        assert desk.find_element(By.CSS_SELECTOR, "#callbar-error").text == ""
        screenshot(desk, "desk-on-hold")
        wait(board).until(lambda d: d.find_elements(By.CSS_SELECTOR, '#calls td.phase[data-phase="held"]'))
        click(desk, '[data-call="resume"]')
        wait(desk).until(lambda d: d.find_element(By.CSS_SELECTOR, "#call-phase").get_attribute("data-phase") == "answered")
    else:
        # The route is not merged yet: the call bar shows the API's JSON error.
        click(desk, '[data-call="hold"]')
        wait_for_text(desk, "#callbar-error", "404")

    click(desk, '[data-call="hangup"]')
    if not hangup_route:
        wait_for_text(desk, "#callbar-error", "not_found")
    wait(desk, 40).until(lambda d: not d.find_element(By.CSS_SELECTOR, "#note-save").get_property("disabled"))
    wait(desk).until(lambda d: d.find_element(By.CSS_SELECTOR, "#call-phase").get_attribute("data-phase") == "")

    Select(desk.find_element(By.CSS_SELECTOR, "#note-disposition")).select_by_value("consult")
    desk.find_element(By.CSS_SELECTOR, "#note-text").send_keys("客户咨询套餐资费，已解答")
    # The record is written when the call ends; saving retries until it exists.
    deadline = time.monotonic() + 20
    while True:
        click(desk, "#note-save")
        wait(desk).until(lambda d: d.find_element(By.CSS_SELECTOR, "#note-status").text.strip() != "")
        if "error" not in (desk.find_element(By.CSS_SELECTOR, "#note-status").get_attribute("class") or ""):
            break
        assert time.monotonic() < deadline, desk.find_element(By.CSS_SELECTOR, "#note-status").text
        time.sleep(1)

    click(desk, '[data-tab="my-calls"]')
    wait_for_text(desk, "#my-calls", "客户咨询套餐资费")
    assert MASKED in desk.find_element(By.CSS_SELECTOR, "#my-calls").text
    screenshot(desk, "desk-call-note")

    # The call record carries the note for everyone who may read it.
    cookie = kefu.login("supervisor", "demo-supervisor")
    status, page, _ = kefu.api("GET", "/api/v1/cdrs?limit=5", cookie=cookie)
    assert status == 200
    record = next(item for item in page["items"] if item["caller"] == CALLER)
    status, note, _ = kefu.api("GET", f"/api/v1/cdrs/{record['id']}/note", cookie=cookie)
    assert status == 200 and note["note"]["disposition"] == "consult"
    assert note["note"]["text"] == "客户咨询套餐资费，已解答" and note["note"]["author"] == "agent1001"

    # After wrap-up the board shows the agent ready again and the queue's answered count.
    wait_for_kind(board, '#agents tr[data-agent="1001"] .badge', {"ready"}, timeout=30)
    wait_for_text(board, '#queues tr[data-queue="service"] .answered', "1")
    screenshot(board, "wallboard-after-call")
    caller.finish(timeout=30)

    # The same customer calls again: the screen pop lists the first call with its note.
    again = phones.caller(CALLER, hangs_up_after=None if hangup_route else 6)
    wait_for_text(desk, "#pop-recent", "客户咨询套餐资费", timeout=40)
    wait_for_text(desk, "#pop-caller", MASKED)
    screenshot(desk, "desk-screen-pop-recent-calls")
    if hangup_route:
        wait(desk, 30).until(lambda d: d.find_element(By.CSS_SELECTOR, "#call-phase").get_attribute("data-phase") == "answered")
        click(desk, '[data-call="hangup"]')
    assert again.finish(timeout=40) == 0, again.party.log_tail()


def test_the_supervisor_forces_an_agent_not_ready_from_the_board(kefu, browser):
    cookie = kefu.login("supervisor", "demo-supervisor")
    agents = kefu.api("GET", "/api/v1/agents", cookie=cookie)[1]["items"]
    agent = next(item for item in agents if item["work_number"] == "1001")
    if agent["state"]["kind"] == "signed_out":
        assert kefu.api("POST", f"/api/v1/agents/{agent['id']}/state", {"action": "sign_in"}, cookie=cookie)[0] == 200
    log_in(browser, kefu.url, "/wallboard/", "supervisor", "demo-supervisor")
    row = '#agents tr[data-agent="1001"]'
    wait_for_kind(browser, f"{row} .badge", {"ready", "not_ready"})

    def choose():
        choice = browser.find_element(By.CSS_SELECTOR, f"{row} select")
        Select(choice).select_by_value("not_ready:training")
        return choice

    # The board rebuilds rows as events arrive: choose again if the row was replaced meanwhile.
    choice = until_not_stale(choose)
    # Re-grouping the board rebuilds every row, as any event does: the rebuilt row keeps the
    # supervisor's choice until it is applied (it used to fall back to "ready").
    Select(browser.find_element(By.ID, "group-by")).select_by_value("team")
    wait(browser).until(EC.staleness_of(choice))
    assert browser.execute_script("return document.querySelector(arguments[0]).value", f"{row} select") == "not_ready:training"
    # Rows keep being rebuilt as events arrive: press again if the button was replaced.
    until_not_stale(lambda: browser.find_element(By.CSS_SELECTOR, f"{row} button.force").click())
    wait_for_kind(browser, f"{row} .badge", {"not_ready"})
    wait_for_text(browser, f"{row} .badge", "培训")
    assert browser.find_element(By.CSS_SELECTOR, "#board-error").text == ""
    state = kefu.api("GET", "/api/v1/agents", cookie=cookie)[1]["items"]
    assert next(item for item in state if item["work_number"] == "1001")["state"] == {"kind": "not_ready", "reason": "training"}
    screenshot(browser, "wallboard-forced-not-ready")


def test_the_wallboard_refuses_agents_and_switches_language(kefu, browser):
    browser.get(kefu.url + "/wallboard/")
    form = wait(browser).until(lambda d: d.find_element(By.CSS_SELECTOR, "form.login"))
    form.find_element(By.NAME, "username").send_keys("agent1001")
    form.find_element(By.NAME, "password").send_keys("demo-agent")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait_for_text(browser, "#login-error", "403")
    assert browser.find_element(By.CSS_SELECTOR, "#board").get_attribute("hidden") is not None

    browser.delete_all_cookies()
    log_in(browser, kefu.url, "/wallboard/", "supervisor", "demo-supervisor")
    wait_for_text(browser, "header h1", "班长监控")
    click(browser, "#lang")
    wait_for_text(browser, "header h1", "Wallboard")
    wait_for_text(browser, "#queues", "service")
    screenshot(browser, "wallboard-english")
    click(browser, "#lang")
    wait_for_text(browser, "header h1", "班长监控")


def test_click_to_dial_shows_why_the_tenant_cannot_place_the_call(kefu, browser):
    """The demo's only number is inbound-only, so the caller-ID picker is empty and the API
    refuses the call; the call bar shows its JSON error instead of failing silently."""
    log_in(browser, kefu.url, "/", "agent1001", "demo-agent")
    wait_for_text(browser, "#who", "1001")
    if badge_kind(browser, "#state") == "signed_out":
        click(browser, '[data-presence="sign_in"]')
    wait_for_kind(browser, "#state", {"ready", "not_ready"})
    assert browser.find_elements(By.CSS_SELECTOR, "#dial-caller-id option") == []
    browser.find_element(By.CSS_SELECTOR, "#dial-number").send_keys("13900000000")
    click(browser, "#dial")
    wait_for_text(browser, "#callbar-error", "422")
    screenshot(browser, "desk-dial-refused")
