"""IVR content approval in the admin console (issue 10), on a kefu of its own whose platform
requires approval: the tenant admin edits the flow and cannot publish it, submits it; the
platform reviewer rejects it with a comment; the admin sees the comment, fixes the flow and
resubmits; the reviewer approves; the admin publishes, and the next SIPp call follows the new
flow (it waits in the complaints queue, not the service queue). A prompt goes the same way,
and the reviewer's player loads its sound."""

import copy
import json
import time

import pytest
from selenium.webdriver.common.by import By

from conftest import QUEUE_FLOW, screenshot, wait
from kefu_server import KefuServer, TestTenant
from pages import click, log_in, wait_for_text
from sipp import SippCaller

REVIEWER = ("reviewer", "demo-reviewer")  # examples/demo.yaml's content reviewer
COMMENT = "请把等待队列改为投诉队列前先确认话术"


@pytest.fixture(scope="module")
def approval_kefu(workdir):
    """kefu serve with the demo tenant on the browser tests' flow and approval required (the demo has a reviewer)."""
    tenant = TestTenant()
    tenant.use_flow("browser-queue", QUEUE_FLOW)
    tenant.drop_inbound_rules()
    tenant.replace("platform:\n  users:\n", "platform:\n  approval_required: true\n  users:\n")
    server = KefuServer(workdir / "kefu-approval", tenant)
    yield server
    server.stop()
    server.remove()


def set_editor(driver, document: dict):
    driver.execute_script(
        "const e = document.querySelector('#flow-document'); e.value = arguments[0];"
        "e.dispatchEvent(new Event('input'));", json.dumps(document, ensure_ascii=False, indent=2))


def open_flows(driver):
    click(driver, "#nav button[data-page=flows]")
    wait(driver).until(lambda d: d.find_element(By.CSS_SELECTOR, "#flow-document").get_attribute("value").strip() != "")


def badge(driver) -> str:
    return driver.find_element(By.CSS_SELECTOR, "#flow-review .badge").get_attribute("data-status")


def wait_for_badge(driver, status: str):
    try:
        wait(driver).until(lambda d: badge(d) == status)
    except Exception as error:
        raise AssertionError(f"the flow's badge never said {status!r}; it says {badge(driver)!r}") from error


def review_first(driver, decision: str, comment: str = ""):
    """Opens the reviewer's page, the one flow in the queue, checks it is the complaints flow, decides."""
    click(driver, "#nav button[data-page=reviews]")
    click(driver, "#review-queue tr[data-kind=flow] button.review-open")
    wait_for_text(driver, "#review-document", "complaints")
    driver.find_element(By.CSS_SELECTOR, "#review-comment").send_keys(comment)
    click(driver, f"#review-{decision}")
    wait_for_text(driver, "#review-status", "已通过" if decision == "approve" else "已驳回")
    wait(driver).until(lambda d: not d.find_elements(By.CSS_SELECTOR, "#review-queue tr[data-kind=flow]"))


def queue_waiting(kefu, cookie: str, name: str) -> int:
    status, body, _ = kefu.api("GET", "/api/v1/queues", cookie=cookie)
    assert status == 200, body
    return next(queue["waiting"] for queue in body["items"] if queue["name"] == name)


def test_a_flow_is_rejected_with_a_comment_fixed_approved_published_and_the_next_call_follows_it(approval_kefu, browser_factory, workdir):
    kefu = approval_kefu
    admin = browser_factory()
    reviewer = browser_factory()

    log_in(admin, kefu.url, "/admin/", "admin", "demo-admin")
    open_flows(admin)
    changed = copy.deepcopy(QUEUE_FLOW)
    changed["nodes"][1]["queue"] = "complaints"
    set_editor(admin, changed)
    click(admin, "#flow-save")
    wait_for_badge(admin, "draft")
    click(admin, "#flow-publish")
    wait_for_text(admin, "#flow-status", "approval_required")
    screenshot(admin, "approval-publish-refused")
    click(admin, "#flow-submit")
    wait_for_badge(admin, "submitted")
    wait_for_text(admin, "#flow-review", "待审核")

    log_in(reviewer, kefu.url, "/admin/", *REVIEWER, tenant="")
    wait_for_text(reviewer, "#nav", "内容审核")
    assert not reviewer.find_elements(By.CSS_SELECTOR, "#nav button[data-page=flows]"), "a reviewer cannot edit flows"
    click(reviewer, "#review-queue tr[data-kind=flow] button.review-open")
    wait_for_text(reviewer, "#review-document", "complaints")
    wait_for_text(reviewer, "#review-changes", 'serviceQueue.queue: "service" → "complaints"')
    screenshot(reviewer, "approval-reviewer-reads-flow")
    review_first(reviewer, "reject", COMMENT)
    screenshot(reviewer, "approval-reviewer-rejected")

    open_flows(admin)
    wait_for_badge(admin, "rejected")
    wait_for_text(admin, "#flow-review .review-comment", COMMENT)
    wait_for_text(admin, "#flow-review .review-comment", "reviewer")
    screenshot(admin, "approval-admin-sees-comment")

    fixed = copy.deepcopy(changed)
    fixed["name"] = "Browser tests: complaints queue, script confirmed"
    set_editor(admin, fixed)
    click(admin, "#flow-save")
    wait_for_badge(admin, "draft")
    click(admin, "#flow-submit")
    wait_for_badge(admin, "submitted")

    review_first(reviewer, "approve")
    screenshot(reviewer, "approval-reviewer-approved")

    open_flows(admin)
    wait_for_badge(admin, "approved")
    click(admin, "#flow-publish")
    wait_for_text(admin, "#flow-status", "已发布")
    wait_for_badge(admin, "published")
    screenshot(admin, "approval-admin-published")

    supervisor = kefu.login("supervisor", "demo-supervisor")
    before = queue_waiting(kefu, supervisor, "complaints")
    caller = SippCaller(workdir / "sipp-approval", kefu.sip_port, "4001234567", "13700137001", hangs_up_after=20)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and queue_waiting(kefu, supervisor, "complaints") <= before:
            time.sleep(0.2)
        assert queue_waiting(kefu, supervisor, "complaints") == before + 1, "the call waits in the queue the approved flow names"
        assert queue_waiting(kefu, supervisor, "service") == 0
    finally:
        caller.stop()


def prompt_badge(driver, prompt: str) -> str | None:
    found = driver.find_elements(By.CSS_SELECTOR, f'tr[data-id="{prompt}"] .badge')
    return found[0].get_attribute("data-status") if found else None


def wait_for_prompt_badge(driver, prompt: str, status: str):
    try:
        wait(driver).until(lambda d: prompt_badge(d, prompt) == status)
    except Exception as error:
        raise AssertionError(f"the prompt's badge never said {status!r}; it says {prompt_badge(driver, prompt)!r}") from error


def test_a_prompt_is_submitted_heard_by_the_reviewer_approved_and_published(approval_kefu, browser_factory):
    kefu = approval_kefu
    cookie = kefu.login("admin", "demo-admin")
    status, prompt, _ = kefu.api("POST", "/api/v1/config/prompts", {"name": "holiday-notice", "tts": {"text": "国庆期间服务时间为九点到十七点", "voice": "zh"}},
                                 cookie=cookie)
    assert status == 201, prompt
    admin = browser_factory()
    reviewer = browser_factory()

    log_in(admin, kefu.url, "/admin/", "admin", "demo-admin")
    click(admin, "#nav button[data-page=prompts]")
    wait_for_prompt_badge(admin, prompt["id"], "draft")
    click(admin, f'tr[data-id="{prompt["id"]}"] button.prompt-publish')
    wait_for_text(admin, "#resource-error", "approval_required")
    click(admin, f'tr[data-id="{prompt["id"]}"] button.prompt-submit')
    wait_for_prompt_badge(admin, prompt["id"], "submitted")

    log_in(reviewer, kefu.url, "/admin/", *REVIEWER, tenant="")
    click(reviewer, "#review-queue tr[data-kind=prompt] button.review-open")
    wait_for_text(reviewer, "#review-tts", "国庆期间服务时间")
    duration = reviewer.execute_async_script(
        "const done = arguments[arguments.length - 1]; const audio = document.querySelector('#review-audio');"
        "audio.addEventListener('loadedmetadata', () => done(audio.duration)); audio.addEventListener('error', () => done(-1));"
        "audio.load();")
    assert duration and duration > 1, f"the reviewer's player loads the prompt's sound (duration {duration})"
    screenshot(reviewer, "approval-reviewer-listens-to-prompt")
    click(reviewer, "#review-approve")
    wait_for_text(reviewer, "#review-status", "已通过")

    click(admin, "#nav button[data-page=prompts]")
    wait_for_prompt_badge(admin, prompt["id"], "approved")
    click(admin, f'tr[data-id="{prompt["id"]}"] button.prompt-publish')
    wait_for_prompt_badge(admin, prompt["id"], "published")
    screenshot(admin, "approval-admin-published-prompt")


def test_the_platform_operator_switches_the_approval_requirement_in_the_console(approval_kefu, browser):
    kefu = approval_kefu

    def required() -> bool:
        status, body, cookie = kefu.api("POST", "/api/v1/login", {"username": "operator", "password": "demo-operator"})
        assert status == 200 and cookie, body
        status, body, _ = kefu.api("GET", "/api/v1/platform/settings", cookie=cookie.split(";")[0])
        assert status == 200, body
        return body["content_approval_required"]

    log_in(browser, kefu.url, "/admin/", "operator", "demo-operator", tenant="")
    click(browser, "#nav button[data-page=settings]")
    wait(browser).until(lambda d: d.find_element(By.CSS_SELECTOR, "#setting-approval").is_selected())
    click(browser, "#setting-approval")
    wait_for_text(browser, "#settings-status", "已保存")
    assert required() is False
    click(browser, "#setting-approval")
    wait(browser).until(lambda d: d.find_element(By.CSS_SELECTOR, "#setting-approval").is_selected())
    wait(browser).until(lambda d: required() is True)
    screenshot(browser, "approval-platform-settings")
