"""Reads a folder that `sweep export tensorboard` wrote with TensorBoard's own readers and prints
what they found as JSON: per run, every scalar (step and float.hex() value) as the Scalars
dashboard's data provider reads it, the HParams session (values, group, status), and the root's
HParams experiment (parameters with types and domains, metrics).

With --serve, it runs TensorBoard itself on DIR instead (`python3 -m tensorboard.main`, the fast
loader: the Rust data server the command line uses by default), waits until it has loaded
RUNS runs with scalars, and prints what its HTTP API answers the Scalars and HParams tabs.

Usage: python3 tensorboard_read.py DIR
       python3 tensorboard_read.py --serve DIR RUNS
"""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request

from tensorboard import context
from tensorboard.backend.event_processing import data_provider, event_file_loader
from tensorboard.backend.event_processing import plugin_event_multiplexer
from tensorboard.plugins.hparams import api_pb2, metadata


def hexed(value):
    return value.hex() if isinstance(value, float) else value


def value_json(value):
    kind = value.WhichOneof("kind")
    if kind == "number_value":
        return {"number": value.number_value.hex()}
    if kind == "string_value":
        return {"string": value.string_value}
    if kind == "bool_value":
        return {"bool": value.bool_value}
    raise SystemExit(f"unexpected hparam value kind {kind}")


def main(logdir):
    multiplexer = plugin_event_multiplexer.EventMultiplexer(
        tensor_size_guidance={"scalars": 0, "hparams": 0}, purge_orphaned_data=True
    )
    multiplexer.AddRunsFromDirectory(logdir)
    multiplexer.Reload()
    provider = data_provider.MultiplexerDataProvider(multiplexer, logdir)
    ctx = context.RequestContext()
    scalars = provider.read_scalars(
        ctx, experiment_id="", plugin_name="scalars", downsample=10**9
    )
    result = {"runs": {}, "experiment": None, "files": {}}
    for run, tags in scalars.items():
        entry = result["runs"].setdefault(run, {})
        entry["scalars"] = {
            tag: [[point.step, hexed(point.value)] for point in points]
            for tag, points in tags.items()
        }
    hparams = multiplexer.PluginRunToTagToContent(metadata.PLUGIN_NAME)
    for run, tags in hparams.items():
        entry = result["runs"].setdefault(run, {})
        for tag, content in tags.items():
            if tag == metadata.EXPERIMENT_TAG:
                experiment = metadata.parse_experiment_plugin_data(content)
                result["experiment"] = {
                    "run": run,
                    "name": experiment.name,
                    "description": experiment.description,
                    "hparams": [
                        {
                            "name": info.name,
                            "type": api_pb2.DataType.Name(info.type),
                            "differs": info.differs,
                            "interval": [info.domain_interval.min_value.hex(), info.domain_interval.max_value.hex()]
                            if info.HasField("domain_interval")
                            else None,
                            "discrete": [value_json(v) for v in info.domain_discrete.values]
                            if info.HasField("domain_discrete")
                            else None,
                        }
                        for info in experiment.hparam_infos
                    ],
                    "metrics": [m.name.tag for m in experiment.metric_infos],
                }
            elif tag == metadata.SESSION_START_INFO_TAG:
                start = metadata.parse_session_start_info_plugin_data(content)
                entry["hparams"] = {name: value_json(v) for name, v in start.hparams.items()}
                entry["group"] = start.group_name
                entry["start"] = start.start_time_secs
            elif tag == metadata.SESSION_END_INFO_TAG:
                end = metadata.parse_session_end_info_plugin_data(content)
                entry["status"] = api_pb2.Status.Name(end.status)
                entry["end"] = end.end_time_secs
    # Every file read record by record by the loader TensorBoard uses (it checks both checksums).
    for folder, _, names in os.walk(logdir):
        for name in names:
            path = os.path.join(folder, name)
            events = list(event_file_loader.EventFileLoader(path).Load())
            result["files"][os.path.relpath(path, logdir)] = {
                "events": len(events),
                "file_version": events[0].file_version if events else None,
            }
    json.dump(result, sys.stdout)


def serve(logdir, runs):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "tensorboard.main", "--logdir", logdir, "--host", "127.0.0.1", "--port", str(port),
         "--load_fast=true", "--reload_interval=1"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"

    def get(path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(base + path, data=data, headers={"Content-Type": "application/json"})
        return json.load(urllib.request.urlopen(request, timeout=30))

    try:
        deadline = time.monotonic() + 240
        tags = {}
        while time.monotonic() < deadline:
            if server.poll() is not None:
                raise SystemExit("tensorboard exited: " + server.stderr.read().decode(errors="replace"))
            try:
                tags = get("/data/plugin/scalars/tags")
                if len([run for run, t in tags.items() if t]) >= runs:
                    break
            except OSError:
                pass
            time.sleep(0.5)
        else:
            raise SystemExit(f"tensorboard loaded {len(tags)} runs with scalars in 240 s; expected {runs}")
        result = {"runs": {}, "sessions": {}}
        for run, run_tags in tags.items():
            result["runs"][run] = {
                tag: [[step, float(value).hex()] for _, step, value in get(f"/data/plugin/scalars/scalars?run={run}&tag={tag}")]
                for tag in run_tags
            }
        statuses = ["STATUS_UNKNOWN", "STATUS_SUCCESS", "STATUS_FAILURE", "STATUS_RUNNING"]
        groups = get("/data/plugin/hparams/session_groups",
                     {"experimentName": "", "allowedStatuses": statuses, "startIndex": 0, "sliceSize": 100000})
        for group in groups.get("sessionGroups", []):
            for session in group["sessions"]:
                result["sessions"][session["name"]] = {"status": session["status"], "group": group["name"]}
        json.dump(result, sys.stdout)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


if __name__ == "__main__":
    if sys.argv[1] == "--serve":
        serve(sys.argv[2], int(sys.argv[3]))
    else:
        main(sys.argv[1])
