"""Fixtures of the browser tests: a running kefu with the demo tenant, headless Chromium
(Debian `chromium` + `chromium-driver`) through selenium, SIPp phones, screenshots."""

import pathlib
import shutil
import tempfile

import pytest
from selenium import webdriver
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.support.ui import WebDriverWait

from kefu_server import PACKAGE_ROOT, KefuServer, TestTenant
from sipp import SippAgentPhone, SippCaller

ARTIFACTS = PACKAGE_ROOT / "test-artifacts" / "browser"

# Calls go straight from the IVR into the service queue, with data the screen pop shows.
QUEUE_FLOW = {
    "id": "browser-queue", "version": 1, "name": "Browser tests: IVR data, then the service queue",
    "start": "order", "defaultLanguage": "zh", "defaultQueue": "service", "maxSteps": 10,
    "variables": {"order": ""},
    "nodes": [
        {"id": "order", "type": "set", "variable": "order", "value": "A-20261121", "next": "serviceQueue"},
        {"id": "serviceQueue", "type": "enqueue", "queue": "service", "noAgent": "goodbye"},
        {"id": "goodbye", "type": "hangUp"},
    ],
}


@pytest.fixture(scope="session")
def workdir():
    directory = pathlib.Path(tempfile.mkdtemp(prefix="kefu-browser-"))
    yield directory
    shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture(scope="session")
def kefu(workdir):
    """kefu serve with the demo tenant, every call straight into the service queue."""
    tenant = TestTenant()
    tenant.use_flow("browser-queue", QUEUE_FLOW)
    tenant.drop_inbound_rules()
    tenant.replace("wrap_up_seconds: 10", "wrap_up_seconds: 3")
    server = KefuServer(workdir / "kefu", tenant)
    yield server
    server.stop()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(server.log_path, ARTIFACTS / "kefu.log")


def _chromium_options(width: int = 1366, height: int = 768, language: str = "zh-CN") -> webdriver.ChromeOptions:
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     f"--window-size={width},{height}", f"--lang={language}", "--no-first-run",
                     "--disable-extensions", "--disable-background-networking"):
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"intl.accept_languages": language})
    return options


@pytest.fixture
def browser_factory():
    """Opens headless Chromium windows (1366x768 by default); closes them all afterwards."""
    drivers = []

    def open_browser(language: str = "zh-CN") -> webdriver.Chrome:
        service = Service(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver")
        driver = webdriver.Chrome(service=service, options=_chromium_options(language=language))
        driver.set_page_load_timeout(30)
        driver.set_script_timeout(30)
        drivers.append(driver)
        return driver

    yield open_browser
    for driver in drivers:
        driver.quit()


@pytest.fixture
def browser(browser_factory):
    return browser_factory()


def screenshot(driver, name: str) -> pathlib.Path:
    """Saves the window as test-artifacts/browser/<name>.png."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    driver.save_screenshot(str(path))
    return path


def wait(driver, timeout: float = 20) -> WebDriverWait:
    """A wait that polls every 0.2 s and retries when the consoles re-render what it looked at."""
    return WebDriverWait(driver, timeout, poll_frequency=0.2,
                         ignored_exceptions=(NoSuchElementException, StaleElementReferenceException))


@pytest.fixture
def phones(workdir, kefu):
    """SIPp agent phones and callers started by a test; stopped afterwards, even on failure."""
    started = []

    class Phones:
        def agent(self, extension: str, password: str):
            phone = SippAgentPhone(workdir / "sipp", kefu.sip_port, extension, password)
            started.append(phone)
            phone.register()
            return phone

        def caller(self, caller: str, number: str = "4001234567", hangs_up_after: int | None = None):
            call = SippCaller(workdir / "sipp", kefu.sip_port, number, caller, hangs_up_after=hangs_up_after)
            started.append(call)
            return call

    yield Phones()
    for party in reversed(started):
        party.stop()
