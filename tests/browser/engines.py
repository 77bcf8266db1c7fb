"""WebKit and Gecko for the family journeys (tests/browser/test_engines.py), each
through the driver its engine ships, behind one small interface.

- WebKit: WebKitGTK's own WebDriver (`WebKitWebDriver`, Debian's webkit2gtk-driver),
  which runs WebKitGTK's MiniBrowser. It needs a display: an Xvfb of the test run's
  own. Driven with Selenium, the standard WebDriver client.
- Gecko: Firefox ESR (Debian's firefox-esr), headless, through Marionette, the
  automation protocol built into Firefox, with Mozilla's own Python client
  (`marionette-driver` on PyPI). geckodriver, the usual WebDriver front for
  Marionette, is not packaged in Debian 12, and a PyPI wheel that bundles a copy
  pins an old, unsigned binary; Marionette needs no binary besides Firefox itself.

Both answer `run(script, *args)` as WebDriver's "execute script" does: the script is
a function body that reads `arguments`, and a promise it returns is awaited.

Known differences, handled here so that a journey reads the same in both:
- Firefox's WebDriver `refresh()` bypasses the service worker (a hard reload), so
  `reload()` navigates to the same address instead, as a reader's tap on a link does.
- The narrowest window is about 450 px in WebKitGTK and 500 px in headless Firefox:
  `WINDOW` is wider than a phone, so phone-width checks stay in Chromium.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import time
from abc import ABC, abstractmethod
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from marionette_driver.by import By as MarionetteBy
from marionette_driver.marionette import Marionette
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.webkitgtk.options import Options as WebKitOptions
from selenium.webdriver.webkitgtk.service import Service as WebKitService

WINDOW = {"width": 520, "height": 900}
# A journey step waits at most this long for what it expects (polled, never slept).
TIMEOUT = 90.0  # a condition waited for: generous for a busy 2-core machine (two test
# processes, each with a browser and a server); a passing step returns as soon as it holds
POLL = 0.05
IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)


class EngineMissing(RuntimeError):
    pass


def program(variable: str, *names: str, package: str) -> str:
    """The program `variable` names, else the first of `names` on PATH."""
    given = os.environ.get(variable)
    if given:
        if not os.access(given, os.X_OK):
            raise EngineMissing(f"{variable}={given} is not an executable file")
        return given
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    raise EngineMissing(
        f"{names[0]} is missing: install Debian's {package} (make test does, as root), "
        f"or set {variable}"
    )


def mini_browser() -> str:
    """WebKitGTK's MiniBrowser, which WebKitWebDriver runs (libwebkit2gtk-4.1-0)."""
    given = os.environ.get("WEBKIT_BROWSER_PATH")
    found = [given] if given else sorted(glob.glob("/usr/lib/*/webkit2gtk-4.*/MiniBrowser"))
    if not found:
        raise EngineMissing("WebKitGTK's MiniBrowser is missing: install webkit2gtk-driver")
    return found[-1]


class Engine(ABC):
    """One browser session: what a journey asks of a browser."""

    name: str
    version: str

    @abstractmethod
    def open(self, url: str) -> None:
        """Go to `url` as a reader following a link does, and wait for its load."""

    @abstractmethod
    def run(self, script: str, *args: Any) -> Any:
        """Run a function body in the page (`arguments` holds `args`); a returned
        promise is awaited."""

    @abstractmethod
    def click(self, selector: str) -> None:
        """A click on the first element `selector` matches, as a reader's tap."""

    @abstractmethod
    def type(self, selector: str, text: str) -> None:
        """Empty the field `selector` matches, then type `text` into it, key by key."""

    @abstractmethod
    def quit(self) -> None: ...

    def reload(self) -> None:
        """Open the current address again, through the service worker (see above)."""
        self.open(self.run("return location.href"))

    def wait_for(self, script: str, *args: Any, what: str, timeout: float = TIMEOUT) -> Any:
        """Run `script` until it returns something truthy, and return that.

        Polled from here, so that it outlives a page that reloads meanwhile (a script
        running as a page unloads fails; the next try runs in the new page)."""
        deadline = time.monotonic() + timeout
        last: Any = None
        while True:
            try:
                last = self.run(script, *args)
            except Exception as error:  # the page was unloading: try again
                last = error
            else:
                if last:
                    return last
            if time.monotonic() > deadline:
                raise AssertionError(f"{self.name}: no {what} in {timeout:.0f} s (last: {last!r})")
            time.sleep(POLL)


class WebKit(Engine):
    """WebKitGTK's MiniBrowser through WebKitWebDriver, on an X display."""

    name = "webkit"

    def __init__(self, display: str, user_agent: str | None = None) -> None:
        driver = program("WEBKIT_DRIVER_PATH", "WebKitWebDriver", package="webkit2gtk-driver")
        options = WebKitOptions()
        if user_agent:
            # Browser arguments need the browser named, and then replace the driver's
            # own ("--automation", which lets the driver connect).
            options.binary_location = mini_browser()
            options.add_argument("--automation")
            options.add_argument(f"--user-agent={user_agent}")
        service = WebKitService(executable_path=driver, env={**os.environ, "DISPLAY": display})
        self.driver = webdriver.WebKitGTK(options=options, service=service)
        self.version = self.driver.capabilities.get("browserVersion", "?")
        self.driver.set_window_size(WINDOW["width"], WINDOW["height"])

    def open(self, url: str) -> None:
        self.driver.get(url)

    def run(self, script: str, *args: Any) -> Any:
        return self.driver.execute_script(script, *args)

    def click(self, selector: str) -> None:
        self.driver.find_element(By.CSS_SELECTOR, selector).click()

    def type(self, selector: str, text: str) -> None:
        field = self.driver.find_element(By.CSS_SELECTOR, selector)
        field.clear()
        field.send_keys(text)

    def quit(self) -> None:
        self.driver.quit()


class Gecko(Engine):
    """Firefox ESR, headless, through Marionette (started by marionette-driver with a
    fresh profile of its own, deleted on quit)."""

    name = "gecko"

    def __init__(self, port: int) -> None:
        firefox = program("FIREFOX_PATH", "firefox-esr", "firefox", package="firefox-esr")
        self.client = Marionette(
            host="127.0.0.1",
            port=port,
            bin=firefox,
            headless=True,
            startup_timeout=60,
            gecko_log="-",  # Firefox's own output to ours (pytest shows it on failure)
        )
        try:
            self.client.start_session()
        except Exception:
            self.client.cleanup()
            raise
        self.version = self.client.session_capabilities.get("browserVersion", "?")
        self.client.set_window_rect(width=WINDOW["width"], height=WINDOW["height"])

    def open(self, url: str) -> None:
        self.client.navigate(url)

    def run(self, script: str, *args: Any) -> Any:
        # sandbox=None: in the page itself, as WebDriver's "execute script" (the
        # default sandbox would see the page's own globals only through Xrays).
        return self.client.execute_script(script, script_args=args, sandbox=None)

    def click(self, selector: str) -> None:
        self.client.find_element(MarionetteBy.CSS_SELECTOR, selector).click()

    def type(self, selector: str, text: str) -> None:
        field = self.client.find_element(MarionetteBy.CSS_SELECTOR, selector)
        field.clear()
        field.send_keys(text)

    def quit(self) -> None:
        try:
            self.client.delete_session()
        finally:
            self.client.cleanup()


@contextmanager
def xvfb() -> Iterator[str]:
    """An X display of our own (Xvfb picks a free number and writes it on a pipe once
    it accepts clients: no fixed wait, no clash with another run)."""
    binary = program("XVFB_PATH", "Xvfb", package="xvfb")
    read, write = os.pipe()
    process = subprocess.Popen(
        [binary, "-displayfd", str(write), "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
        pass_fds=[write],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    try:
        number = b""
        while not number.endswith(b"\n"):
            chunk = os.read(read, 16)
            if not chunk:
                raise EngineMissing(f"Xvfb exited with {process.wait()} before it was ready")
            number += chunk
        yield ":" + number.decode().strip()
    finally:
        process.terminate()
        process.wait(timeout=10)
        os.close(read)
