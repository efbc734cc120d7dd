#!/usr/bin/env python3
"""The figures of `scripts/bench/callpath-load.sh load` (issue 7's load target).

    callpath-load-report.py DATA_DIR FROM_MS TO_MS WRAP_MS LIMIT METRICS_SAMPLES AGENT_MESSAGE_LOG...

Reads kefu's store (the CDRs, recordings and agent state history of calls that arrived in
[FROM_MS, TO_MS)), the `/metrics` samples the script took every second ("epoch_ms calls busy"
per line) and the agents' SIPp message traces, and prints:

- the CDRs by disposition and the recordings written (stereo, with audio bytes);
- how many calls were at once in the IVR or the queue and how many were bridged, from the
  samples: the peaks, and the medians over the seconds when SIPp held at least 95 % of its
  LIMIT of calls at once (the run's steady state, between the ramp and the drain);
- setup excluding the IVR and the wait in the queue: for each call an agent answered, from the
  moment the caller was in the queue and the agent ready (whichever came later) to the INVITE
  arriving at the agent's SIPp; median, p99 and max. An agent is ready from a `ready` state
  change or WRAP_MS after a `wrap_up` one (an agent whose wrap-up ends with a caller waiting
  goes straight to ringing, with no `ready` in between);
- for context, the IVR time (arrived -> enqueued) and the queue wait (enqueued -> offered).
"""

import datetime
import os
import re
import sqlite3
import sys
from bisect import bisect_right


def percentiles(values, unit="ms"):
    if not values:
        return "none"
    values = sorted(values)
    at = lambda q: values[min(len(values) - 1, int(q * len(values)))]
    return f"median {at(0.5):.1f} {unit}, p99 {at(0.99):.1f} {unit}, max {values[-1]:.1f} {unit} ({len(values)} calls)"


def agent_invites(paths):
    """(epoch ms, caller number) of every INVITE the agents' SIPps received."""
    for path in paths:
        text = open(path, errors="replace").read()
        for block in text.split("\n----------------------------------------------- ")[1:]:
            stamp, _, rest = block.partition("\n")
            if "received" not in rest.split("\n", 1)[0]:
                continue
            body = rest.split("\n", 2)[-1].lstrip("\n")
            if not body.startswith("INVITE "):
                continue
            when = datetime.datetime.strptime(stamp.strip()[:26], "%Y-%m-%d %H:%M:%S.%f").timestamp() * 1000
            number = re.search(r"1380\d+", body.split("\n\n", 1)[0])
            if number:
                yield when, number.group(0)


def main():
    directory, start, end, wrap_ms, samples_path = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[6]
    limit = int(sys.argv[5])
    db = sqlite3.connect(f"file:{os.path.join(directory, 'kefu.sqlite')}?mode=ro", uri=True, timeout=30)
    cdrs = db.execute(
        "SELECT caller_number, agent_id, arrived_at, enqueued_at, offered_at, answered_at, disposition, recording_id "
        "FROM call_detail_records WHERE arrived_at >= ? AND arrived_at < ?", (start, end)).fetchall()
    dispositions = {}
    for row in cdrs:
        dispositions[row[6]] = dispositions.get(row[6], 0) + 1
    print(f"CDRs: {len(cdrs)} ({', '.join(f'{k} {v}' for k, v in sorted(dispositions.items()))})")

    recordings = db.execute(
        "SELECT channels, size_bytes FROM recordings WHERE started_at >= ? AND started_at < ?", (start, end)).fetchall()
    stereo = sum(1 for channels, size in recordings if channels == 2 and size > 44)
    print(f"recordings: {len(recordings)}, {stereo} of them stereo with audio")

    samples = []
    for line in open(samples_path):
        parts = line.split()
        if len(parts) == 3:
            samples.append((int(parts[0]), int(parts[1]), int(parts[2])))
    if samples:
        middle = lambda values: sorted(values)[len(values) // 2] if values else 0
        steady = [(calls, busy) for _, calls, busy in samples if calls >= 0.95 * limit]
        print(f"at once (/metrics every second): in the IVR or the queue peak {max(c - b for _, c, b in samples)}, "
              f"bridged peak {max(b for _, _, b in samples)}; over the {len(steady)} s with at least 95 % of "
              f"{limit} calls up: in the IVR or the queue median {middle([c - b for c, b in steady])}, "
              f"bridged median {middle([b for _, b in steady])}")

    ready = {}
    for agent, at, state in db.execute(
            "SELECT agent_id, occurred_at, state FROM agent_state_events WHERE state IN ('ready', 'wrap_up')"):
        ready.setdefault(agent, []).append((at, at + (wrap_ms if state == "wrap_up" else 0)))
    for changes in ready.values():
        changes.sort()
    invites = {}
    for when, number in agent_invites(sys.argv[7:]):
        invites.setdefault(number, []).append(when)
    setups, ivr, wait = [], [], []
    for caller, agent, arrived, enqueued, offered, answered, _, _ in cdrs:
        if enqueued is not None:
            ivr.append(enqueued - arrived)
        if enqueued is not None and offered is not None:
            wait.append((offered - enqueued) / 1000)
        if answered is None or agent is None or enqueued is None or caller not in invites:
            continue
        invite = next((t for t in invites[caller] if t >= enqueued), None)
        changes = ready.get(agent, [])
        index = bisect_right(changes, (invite, invite)) if invite is not None else 0
        if invite is None or index == 0:
            continue
        # The wrap-up timer starts a moment before the wrap_up change is stamped, so the agent
        # may ring a millisecond or two before WRAP_MS after that stamp.
        setups.append(max(0.0, invite - max(enqueued, changes[index - 1][1])))
    print(f"setup, caller queued and agent ready -> INVITE at the agent's phone: {percentiles(setups)}")
    print(f"IVR (arrived -> enqueued): {percentiles(ivr)}; wait in the queue (enqueued -> offered): {percentiles(wait, 's')}")


if __name__ == "__main__":
    main()
