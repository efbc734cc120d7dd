#!/usr/bin/env python3
"""Event-stream load for scripts/bench/api-events.sh: WebSocket consoles on /api/v1/events, spread
over PROCS processes (one asyncio process cannot read a thousand busy streams), each behaving like
the browser consoles: read the snapshot, read events, and after a close (4008 fell behind, 4029
or 429 too many streams) reconnect after 1-3 s to a fresh snapshot.

    api-events-clients.py ADDRESS SESSIONS_FILE SECONDS

SESSIONS_FILE has one console per line: `role cookie agent_id` (role desk: an agent's desktop,
counting its own agent's events; supervisor: the whole tenant). One extra supervisor stream in its
own process, at nice -10 when allowed, is the reference: what the call path published. Latency is from each event's `at`
(stamped by the call path when the event happened) to its receipt. Delivered/expected counts the
events every console must get, stamped inside the measuring window: for a desk, `agent.state`
and `call.offered` of its own agent; for a supervisor, every event of the tenant.

Environment: PROCS (4), CLIENT_NICE (10: the consoles' nice value, that of kefu's API threads), FLIP_AGENT (`cookie agent_id`: flip that agent between sign_in and
sign_out at FLIP_RATE per second, for runs without call load), FLIP_RATE (20).
"""
import asyncio
import collections
import datetime
import json
import multiprocessing
import os
import random
import sys
import time
import urllib.request

import websockets

SETTLE = 5  # seconds at each end of the run left out of the window (connecting, in flight)
DESK_KINDS = {"agent.state", "call.offered"}


def parse(at):
    return datetime.datetime.fromisoformat(at.replace("Z", "+00:00")).timestamp()


class Tally:
    """What one process's consoles saw, per role: a latency histogram (ms), the events counted
    against expected, and connection outcomes; for the reference, events per agent and kind."""

    def __init__(self):
        self.latency = collections.defaultdict(collections.Counter)
        self.counted = collections.Counter()
        self.by_agent = collections.Counter()  # (agent, kind) -> events in the window (reference)
        self.outcomes = collections.defaultdict(collections.Counter)  # snapshots, closes by code, refusals

    def merge(self, other):
        for role in other.latency:
            self.latency[role].update(other.latency[role])
        for role in other.outcomes:
            self.outcomes[role].update(other.outcomes[role])
        self.counted.update(other.counted)
        self.by_agent.update(other.by_agent)


async def console(address, role, cookie, agent, window, stop_at, tally, reference=False):
    url = f"ws://{address}/api/v1/events"
    while time.time() < stop_at:
        try:
            async with websockets.connect(url, additional_headers={"Cookie": f"kefu_session={cookie}"}, max_queue=64,
                                          open_timeout=60, close_timeout=5, ping_interval=None) as ws:
                json.loads(await ws.recv())
                tally.outcomes[role]["snapshots"] += 1
                while True:
                    remaining = stop_at - time.time()
                    if remaining <= 0:
                        return
                    try:
                        message = await asyncio.wait_for(ws.recv(), remaining)
                    except asyncio.TimeoutError:
                        return
                    now = time.time()
                    event = json.loads(message)
                    if event.get("type") != "event":
                        continue
                    at = parse(event["at"])
                    tally.latency[role][int((now - at) * 1000)] += 1
                    if not window[0] <= at < window[1]:
                        continue
                    kind = event.get("kind")
                    if reference:
                        tally.by_agent[(event.get("agent_id"), kind)] += 1
                        tally.by_agent[("*", "*")] += 1
                    elif role == "supervisor" or (kind in DESK_KINDS and event.get("agent_id") == agent):
                        tally.counted[role] += 1
        except websockets.ConnectionClosed as closed:
            tally.outcomes[role][f"closed {closed.rcvd.code if closed.rcvd else 'without close frame'}"] += 1
        except websockets.exceptions.InvalidStatus as refused:
            tally.outcomes[role][f"refused {refused.response.status_code}"] += 1
        except (OSError, asyncio.TimeoutError, websockets.exceptions.InvalidHandshake) as error:
            tally.outcomes[role][f"failed {type(error).__name__}"] += 1
        await asyncio.sleep(1 + 2 * random.random())


def worker(address, consoles, window, stop_at, reference, results):
    # The consoles would be on other machines: here they run at the priority of kefu's API
    # threads (CLIENT_NICE, 10), not ahead of them. The reference must keep up to count what
    # was published: it runs ahead of both (nice -10, when allowed).
    try:
        os.nice(-10 if reference else int(os.environ.get("CLIENT_NICE", "10")))
    except OSError:
        pass

    async def run():
        tally = Tally()
        await asyncio.gather(*(console(address, role, cookie, agent, window, stop_at, tally, reference)
                               for role, cookie, agent in consoles))
        return tally
    results.put((reference, asyncio.run(run())))


def flip(address, cookie, agent, stop_at, rate):
    for index in range(int(rate * (stop_at - time.time()))):
        action = "sign_in" if index % 2 == 0 else "sign_out"
        request = urllib.request.Request(f"http://{address}/api/v1/agents/{agent}/state", method="POST",
                                         data=json.dumps({"action": action}).encode(),
                                         headers={"Content-Type": "application/json", "Cookie": f"kefu_session={cookie}"})
        try:
            urllib.request.urlopen(request).read()
        except OSError:
            pass
        time.sleep(1 / rate)


def percentile(histogram, q):
    total = sum(histogram.values())
    seen = 0
    for value in sorted(histogram):
        seen += histogram[value]
        if seen >= q * total:
            return value
    return None


def main():
    address, sessions_file, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
    consoles = [tuple(line.split()) for line in open(sessions_file) if line.strip()]
    consoles = [(c[0], c[1], c[2] if len(c) > 2 else "") for c in consoles]
    supervisors = [c for c in consoles if c[0] == "supervisor"]
    reference_cookie = (supervisors[0] if supervisors else consoles[0])[1]
    procs = max(1, int(os.environ.get("PROCS", "4")))
    started = time.time()
    stop_at = started + seconds
    window = (started + SETTLE, stop_at - SETTLE)
    results = multiprocessing.Queue()
    workers = [multiprocessing.Process(target=worker, args=(address, consoles[k::procs], window, stop_at, False, results))
               for k in range(procs)]
    workers.append(multiprocessing.Process(target=worker, args=(address, [("supervisor", reference_cookie, "")], window, stop_at,
                                                                True, results)))
    for process in workers:
        process.start()
    flipper = os.environ.get("FLIP_AGENT")
    if flipper:
        cookie, agent = flipper.split()
        multiprocessing.Process(target=flip, args=(address, cookie, agent, stop_at - SETTLE, float(os.environ.get("FLIP_RATE", "20")))).start()
    tallies = [results.get() for _ in workers]
    for process in workers:
        process.join()
    reference = next(part for is_reference, part in tallies if is_reference)
    tally = Tally()
    for is_reference, part in tallies:
        if not is_reference:
            tally.merge(part)
    desks = {agent for role, _, agent in consoles if role == "desk"}
    expected = {"desk": sum(count for (agent, kind), count in reference.by_agent.items() if agent in desks and kind in DESK_KINDS),
                "supervisor": len(supervisors) * reference.by_agent[("*", "*")]}
    kinds = collections.Counter(role for role, _, _ in consoles)
    print(f"consoles: {', '.join(f'{n} {role}' for role, n in kinds.items())} in {procs} client processes, "
          f"{seconds:.0f} s (window {window[1] - window[0]:.0f} s)")
    print(f"reference whole-tenant stream: {reference.by_agent[('*', '*')]} tenant events in the window "
          f"({reference.by_agent[('*', '*')] / (window[1] - window[0]):.0f}/s); its connections: {dict(reference.outcomes['supervisor'])}")
    for role in kinds:
        histogram = tally.latency[role]
        received = sum(histogram.values())
        latency = (f"latency call path -> client median {percentile(histogram, 0.5)} ms, p99 {percentile(histogram, 0.99)} ms, "
                   f"max {max(histogram)} ms" if received else "no events")
        ratio = f" ({100 * tally.counted[role] / expected[role]:.1f}%)" if expected[role] else ""
        print(f"{role}: {received} events received; {latency}; delivered/expected {tally.counted[role]}/{expected[role]}{ratio}; "
              f"connections {dict(tally.outcomes[role])}")

if __name__ == "__main__":
    main()
