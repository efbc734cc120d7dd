"""The harness itself: kefu starts, Chromium opens a console and a screenshot is saved."""

from selenium.webdriver.common.by import By

from conftest import ARTIFACTS, screenshot, wait
from pages import log_in, wait_for_text


def test_a_wrong_password_shows_the_api_error_and_the_right_one_opens_the_desktop(kefu, browser):
    browser.get(kefu.url + "/")
    form = browser.find_element(By.CSS_SELECTOR, "form.login")
    form.find_element(By.NAME, "username").send_keys("agent1001")
    form.find_element(By.NAME, "password").send_keys("wrong")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    error = browser.find_element(By.CSS_SELECTOR, "#login-error")
    wait(browser).until(lambda _: error.text.strip() != "")
    assert "1001" not in browser.find_element(By.CSS_SELECTOR, "#who").text

    log_in(browser, kefu.url, "/", "agent1001", "demo-agent")
    wait_for_text(browser, "#who", "1001")
    assert (screenshot(browser, "harness-desk")).stat().st_size > 1000
    assert (ARTIFACTS / "harness-desk.png").exists()
