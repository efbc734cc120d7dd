"""Per-group sign-in and a team lead's board in headless Chromium: agent 1002 signs in to
one of their two skill groups (签入技能组) with the desktop's checkboxes and sees the rest
reason's limits; the team-1 lead's wallboard shows team-1 only (1003 moved to team-2), a
second agent of the team on rest shows as an alert there, and a fourth rest in the shift is
refused on the desktop with the server's message."""

import pytest
from selenium.webdriver.common.by import By

from conftest import screenshot, wait
from kefu_server import KefuServer, TestTenant
from pages import attribute_values, click, log_in, texts, wait_for_text


@pytest.fixture(scope="module")
def org_kefu(workdir):
    """kefu serve with the demo tenant, 1003 moved to a second team, and a user for 1002."""
    tenant = TestTenant()
    tenant.replace("      - { name: team-1, site: hangzhou }\n",
                   "      - { name: team-1, site: hangzhou }\n      - { name: team-2, site: hangzhou }\n")
    start = tenant.yaml.index('work_number: "1003"')
    moved = tenant.yaml[start:].replace("team: team-1", "team: team-2", 1)
    tenant.yaml = tenant.yaml[:start] + moved
    tenant.replace('password: demo-agent, agent: "1001" }\n',
                   'password: demo-agent, agent: "1001" }\n'
                   '      - { username: agent1002, display_name: 李强, roles: [agent], password: demo-agent-1002, agent: "1002" }\n')
    server = KefuServer(workdir / "kefu-organization", tenant)
    yield server
    server.stop()


def desk_queues(server, cookie):
    status, body, _ = server.api("GET", "/api/v1/desk", cookie=cookie)
    assert status == 200, body
    return {queue["name"]: queue["signed_in"] for queue in body["queues"]}


def test_an_agent_signs_into_one_of_two_groups_and_the_team_lead_sees_only_their_team(org_kefu, browser_factory):
    desk = browser_factory()
    log_in(desk, org_kefu.url, "/", "agent1002", "demo-agent-1002")
    # Both of 1002's groups are offered as checkboxes; the complaints group is left out.
    wait(desk).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#queue-choices input[data-queue]")) == 2)
    complaints = desk.find_element(By.CSS_SELECTOR, "#queue-choices input[name=complaints]")
    assert complaints.is_selected()
    complaints.click()
    click(desk, "[data-presence=sign_in]")
    wait(desk).until(lambda d: d.find_element(By.ID, "state").get_attribute("data-kind") == "ready")
    cookie = org_kefu.login("agent1002", "demo-agent-1002")
    assert desk_queues(org_kefu, cookie) == {"service": True, "complaints": False}
    wait(desk).until(lambda d: not d.find_element(By.CSS_SELECTOR, "#queue-choices input[name=complaints]").is_selected()
                     and d.find_element(By.CSS_SELECTOR, "#queue-choices input[name=service]").is_selected())
    # The rest reason's limits are shown before the agent picks it.
    desk.find_element(By.CSS_SELECTOR, "#reason option[value=rest]").click()
    wait_for_text(desk, "#reason-limits", "3")
    limits = desk.find_element(By.ID, "reason-limits").text
    assert "10" in limits and "1" in limits, limits
    screenshot(desk, "desk-per-group-sign-in")

    # Joining the complaints group while signed in takes effect at once.
    desk.find_element(By.CSS_SELECTOR, "#queue-choices input[name=complaints]").click()
    wait(desk).until(lambda _: desk_queues(org_kefu, cookie) == {"service": True, "complaints": True})

    board = browser_factory()
    log_in(board, org_kefu.url, "/wallboard/", "supervisor", "demo-supervisor")
    wait(board).until(lambda d: attribute_values(d, "#agents tr[data-agent]", "data-agent"))
    shown = attribute_values(board, "#agents tr[data-agent]", "data-agent")
    assert shown == ["1001", "1002"], shown
    wait(board).until(lambda d: attribute_values(d, "[data-agent='1002'] [data-kind]", "data-kind")[:1] == ["ready"])

    # Two of team-1 on rest (at most one at once) is an alert on the lead's board.
    zhang = org_kefu.login("agent1001", "demo-agent")
    agents = {agent["work_number"]: agent["id"] for agent in org_kefu.api("GET", "/api/v1/agents", cookie=org_kefu.login("admin", "demo-admin"))[1]["items"]}
    for action in ({"action": "sign_in"}, {"action": "not_ready", "reason": "rest"}):
        status, body, _ = org_kefu.api("POST", f"/api/v1/agents/{agents['1001']}/state", action, cookie=zhang)
        assert status == 200, body
    click(desk, "[data-presence=not_ready]")
    wait(desk).until(lambda d: d.find_element(By.ID, "state").get_attribute("data-kind") == "not_ready")
    wait(board).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#alerts li[data-limit=per_team]"))
    alert = texts(board, "#alerts li[data-limit=per_team]")[0]
    assert "team-1" in alert and "2" in alert, alert
    screenshot(board, "wallboard-team-lead-alert")
    # Rest three times this shift is the limit: the fourth is refused with the server's message.
    for _ in range(2):
        click(desk, "[data-presence=ready]")
        wait(desk).until(lambda d: d.find_element(By.ID, "state").get_attribute("data-kind") == "ready")
        click(desk, "[data-presence=not_ready]")
        wait(desk).until(lambda d: d.find_element(By.ID, "state").get_attribute("data-kind") == "not_ready")
    click(desk, "[data-presence=ready]")
    wait(desk).until(lambda d: d.find_element(By.ID, "state").get_attribute("data-kind") == "ready")
    wait(desk).until(lambda d: "exceeded" in d.find_element(By.ID, "reason-limits").get_attribute("class"))
    click(desk, "[data-presence=not_ready]")
    wait_for_text(desk, "#callbar-error", "409 presence_refused")
    assert "3 times per shift" in desk.find_element(By.ID, "callbar-error").text
    assert desk.find_element(By.ID, "state").get_attribute("data-kind") == "ready"
    screenshot(desk, "desk-rest-limit-refused")
    # The admin's board still holds every team.
    status, whole, _ = org_kefu.api("GET", "/api/v1/wallboard", cookie=org_kefu.login("admin", "demo-admin"))
    assert [agent["work_number"] for agent in whole["agents"]] == ["1001", "1002", "1003"]
