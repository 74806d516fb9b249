#!/usr/bin/python3
"""Drives `formpipe review --serve` in real headless Chromium (Debian's chromium-driver and
python3-selenium), as a reviewer would with the keyboard.

Started by Tests/FormPipeTests/ReviewServerTests.swift, which runs the real binary and then
checks the files this run changed. Each scenario prints one JSON object on stdout saying what it
did; a failed expectation exits non-zero with the reason on stderr.

    review_serve.py keyboard   URL OUTBOX --formpipe BIN --convert FILE [--screenshots DIR]
    review_serve.py concurrent URL
    review_serve.py token      URL
    review_serve.py live       URL --drop FILE --inbox DIR
    review_serve.py filters    URL
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.support.ui import Select, WebDriverWait

WAIT = 30


def fail(message):
    print(f"review_serve.py: {message}", file=sys.stderr)
    sys.exit(1)


def browser(width=1600, height=1000):
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--no-first-run", "--disable-extensions", f"--window-size={width},{height}"):
        options.add_argument(argument)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def wait_for(driver, condition, what):
    try:
        return WebDriverWait(driver, WAIT, poll_frequency=0.1).until(lambda d: condition(d))
    except Exception:
        message = driver.execute_script("const m = document.getElementById('message'); return m && m.textContent;")
        fail(f"timed out waiting for {what} (message shown: {message!r})")


def queue(driver):
    """The queue as the page holds it (the items the server sent)."""
    return driver.execute_script("return view.items;")


def select(driver, item):
    key = f"{item['document']}/{item['id']}"
    wait_for(driver, lambda d: d.find_elements(By.CSS_SELECTOR, f'#queue li[data-key="{key}"]'), f"queue row {key}")
    driver.find_element(By.CSS_SELECTOR, f'#queue li[data-key="{key}"]').click()
    wait_for(driver, lambda d: d.execute_script("return currentItem() && itemKey(currentItem());") == key,
             f"item {key} shown")
    boxes = driver.find_elements(By.ID, "value")
    return boxes[0] if boxes else None


def decided(driver, item, action):
    """Waits until the queue shows `item` decided by `action`; returns the decision."""
    key = (item["document"], item["id"])

    def check(d):
        for other in queue(d):
            if (other["document"], other["id"]) == key and other["decision"] \
                    and other["decision"]["action"] == action:
                return other["decision"]
        return None
    return wait_for(driver, check, f"{action} of {key} to show in the queue")


def message(driver, kind):
    return wait_for(driver, lambda d: d.execute_script(
        "const m = document.getElementById('message'); return m && m.className === arguments[0] && m.textContent;",
        kind), f"a {kind} message")


def typed_value(item):
    """A correction the field's type accepts, different from what it holds."""
    if item["expectation"].startswith("a number"):
        return "12.5" if item["current"] != "12.5" else "13.5"
    if item["expectation"].startswith("a whole number"):
        return "2023" if item["current"] != "2023" else "2024"
    return "审阅修正" + item["current"][:8]


def keyboard(args):
    driver = browser()
    try:
        driver.get(args.url)
        wait_for(driver, lambda d: len(queue(d) or []) > 0, "the queue")
        items = queue(driver)
        # Findings (no confidence) first, then repairs least sure first.
        confidences = [-1 if item["confidence"] is None else item["confidence"] for item in items]
        if confidences != sorted(confidences):
            fail(f"the queue is not least sure first: {confidences}")
        editable = [item for item in items if item["editable"] and not item["decision"]]
        texts = [item for item in editable if item["expectation"].startswith("text")]
        if len(editable) < 3 or not texts:
            fail(f"expected three undecided editable items, one of them text; got {len(editable)}")
        revert_item = texts[-1]
        correct_item, accept_item = [item for item in editable if item is not revert_item][:2]
        if args.screenshots:
            # An item with its page crop, for the docs: scan pixels if the outbox has a scan.
            shown = next((item for item in editable if item["cropKind"] == "scan"), None) \
                or next((item for item in editable if item["crop"]), correct_item)
            select(driver, shown)
            time.sleep(1.0)  # the crop and the form frame finish drawing
            driver.save_screenshot(f"{args.screenshots}/review-serve-item.png")

        # Correct: type the value, Enter.
        box = select(driver, correct_item)
        value = typed_value(correct_item)
        box.send_keys(Keys.CONTROL, "a")
        box.send_keys(value)
        box.send_keys(Keys.ENTER)
        corrected = decided(driver, correct_item, "set")
        message(driver, "ok")

        # Accept: Enter on the value as converted.
        box = select(driver, accept_item)
        box.send_keys(Keys.ENTER)
        accepted = decided(driver, accept_item, "confirm")

        # Revert: Alt+R.
        select(driver, revert_item)
        ActionChains(driver).key_down(Keys.ALT).send_keys("r").key_up(Keys.ALT).perform()
        reverted = decided(driver, revert_item, "revert")

        # A repair of a whole row: its cells are shown; change one text cell, Enter.
        row = next((item for item in queue(driver) if item["kind"] == "repair" and item["cells"]
                    and not item["decision"]), None)
        row_fact = None
        if row:
            select(driver, row)
            cell = next(c for c in row["cells"] if c["expectation"].startswith("text"))
            box = driver.find_element(By.CSS_SELECTOR, f'#cells input[data-field="{cell["field"]}"]')
            box.send_keys(Keys.CONTROL, "a")
            box.send_keys("行修正")
            box.send_keys(Keys.ENTER)
            row_decision = decided(driver, row, "set")
            row_fact = {"document": row["document"], "form": row["form"], "field": cell["field"],
                        "row": row["field"], "value": "行修正", "decision": row_decision}

        # A finding (the form contradicts itself): its fields are shown; correct a number, Enter.
        finding = next((item for item in queue(driver) if item["kind"] == "finding" and not item["decision"]
                        and any(c["expectation"].startswith("a number") for c in item["cells"])), None)
        finding_fact = None
        if finding:
            select(driver, finding)
            message_shown = driver.find_element(By.ID, "finding-message").text
            cell = next(c for c in finding["cells"] if c["expectation"].startswith("a number"))
            box = driver.find_element(By.CSS_SELECTOR, f'#cells input[data-field="{cell["field"]}"]')
            box.send_keys(Keys.CONTROL, "a")
            box.send_keys("77.7")
            box.send_keys(Keys.ENTER)
            finding_decision = decided(driver, finding, "set")
            finding_fact = {"document": finding["document"], "form": finding["form"], "field": cell["field"],
                            "fields": finding["fields"], "id": finding["id"], "message": finding["message"],
                            "shownMessage": message_shown, "value": "77.7", "decision": finding_decision}

        # Next / previous move through the queue without deciding.
        select(driver, queue(driver)[0])
        start = 0
        ActionChains(driver).key_down(Keys.ALT).send_keys(Keys.ARROW_RIGHT).key_up(Keys.ALT).perform()
        wait_for(driver, lambda d: d.execute_script("return view.index;") == start + 1, "Alt+→ to the next item")
        ActionChains(driver).key_down(Keys.ALT).send_keys(Keys.ARROW_LEFT).key_up(Keys.ALT).perform()
        wait_for(driver, lambda d: d.execute_script("return view.index;") == start, "Alt+← back")

        # A value of the wrong type is refused with the command line's message, nothing decided.
        numbers = [item for item in queue(driver) if item["editable"] and not item["decision"]
                   and item["expectation"].startswith("a number")]
        refused = None
        if numbers:
            box = select(driver, numbers[0])
            box.send_keys(Keys.CONTROL, "a")
            box.send_keys("四十")
            box.send_keys(Keys.ENTER)
            refused = message(driver, "error")

        # Mark the corrected document reviewed: Alt+D; the document list shows it.
        select(driver, correct_item)
        ActionChains(driver).key_down(Keys.ALT).send_keys("d").key_up(Keys.ALT).perform()
        wait_for(driver, lambda d: d.find_elements(
            By.CSS_SELECTOR, f'#documents li.reviewed[data-document="{correct_item["document"]}"]'),
            "the document marked reviewed")
        progress = driver.find_element(By.ID, "progress").text

        # The whole form beside the item is the document's review page, showing the correction.
        frame_text = wait_for(driver, lambda d: d.execute_script(
            "const f = document.getElementById('form-frame'); const b = f.contentDocument && f.contentDocument.body;"
            "return b && b.innerText.includes(arguments[0]) && b.innerText;", value), "the form showing the correction")

        # Live: a document converted while the page is open appears without reloading.
        before = {item["document"] for item in queue(driver)}
        subprocess.run([args.formpipe, "convert", args.convert, "--out", args.outbox], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        added = wait_for(driver, lambda d: ({i["document"] for i in queue(d)} - before) or None,
                         "the converted document to appear")
        if args.screenshots:
            driver.execute_script("select(0);")
            time.sleep(1.0)
            driver.save_screenshot(f"{args.screenshots}/review-serve-queue.png")
        print(json.dumps({
            "corrected": {**pick(correct_item), "value": value, "decision": corrected},
            "accepted": {**pick(accept_item), "decision": accepted},
            "reverted": {**pick(revert_item), "decision": reverted},
            "row": row_fact, "finding": finding_fact, "refused": refused, "progress": progress, "added": sorted(added),
            "formShowsCorrection": bool(frame_text),
        }, ensure_ascii=False))
    finally:
        driver.quit()


def pick(item):
    return {key: item[key] for key in ("document", "form", "field", "id", "before", "after", "current")}


def concurrent(args):
    """Two reviewers on one item: B types while A saves; B's Enter is refused, nothing is lost."""
    first, second = browser(1280, 900), browser(1280, 900)
    try:
        for driver in (first, second):
            driver.get(args.url)
            wait_for(driver, lambda d: len(queue(d) or []) > 0, "the queue")
        item = next(i for i in queue(first) if i["editable"] and not i["decision"]
                    and i["expectation"].startswith("text"))
        box_b = select(second, item)
        box_b.send_keys(Keys.CONTROL, "a")
        box_b.send_keys("B的修正")  # B is typing, not saved yet
        box_a = select(first, item)
        box_a.send_keys(Keys.CONTROL, "a")
        box_a.send_keys("A的修正")
        box_a.send_keys(Keys.ENTER)
        decided(first, item, "set")
        time.sleep(2.0)  # B's page polls meanwhile and sees the change
        still_typed = second.find_element(By.ID, "value").get_attribute("value")
        second.find_element(By.ID, "value").send_keys(Keys.ENTER)
        refusal = message(second, "error")
        # B's page now shows A's value on disk, keeps B's typing and the refusal; Enter again
        # decides knowingly, on the current version.
        shown = wait_for(second, lambda d: d.find_element(By.ID, "current-value").text == "A的修正" and
                         d.find_element(By.ID, "current-value").text, "A's value shown to B")
        kept = second.find_element(By.ID, "value").get_attribute("value")
        still_refused = second.find_element(By.ID, "message").text
        second.find_element(By.ID, "value").send_keys(Keys.ENTER)
        message(second, "ok")
        # A reload shows B's value.
        second.get(args.url)
        wait_for(second, lambda d: len(queue(d) or []) > 0, "the queue after reload")
        after_reload = select(second, item).get_attribute("value")
        print(json.dumps({"item": pick(item), "refusal": refusal, "typedKept": still_typed,
                          "shownAfterRefusal": shown, "typedKeptAfterRefusal": kept,
                          "messageKept": still_refused, "afterReload": after_reload}, ensure_ascii=False))
    finally:
        first.quit()
        second.quit()


def token(args):
    """Requests without the token, or with a wrong one, are refused; the printed URL works."""
    parts = urllib.parse.urlsplit(args.url)
    base = f"{parts.scheme}://{parts.netloc}"
    secret = urllib.parse.parse_qs(parts.query)["token"][0]

    def status(path, headers=None, data=None):
        request = urllib.request.Request(base + path, headers=headers or {}, data=data)
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, response.headers.get("Set-Cookie"), response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, None, error.read().decode()

    results = {
        "bare": status("/")[:1] + status("/")[2:],
        "apiWithoutToken": status("/api/queue")[0],
        "wrongToken": status("/?token=" + "0" * len(secret))[0],
        "wrongHeader": status("/api/queue", {"X-Formpipe-Token": "nope"})[0],
        "outboxWithoutToken": status("/outbox/index.html")[0],
        "withToken": status("/?token=" + secret)[:2],
        "header": status("/api/queue", {"X-Formpipe-Token": secret})[0],
        "formPost": status("/api/documents/x/decisions", {"X-Formpipe-Token": secret,
                           "Content-Type": "application/x-www-form-urlencoded"}, b"a=b")[0],
        "hidden": status("/outbox/.formpipe-review.lock", {"X-Formpipe-Token": secret})[0],
        "traversal": status("/outbox/%2E%2E/etc/passwd", {"X-Formpipe-Token": secret})[0],
    }
    print(json.dumps(results, ensure_ascii=False))


def live(args):
    """A file dropped into the daemon's inbox while the page is open appears in it, unreloaded."""
    driver = browser()
    try:
        driver.get(args.url)
        wait_for(driver, lambda d: len(queue(d) or []) > 0, "the queue")
        before = sorted({item["document"] for item in queue(driver)})
        progress_before = driver.find_element(By.ID, "progress").text
        # As a scanner or a user would: written under a hidden name, then renamed into place.
        name = os.path.basename(args.drop)
        hidden = os.path.join(args.inbox, "." + name + ".part")
        shutil.copyfile(args.drop, hidden)
        os.rename(hidden, os.path.join(args.inbox, name))
        deadline = 120
        added = WebDriverWait(driver, deadline, poll_frequency=0.2).until(
            lambda d: sorted({item["document"] for item in queue(d)} - set(before)) or None)
        listed = wait_for(driver, lambda d: [li.get_attribute("data-document") for li in
                                             d.find_elements(By.CSS_SELECTOR, "#documents li")], "the document list")
        print(json.dumps({"before": before, "added": added, "listed": listed,
                          "items": len([i for i in queue(driver) if i["document"] in added]),
                          "progressBefore": progress_before,
                          "progressAfter": driver.find_element(By.ID, "progress").text}, ensure_ascii=False))
    finally:
        driver.quit()


def filters(args):
    """The filters above the queue: by document, by rule, by confidence, open only."""
    driver = browser()
    try:
        driver.get(args.url)
        wait_for(driver, lambda d: len(queue(d) or []) > 0, "the queue")
        everything = queue(driver)
        documents = sorted({item["document"] for item in everything})
        rules = sorted({item["rule"] for item in everything})
        results = {"all": len(everything), "documents": documents, "rules": rules,
                   "unreadable": [li.text for li in driver.find_elements(By.CSS_SELECTOR, "#documents li.problem")]}

        def choose(select_id, value):
            Select(driver.find_element(By.ID, select_id)).select_by_value(value)

        def shown():
            return [(item["document"], item["rule"], item["confidence"]) for item in queue(driver)]

        def settle(what, expect):
            return wait_for(driver, lambda d: expect(queue(d)) and shown(), f"the queue filtered {what}")

        choose("filter-document", documents[-1])
        results["byDocument"] = settle("by document", lambda items: items and all(i["document"] == documents[-1] for i in items))
        choose("filter-document", "")
        # The rule with the fewest items, so the filter visibly narrows the queue.
        rule = min(rules, key=lambda r: sum(1 for i in everything if i["rule"] == r))
        choose("filter-rule", rule)
        results["rule"] = rule
        results["byRule"] = settle("by rule", lambda items: items and all(i["rule"] == rule for i in items))
        choose("filter-rule", "")
        below = driver.find_element(By.ID, "filter-below")
        below.send_keys("0.9")
        below.send_keys(Keys.TAB)  # a change event, as leaving the box gives
        results["below"] = settle("by confidence", lambda items: items and all(
            i["confidence"] is None or i["confidence"] < 0.9 for i in items))
        print(json.dumps(results, ensure_ascii=False))
    finally:
        driver.quit()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("scenario", choices=["keyboard", "concurrent", "token", "live", "filters"])
    parser.add_argument("url")
    parser.add_argument("outbox", nargs="?")
    parser.add_argument("--formpipe")
    parser.add_argument("--convert")
    parser.add_argument("--screenshots")
    parser.add_argument("--drop")
    parser.add_argument("--inbox")
    args = parser.parse_args()
    {"keyboard": keyboard, "concurrent": concurrent, "token": token, "live": live,
     "filters": filters}[args.scenario](args)


if __name__ == "__main__":
    main()
