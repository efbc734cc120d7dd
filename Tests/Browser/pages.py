"""What the browser tests do on the consoles' pages, written once."""

from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

from conftest import wait


def log_in(driver, base_url: str, path: str, username: str, password: str, tenant: str = "demo"):
    """Opens `path` and logs in through its form; waits until the form is gone."""
    driver.get(base_url + path)
    form = wait(driver).until(EC.visibility_of_element_located((By.CSS_SELECTOR, "form.login")))
    for name, value in (("tenant", tenant), ("username", username), ("password", password)):
        field = form.find_element(By.NAME, name)
        field.clear()
        field.send_keys(value)
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait(driver).until(EC.invisibility_of_element_located((By.CSS_SELECTOR, "form.login")))


def wait_for_text(driver, selector: str, expected: str, timeout: float = 20):
    """Waits until the element's text contains `expected`; fails with what it showed."""
    try:
        wait(driver, timeout).until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, selector), expected))
    except Exception as error:
        shown = driver.find_elements(By.CSS_SELECTOR, selector)
        raise AssertionError(f"{selector} never showed {expected!r}; it shows {shown[0].text if shown else '(missing)'!r}") from error


def attribute_values(driver, selector: str, name: str) -> list:
    """The `name` attribute of every element matching `selector`, read in one script run: a
    page that re-renders its rows cannot leave the test holding a stale element."""
    return driver.execute_script(
        "return Array.from(document.querySelectorAll(arguments[0]), e => e.getAttribute(arguments[1]))", selector, name)


def texts(driver, selector: str) -> list[str]:
    """The rendered text of every element matching `selector`, read in one script run (see
    `attribute_values`)."""
    return driver.execute_script("return Array.from(document.querySelectorAll(arguments[0]), e => e.innerText)", selector)


def until_not_stale(action, attempts: int = 5):
    """Runs `action` (which finds its elements afresh), again when the page replaced one of them
    meanwhile; returns what it returns."""
    for attempt in range(attempts):
        try:
            return action()
        except StaleElementReferenceException:
            if attempt == attempts - 1:
                raise


def click(driver, selector: str):
    wait(driver).until(EC.element_to_be_clickable((By.CSS_SELECTOR, selector))).click()
