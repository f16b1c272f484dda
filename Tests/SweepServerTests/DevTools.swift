import Foundation
import Testing

/// Drives headless Chromium through the DevTools protocol over a pipe (`--remote-debugging-pipe`,
/// no WebSocket and nothing from PyPI needed): a small Python program runs a plan of steps in one
/// page and prints what they found as JSON. Steps: `open` a URL (waits for the load), `eval` an
/// expression (`as`: where its value goes), `post` a JSON body to a URL, `wait` until an
/// expression is true (`as` gets the seconds it took after the step before, or null after
/// `timeout` seconds), `shot` a screenshot to a path. `errors` holds what the page threw or
/// logged as an error.
enum DevTools {
    /// Runs `plan` in a fresh headless Chromium at `chromium`; the results by `as` name, and `errors`.
    static func run(_ plan: [[String: Any]], chromium: String) async throws -> [String: Any] {
        let planText = String(decoding: try JSONSerialization.data(withJSONObject: plan), as: UTF8.self)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sweep-devtools-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let program = folder.appendingPathComponent("driver.py")
        let output = folder.appendingPathComponent("out.json")
        try Data(driver.utf8).write(to: program)
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", program.path, chromium, planText]
        process.standardOutput = try FileHandle(forWritingTo: output)
        let status = try await process.exitStatus()
        let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        try #require(status == 0, "the DevTools driver exited \(status): \(text)")
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "\(text)")
    }

    /// The Python program (standard library only).
    static let driver = #"""
import base64, json, os, select, shutil, subprocess, sys, tempfile, time, urllib.request

chromium, plan = sys.argv[1], json.loads(sys.argv[2])
r_cmd, w_cmd = os.pipe()
r_out, w_out = os.pipe()


def child():
    # Chromium reads commands on fd 3 and writes answers on fd 4 (--remote-debugging-pipe).
    a, b = os.dup(r_cmd), os.dup(w_out)
    os.dup2(a, 3)
    os.dup2(b, 4)


profile = tempfile.mkdtemp(prefix="sweep-chromium-")
proc = subprocess.Popen(
    [chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
     "--user-data-dir=" + profile, "--remote-debugging-pipe", "about:blank"],
    preexec_fn=child, close_fds=False, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
os.close(r_cmd)
os.close(w_out)
buffer, next_id, errors = b"", 0, []


def receive(timeout=30):
    global buffer
    while b"\0" not in buffer:
        if not select.select([r_out], [], [], timeout)[0]:
            raise TimeoutError("chromium did not answer in %s s" % timeout)
        chunk = os.read(r_out, 1 << 20)
        if not chunk:
            raise EOFError("chromium closed its pipe")
        buffer += chunk
    message, buffer = buffer.split(b"\0", 1)
    return json.loads(message)


def send(method, params=None, session=None):
    global next_id
    next_id += 1
    message = {"id": next_id, "method": method, "params": params or {}}
    if session:
        message["sessionId"] = session
    data = json.dumps(message).encode() + b"\0"
    while data:
        data = data[os.write(w_cmd, data):]
    while True:
        answer = receive()
        if answer.get("id") == next_id:
            if "error" in answer:
                raise RuntimeError("%s: %s" % (method, answer["error"]))
            return answer.get("result", {})
        method_name = answer.get("method")
        params_ = answer.get("params", {})
        if method_name == "Runtime.exceptionThrown":
            errors.append(params_["exceptionDetails"].get("exception", {}).get("description") or params_["exceptionDetails"].get("text"))
        elif method_name == "Runtime.consoleAPICalled" and params_.get("type") == "error":
            errors.append(" ".join(str(a.get("value", a.get("description"))) for a in params_.get("args", [])))


def evaluate(session, expression):
    result = send("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True}, session)
    if "exceptionDetails" in result:
        raise RuntimeError("%s: %s" % (expression, result["exceptionDetails"]))
    return result["result"].get("value")


results = {}
try:
    target = send("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    send("Runtime.enable", session=session)
    send("Page.enable", session=session)
    send("Emulation.setDeviceMetricsOverride", {"width": 1000, "height": 1100, "deviceScaleFactor": 1, "mobile": False}, session)
    since = time.monotonic()
    for step in plan:
        name = step.get("as")
        if "open" in step:
            send("Page.navigate", {"url": step["open"]}, session)
            deadline = time.monotonic() + 20
            loaded = "document.readyState === 'complete' && location.href === %s" % json.dumps(step["open"])
            while not evaluate(session, loaded) and time.monotonic() < deadline:
                time.sleep(0.05)
        elif "eval" in step:
            results[name] = evaluate(session, step["eval"])
        elif "post" in step:
            request = urllib.request.Request(step["post"], data=step.get("body", "").encode(), method="POST",
                                             headers={"Content-Type": "application/json"})
            with urllib.request.urlopen(request) as answer:
                value = json.loads(answer.read() or b"null")
            if name:
                results[name] = value
        elif "wait" in step:
            # Polls the expression until it is true; records the seconds since the step before ended.
            deadline = time.monotonic() + step.get("timeout", 10)
            value = None
            while time.monotonic() < deadline:
                value = evaluate(session, step["wait"])
                if value:
                    break
                time.sleep(0.02)
            results[name] = round(time.monotonic() - since, 3) if value else None
        elif "shot" in step:
            data = send("Page.captureScreenshot", {"format": "png"}, session)["data"]
            with open(step["shot"], "wb") as f:
                f.write(base64.b64decode(data))
        since = time.monotonic()
    evaluate(session, "0")  # reads the events sent so far
    results["errors"] = errors
    try:
        send("Browser.close")
    except Exception:
        pass
finally:
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
    shutil.rmtree(profile, ignore_errors=True)
print(json.dumps(results))
"""#
}
