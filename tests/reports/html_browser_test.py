"""The HTML reports opened in a real headless Chromium: the verdict and the checklist render,
no request leaves the page, and script injected through scanned lines or the manifest stays
text. Screenshots land in <build>/tests/reports/artifacts/ for people to look at."""
import json
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
from headless import Browser, find_chromium  # noqa: E402
from report_env import BUILD_DIR, INJECTION, fail, make_injection_workload, run, sample_dirs  # noqa: E402

ARTIFACTS = os.path.join(BUILD_DIR, "tests", "reports", "artifacts")


def check_no_requests(browser, url, name):
    others = [u for u in browser.requests() if u != url and not u.startswith("data:")]
    if others:
        fail(f"{name}: the page made requests: {others}")
    if browser.dialogs():
        fail(f"{name}: a dialog opened: {browser.dialogs()}")
    if browser.console():
        fail(f"{name}: the page logged or threw: {browser.console()[:3]}")


def check_report(browser, workload, name, extra_args=()):
    html_path = os.path.join(ARTIFACTS, f"{name}.html")
    run("assess", workload, "--format", "html", "-o", html_path, *extra_args)
    report = json.loads(run("assess", workload, "--format", "json", *extra_args).stdout)
    url = "file://" + html_path
    browser.open(url)
    check_no_requests(browser, url, name)
    verdict = browser.eval("document.getElementById('verdict').textContent")
    if verdict != report["verdict"]:
        fail(f"{name}: verdict badge says {verdict!r}, the JSON report {report['verdict']!r}")
    rows = browser.eval("[...document.querySelectorAll('#checklist-chart g.row')]"
                        ".map(g => [g.dataset.criterion, g.dataset.status])")
    expected = sorted([c["id"], c["status"]] for c in report["criteria"])
    if sorted(rows) != expected:
        fail(f"{name}: checklist chart rows {sorted(rows)} differ from the criteria {expected}")
    box = browser.eval("(r => [r.width, r.height])(document.getElementById('checklist-chart').getBoundingClientRect())")
    if box[0] < 300 or box[1] < 22 * len(expected):
        fail(f"{name}: the checklist chart is not laid out ({box})")
    platforms = browser.eval("document.querySelectorAll('#platforms tr[data-platform]').length")
    if platforms != len(report["platforms"]):
        fail(f"{name}: {platforms} platform rows for {len(report['platforms'])} platforms")
    if browser.eval("document.scripts.length + document.images.length + document.querySelectorAll('iframe,object,embed').length"):
        fail(f"{name}: the page has script, image or embedded elements")
    if not browser.eval("document.querySelectorAll('details').length"):
        fail(f"{name}: no collapsible sections")
    png = os.path.join(ARTIFACTS, f"{name}.png")
    browser.screenshot(png)
    print(f"ok {name}: verdict {verdict}, {len(rows)} checklist rows, {platforms} platform(s); screenshot {png}")
    return html_path


def control(browser):
    """A page that does fetch and run script must be caught, or the checks prove nothing."""
    path = os.path.join(ARTIFACTS, "control.html")
    with open(path, "w") as f:
        f.write("<!DOCTYPE html><title>control</title><img src='http://127.0.0.1:9/pixel.png'>"
                "<script>document.title = 'ran'</script>")
    browser.open("file://" + path)
    if not any(u.startswith("http://127.0.0.1:9/") for u in browser.requests()):
        fail("the harness did not see the control page's request")
    if browser.eval("document.title") != "ran":
        fail("the control page's script did not run; the injection check would prove nothing")
    print("ok control: requests and scripts are detected")


def check_portfolio(browser):
    run("assess", *sample_dirs(), "--format", "html", "-o", os.path.join(ARTIFACTS, "portfolio"))
    html_path = os.path.join(ARTIFACTS, "portfolio", "portfolio.html")
    summary = json.loads(run("assess", *sample_dirs(), "--format", "json").stdout)
    url = "file://" + html_path
    browser.open(url)
    check_no_requests(browser, url, "portfolio")
    bars = browser.eval("Object.fromEntries([...document.querySelectorAll('#portfolio-chart g')]"
                        ".map(g => [g.dataset.verdict, +g.dataset.count]))")
    if bars != summary["totals"]:
        fail(f"portfolio: chart bars {bars} differ from the totals {summary['totals']}")
    rows = browser.eval("[...document.querySelectorAll('#workloads tbody tr')].map(r => r.dataset.workload)")
    if rows != [w["name"] for w in summary["workloads"]]:
        fail(f"portfolio: table rows {rows} differ from the summary")
    links = browser.eval("[...document.querySelectorAll('#workloads a')].map(a => a.getAttribute('href'))")
    if len(links) != len(rows) or any(not os.path.isfile(os.path.join(ARTIFACTS, "portfolio", l)) for l in links):
        fail(f"portfolio: links to per-workload reports are wrong: {links}")
    png = os.path.join(ARTIFACTS, "portfolio.png")
    browser.screenshot(png)
    print(f"ok portfolio: {len(rows)} rows, chart {bars}; screenshot {png}")


def main():
    if not find_chromium():
        fail("chromium is not installed (.ci/install-deps installs it)")
    os.makedirs(ARTIFACTS, exist_ok=True)
    browser = Browser()
    try:
        control(browser)
        for d in sample_dirs():
            check_report(browser, d, os.path.basename(d))
        check_report(browser, os.path.join(os.path.dirname(sample_dirs()[0]), "legacy-daemon"),
                     "legacy-daemon-all-platforms", ("--platform", "all"))
        check_portfolio(browser)
        with tempfile.TemporaryDirectory() as tmp:
            root = make_injection_workload(os.path.join(tmp, "inject"))
            check_report(browser, root, "injection")
            text = browser.eval("document.body.innerText")
            if INJECTION not in text:
                fail("the injected line is not shown as text")
            if "inject <img src=http://127.0.0.1:9/pixel.png>" not in text:
                fail("the injected workload name is not shown as text")
            print("ok injection: shown as text, nothing ran or loaded")
    finally:
        browser.close()


if __name__ == "__main__":
    main()
