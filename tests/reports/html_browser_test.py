"""The HTML reports opened in a real headless Chromium: the verdict and the checklist render,
no request leaves the page, and script injected through scanned lines or the manifest stays
text. Screenshots land in <build>/tests/reports/artifacts/ for people to look at."""
import json
import os
import re
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


KIND_TITLES = {"limit": "Limits", "concern": "Concerns", "adaptation": "Adaptations", "strength": "Strengths"}


def check_layout(browser, report, name, width):
    """What a reader sees first, the compact chart, ids that never break, no sideways scroll."""
    order = browser.eval("[...document.querySelectorAll('#verdict, #blocking, #questions, #checklist, #criteria')]"
                         ".map(e => e.id)")
    want = ["verdict"] + (["blocking"] if report["blocking"] else [])
    is_open = report["verdict"] == "undetermined" or report["optimistic_verdict"] != report["pessimistic_verdict"]
    if report["open_questions"] and is_open:
        want.append("questions")
    want += ["checklist", "criteria"]
    if order[:len(want)] != want:
        fail(f"{name}@{width}: the page leads with {order}, expected {want} first")
    kinds = browser.eval("[...document.querySelectorAll('#checklist-chart .kind')].map(k => "
                         "[k.dataset.kind, k.querySelector('.label').textContent, k.querySelectorAll('.seg').length])")
    expected_kinds = {}
    for c in report["criteria"]:
        expected_kinds[c["kind"]] = expected_kinds.get(c["kind"], 0) + 1
    if sorted((k, n) for k, _, n in kinds) != sorted(expected_kinds.items()):
        fail(f"{name}@{width}: one stacked bar per kind expected: {kinds} vs {expected_kinds}")
    if any(label != KIND_TITLES[k] for k, label, _ in kinds):
        fail(f"{name}@{width}: bars are labelled {kinds}, not by kind titles")
    titles = browser.eval("[...document.querySelectorAll('#checklist-chart .seg')].map(s => s.getAttribute('title'))")
    by_title = {c["title"] for c in report["criteria"]}
    if any(t.rsplit(": ", 1)[0] not in by_title for t in titles):
        fail(f"{name}@{width}: chart segments are not titled by criterion title: {titles[:3]}")
    if browser.eval("[...document.querySelectorAll('.seg.k-strength, .st.k-strength')]"
                    ".some(e => e.classList.contains('s-clear') || e.classList.contains('st-clear'))"):
        fail(f"{name}@{width}: a strength is shown as 'clear' instead of present/absent")
    broken = browser.eval("[...document.querySelectorAll('code.id')].filter(c => c.getClientRects().length > 1)"
                          ".map(c => c.textContent)")
    if broken:
        fail(f"{name}@{width}: ids broken across lines: {broken[:3]}")
    scroll = browser.eval("document.documentElement.scrollWidth")
    if scroll > width + 1:
        fail(f"{name}@{width}: the page scrolls sideways ({scroll} px wide)")
    if report["score"] == 0 and not browser.eval("!!document.querySelector('svg.gauge .track.zero')"):
        fail(f"{name}@{width}: a score of 0 is drawn as an empty ring")


def check_context(browser, workload, name):
    """Context lines around a snippet are the scanned file's own lines, never invented."""
    snippets = browser.eval("[...document.querySelectorAll('.ev')].filter(e => e.querySelector('.ctx')).map(e => "
                            "[e.querySelector('.where code').textContent, "
                            "[...e.querySelectorAll('pre.snippet > span.ctx')].map(s => "
                            "[+s.querySelector('.ln').textContent, s.querySelector('code').textContent])])")
    for where, lines in snippets:
        path = os.path.join(workload, re.sub(r":\d+(?::\d+)?$", "", where))  # path:line[:col]
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read().split("\n")
        for number, line in lines:
            if "".join(text[number - 1].split()) != "".join(line.split()):
                fail(f"{name}: context line {where} {number} is {line!r}, the file has {text[number - 1]!r}")
    return len(snippets)


def check_permissions(browser, report, name):
    """The permissions section shows, per function, the JSON report's policy, over-grant ratio,
    unused actions, wildcards and actions used but not granted."""
    perm = report.get("permissions")
    shown = browser.eval("[...document.querySelectorAll('#permissions details.perm-fn')].map(d => d.dataset.function)")
    if perm is None:
        if shown:
            fail(f"{name}: a permissions section without permissions in the JSON report")
        return None
    if shown != [f["name"] for f in perm["functions"]]:
        fail(f"{name}: permission functions {shown}, the JSON report has {[f['name'] for f in perm['functions']]}")
    seen = {}
    for i, f in enumerate(perm["functions"]):
        at = f"document.querySelectorAll('#permissions details.perm-fn')[{i}]"
        got = browser.eval(f"(d => ({{"
                           f"rows: [...d.querySelectorAll('table.perm-policy tbody tr')].map(r => "
                           f"[[...r.querySelectorAll('td.perm-actions code')].map(c => c.textContent), "
                           f"[...r.querySelectorAll('td.perm-resources code')].map(c => c.textContent)]), "
                           f"ratio: d.querySelector('.perm-ratio') && d.querySelector('.perm-ratio').dataset.ratio, "
                           f"unused: [...d.querySelectorAll('details.perm-unused code')].map(c => c.textContent), "
                           f"wild: [...d.querySelectorAll('ul.perm-wildcards li')].map(l => [l.dataset.action, l.dataset.resource]), "
                           f"missing: [...d.querySelectorAll('.perm-missing code')].map(c => c.textContent)}}))({at})")
        want_rows = [[s["actions"], s["resources"]] for s in f["policy"]]
        if got["rows"] != want_rows:
            fail(f"{name}: {f['name']} policy rows {got['rows']}, the JSON report has {want_rows}")
        g = f["granted"]
        if g is None:
            if got["ratio"] is not None or got["unused"] or got["wild"] or got["missing"]:
                fail(f"{name}: {f['name']} has no known grants but the page compares them: {got}")
        else:
            if got["ratio"] != f"{g['over_grant_ratio']:.1f}":
                fail(f"{name}: {f['name']} over-grant ratio {got['ratio']}, the JSON report {g['over_grant_ratio']}")
            if got["unused"] != g["unused"]:
                fail(f"{name}: {f['name']} unused actions differ: {got['unused'][:5]} vs {g['unused'][:5]}")
            if got["wild"] != [[w["action"], w["resource"]] for w in g["wildcards"]]:
                fail(f"{name}: {f['name']} wildcards {got['wild']} vs {g['wildcards']}")
            if got["missing"] != g["missing"]:
                fail(f"{name}: {f['name']} not granted {got['missing']} vs {g['missing']}")
        seen[f["name"]] = got
    return seen


def make_missing_grant_workload(root):
    """A SAM function granted read access to its bucket whose code also writes to it."""
    os.makedirs(os.path.join(root, "src"), exist_ok=True)
    with open(os.path.join(root, "template.yaml"), "w") as f:
        f.write("Transform: AWS::Serverless-2016-10-31\nResources:\n  Bucket:\n    Type: AWS::S3::Bucket\n"
                "  CopyFunction:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: src/\n"
                "      Handler: app.handler\n      Runtime: python3.12\n      Environment:\n        Variables:\n"
                "          BUCKET: !Ref Bucket\n      Policies:\n        - S3ReadPolicy:\n"
                "            BucketName: !Ref Bucket\n")
    with open(os.path.join(root, "src", "app.py"), "w") as f:
        f.write("import os\nimport boto3\n\ns3 = boto3.client('s3')\n\n\ndef handler(event, context):\n"
                "    body = s3.get_object(Bucket=os.environ['BUCKET'], Key='in')['Body'].read()\n"
                "    s3.put_object(Bucket=os.environ['BUCKET'], Key='out', Body=body)\n")
    return root


def check_report(browser, workload, name, extra_args=()):
    html_path = os.path.join(ARTIFACTS, f"{name}.html")
    run("assess", workload, "-o", html_path, *extra_args)  # the format follows the name
    report = json.loads(run("assess", workload, "--format", "json", *extra_args).stdout)
    url = "file://" + html_path
    contexts = 0
    for width, dark in ((1280, False), (390, False), (1280, True)):
        browser.open(url, width=width, dark=dark)
        check_no_requests(browser, url, name)
        verdict = browser.eval("document.getElementById('verdict').textContent")
        if verdict != report["verdict"]:
            fail(f"{name}: verdict badge says {verdict!r}, the JSON report {report['verdict']!r}")
        rows = browser.eval("[...document.querySelectorAll('#checklist-chart [data-criterion]')]"
                            ".map(g => [g.dataset.criterion, g.dataset.status])")
        expected = sorted([c["id"], c["status"]] for c in report["criteria"])
        if sorted(rows) != expected:
            fail(f"{name}: checklist chart rows {sorted(rows)} differ from the criteria {expected}")
        box = browser.eval("(r => [r.width, r.height])(document.getElementById('checklist-chart').getBoundingClientRect())")
        if box[0] < 300 or box[1] < 40:
            fail(f"{name}: the checklist chart is not laid out ({box})")
        platforms = browser.eval("document.querySelectorAll('#platforms tr[data-platform]').length")
        want_platforms = len(report["platforms"]) if len(report["platforms"]) > 1 else 0
        if platforms != want_platforms:
            fail(f"{name}: {platforms} platform rows for {len(report['platforms'])} platform(s)")
        if browser.eval("document.scripts.length + document.images.length + document.querySelectorAll('iframe,object,embed').length"):
            fail(f"{name}: the page has script, image or embedded elements")
        if not browser.eval("document.querySelectorAll('details').length"):
            fail(f"{name}: no collapsible sections")
        check_layout(browser, report, name, width)
        background = browser.eval("getComputedStyle(document.body).backgroundColor")
        level = sum(int(v) for v in re.findall(r"\d+", background)[:3])
        if dark != (level < 200):
            fail(f"{name}: background {background} in {'dark' if dark else 'light'} mode")
        contexts = max(contexts, check_context(browser, workload, name))
        permissions = check_permissions(browser, report, name)
        png = os.path.join(ARTIFACTS, f"{name}-{width}{'-dark' if dark else ''}.png")
        browser.screenshot(png)
        print(f"ok {name}@{width}{' dark' if dark else ''}: verdict {verdict}, {len(rows)} criteria in the chart, "
              f"{platforms} platform row(s); screenshot {png}")
    return html_path, contexts, permissions


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
        with_context = 0
        permissions = {}
        for d in sample_dirs():
            _, contexts, permissions[os.path.basename(d)] = check_report(browser, d, os.path.basename(d))
            with_context += contexts
        if not with_context:
            fail("no evidence snippet in any sample shows its surrounding lines")
        media = permissions["sam-python-media"]["IngestFunction"]
        if sorted(a for r in media["rows"] for a in r[0]) != ["dynamodb:PutItem", "s3:GetObject", "s3:PutObject"]:
            fail(f"sam-python-media: the policy shows {media['rows']}")
        if float(media["ratio"]) <= 20 or "s3:DeleteObject" not in media["unused"] or media["missing"]:
            fail(f"sam-python-media: over-grant not shown: ratio {media['ratio']}, missing {media['missing']}")
        if not {("s3:*", "*"), ("dynamodb:*", "*")} <= {tuple(w) for w in media["wild"]}:
            fail(f"sam-python-media: wildcards {media['wild']}")
        print(f"ok sam-python-media permissions: ratio {media['ratio']}, {len(media['unused'])} unused, {media['wild']}")
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
            copy = check_report(browser, make_missing_grant_workload(os.path.join(tmp, "missing")), "missing-grant")[2]
            if copy["CopyFunction"]["missing"] != ["s3:PutObject"]:
                fail(f"missing-grant: used but not granted shows {copy['CopyFunction']['missing']}")
            print("ok missing-grant: s3:PutObject shown as used but not granted")
    finally:
        browser.close()


if __name__ == "__main__":
    main()
