"""The admin console (管理): a tenant admin breaks the call flow in the JSON editor, sees the
validation error at the node it is about, cannot publish it, fixes it, publishes it, and the
next SIPp call follows the new flow (it waits in the complaints queue, not the service queue)."""

import copy
import json
import time

from selenium.webdriver.common.by import By

from conftest import QUEUE_FLOW, screenshot, wait
from pages import click, log_in, wait_for_text


def set_editor(driver, document: dict):
    driver.execute_script(
        "const e = document.querySelector('#flow-document'); e.value = arguments[0];"
        "e.dispatchEvent(new Event('input'));", json.dumps(document, ensure_ascii=False, indent=2))


def queue_waiting(kefu, cookie: str, name: str) -> int:
    status, body, _ = kefu.api("GET", "/api/v1/queues", cookie=cookie)
    assert status == 200, body
    return next(queue["waiting"] for queue in body["items"] if queue["name"] == name)


def restore_flow(kefu):
    """Publishes the harness's flow again, so the other browser tests (same kefu) find it."""
    cookie = kefu.login("admin", "demo-admin")
    status, body, _ = kefu.api("GET", "/api/v1/config/flows", cookie=cookie)
    assert status == 200, body
    flow = body["items"][0]["id"]
    status, body, _ = kefu.api("POST", f"/api/v1/config/flows/{flow}/versions", {"document": QUEUE_FLOW}, cookie=cookie)
    assert status == 201, body
    status, body, _ = kefu.api("POST", f"/api/v1/config/flows/{flow}/publish", {}, cookie=cookie)
    assert status == 200, body


def test_an_admin_fixes_a_flow_at_the_node_the_console_points_to_and_the_next_call_follows_it(kefu, browser, phones):
    try:
        fix_and_publish_then_call(kefu, browser, phones)
    finally:
        restore_flow(kefu)


def fix_and_publish_then_call(kefu, browser, phones):
    log_in(browser, kefu.url, "/admin/", "admin", "demo-admin")
    wait_for_text(browser, "#nav", "流程")
    screenshot(browser, "admin-numbers")
    click(browser, "#nav button[data-page=flows]")
    wait(browser).until(lambda d: d.find_element(By.CSS_SELECTOR, "#flow-document").get_attribute("value").strip() != "")
    assert '"browser-queue"' in browser.find_element(By.CSS_SELECTOR, "#flow-document").get_attribute("value")

    broken = copy.deepcopy(QUEUE_FLOW)
    broken["nodes"][1]["queue"] = "complaintz"
    set_editor(browser, broken)
    click(browser, "#flow-save")
    wait_for_text(browser, '#flow-nodes li[data-node="serviceQueue"] .problem', "complaintz")
    screenshot(browser, "admin-flow-validation-error")
    click(browser, "#flow-publish")
    wait_for_text(browser, '#flow-nodes li[data-node="serviceQueue"] .problem', "complaintz")
    assert "已发布" not in browser.find_element(By.CSS_SELECTOR, "#flow-status").text

    fixed = copy.deepcopy(QUEUE_FLOW)
    fixed["nodes"][1]["queue"] = "complaints"
    set_editor(browser, fixed)
    click(browser, "#flow-validate")
    wait_for_text(browser, "#flow-status", "校验通过")
    assert not browser.find_elements(By.CSS_SELECTOR, "#flow-nodes .problem")
    click(browser, "#flow-save")
    click(browser, "#flow-publish")
    wait_for_text(browser, "#flow-status", "已发布")

    browser.find_element(By.CSS_SELECTOR, "#dry-digits").send_keys("")
    click(browser, "#dry-run")
    wait_for_text(browser, "#dry-path", "enqueue to 'complaints'")
    screenshot(browser, "admin-flow-published")

    supervisor = kefu.login("supervisor", "demo-supervisor")
    before = queue_waiting(kefu, supervisor, "complaints")
    caller = phones.caller("13700137000", hangs_up_after=20)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and queue_waiting(kefu, supervisor, "complaints") <= before:
        time.sleep(0.2)
    assert queue_waiting(kefu, supervisor, "complaints") == before + 1, "the call waits in the queue the new flow names"
    assert queue_waiting(kefu, supervisor, "service") == 0
    caller.stop()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and queue_waiting(kefu, supervisor, "complaints") > before:
        time.sleep(0.2)


def test_the_console_switches_language_and_the_rule_tester_explains_a_call(kefu, browser):
    # The harness's tenant has no inbound rules on its number, so the answer is its flow.
    log_in(browser, kefu.url, "/admin/", "admin", "demo-admin")
    wait_for_text(browser, "#nav", "号码")
    click(browser, "#lang")
    wait_for_text(browser, "#nav", "Numbers")
    browser.find_element(By.CSS_SELECTOR, "#trace-caller").clear()
    browser.find_element(By.CSS_SELECTOR, "#trace-caller").send_keys("13800138000")
    wait(browser).until(lambda d: d.find_element(By.CSS_SELECTOR, "#trace-number").text.strip() != "")
    click(browser, "#rule-tester button[type=submit]")
    wait_for_text(browser, "#trace-result", "browser-queue")
    screenshot(browser, "admin-rule-tester")
    click(browser, "#lang")
    wait_for_text(browser, "#nav", "号码")

