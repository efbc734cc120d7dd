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
  moment the caller was in the queue and the agent free (whichever came later) to the INVITE
  arriving at the agent's SIPp; median, p99 and max. An agent is free from its `ready` state
  change (signing in) or WRAP_MS after its SIPp sent the BYE that ended its previous call
  (an agent freed with a caller waiting goes straight to ringing, with no `ready` between);
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
    return (f"median {at(0.5):.1f} {unit}, p99 {at(0.99):.1f} {unit}, min {values[0]:.1f} {unit}, max {values[-1]:.1f} {unit} "
            f"({len(values)} calls)")


def agent_messages(paths):
    """(epoch ms, extension, caller number) of the INVITEs the agents' SIPps received and of
    the BYEs they sent (caller number None): the extension from the agent's side of the
    dialog (the INVITE's To, the BYE's From), the caller's from the INVITE's 1380<n>."""
    for path in paths:
        text = open(path, errors="replace").read()
        for block in text.split("\n----------------------------------------------- ")[1:]:
            stamp, _, rest = block.partition("\n")
            direction = rest.split("\n", 1)[0]
            body = rest.split("\n", 2)[-1].lstrip("\n")
            head = body.split("\n\n", 1)[0]
            if "received" in direction and body.startswith("INVITE "):
                agent_header, caller = "To", re.search(r"1380\d+", head)
                if not caller:
                    continue
                caller = caller.group(0)
            elif "sent" in direction and body.startswith("BYE "):
                agent_header, caller = "From", None
            else:
                continue
            extension = re.search(rf"^{agent_header}:[^\n]*?sip:(\d+)@", head, re.M)
            if extension:
                when = datetime.datetime.strptime(stamp.strip()[:26], "%Y-%m-%d %H:%M:%S.%f").timestamp() * 1000
                yield when, extension.group(1), caller


def main():
    directory, start, end, wrap_ms, samples_path = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[6]
    limit = int(sys.argv[5])
    db = sqlite3.connect(f"file:{os.path.join(directory, 'kefu.sqlite')}?mode=ro", uri=True, timeout=30)
    cdrs = db.execute(
        "SELECT c.caller_number, c.agent_id, c.arrived_at, c.enqueued_at, c.offered_at, c.answered_at, c.disposition, "
        "c.recording_id, a.extension FROM call_detail_records c LEFT JOIN agents a ON a.id = c.agent_id "
        "WHERE c.arrived_at >= ? AND c.arrived_at < ?", (start, end)).fetchall()
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

    free = {}  # extension -> sorted epoch ms from which the agent could take a call
    for extension, at in db.execute(
            "SELECT a.extension, e.occurred_at FROM agent_state_events e JOIN agents a ON a.id = e.agent_id "
            "WHERE e.state = 'ready'"):
        free.setdefault(extension, []).append(at)
    invites = {}
    for when, extension, caller in agent_messages(sys.argv[7:]):
        if caller is None:
            free.setdefault(extension, []).append(when + wrap_ms)
        else:
            invites.setdefault(caller, []).append(when)
    for times in free.values():
        times.sort()
    setups, ivr, wait = [], [], []
    for caller, agent, arrived, enqueued, offered, answered, _, _, extension in cdrs:
        if enqueued is not None:
            ivr.append(enqueued - arrived)
        if enqueued is not None and offered is not None:
            wait.append((offered - enqueued) / 1000)
        if answered is None or extension is None or enqueued is None or caller not in invites:
            continue
        invite = next((t for t in invites[caller] if t >= enqueued), None)
        times = free.get(extension, [])
        index = bisect_right(times, invite) if invite is not None else 0
        if invite is None or index == 0:
            continue
        setups.append(invite - max(enqueued, times[index - 1]))
    print(f"setup, caller queued and agent free -> INVITE at the agent's phone: {percentiles(setups)}")
    print(f"IVR (arrived -> enqueued): {percentiles(ivr)}; wait in the queue (enqueued -> offered): {percentiles(wait, 's')}")


if __name__ == "__main__":
    main()
