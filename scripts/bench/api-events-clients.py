#!/usr/bin/env python3
"""Event-stream load for scripts/bench/api-events.sh: CLIENTS WebSocket clients (the agent's
session, each seeing only the agent's own events, as agents' desktops do; or the supervisor's,
each seeing the whole tenant, with CLIENT_ROLE=supervisor),
one agent flipping between sign_in and sign_out EVENTS times at RATE per second; prints
how many agent.state events arrived and the latency from the event's `at` to each client."""
import asyncio
import datetime
import json
import statistics
import sys
import time
import urllib.request

import websockets

import os
address, supervisor, agent, agent_id, clients, events, rate = sys.argv[1:8]
viewer = supervisor if os.environ.get("CLIENT_ROLE") == "supervisor" else agent
clients, events, rate = int(clients), int(events), float(rate)
latencies = []
received = 0


def parse(at):
    return datetime.datetime.fromisoformat(at.replace("Z", "+00:00")).timestamp()


async def client(ready, done):
    global received
    async with websockets.connect(f"ws://{address}/api/v1/events", additional_headers={"Cookie": f"kefu_session={viewer}"},
                                  max_queue=None, open_timeout=60) as ws:
        json.loads(await ws.recv())  # snapshot
        ready.release()
        while not done.is_set():
            try:
                message = await asyncio.wait_for(ws.recv(), 1)
            except asyncio.TimeoutError:
                continue
            now = time.time()
            event = json.loads(message)
            if event.get("kind") == "agent.state" and event.get("agent_id") == agent_id:
                received += 1
                latencies.append((now - parse(event["at"])) * 1000)


def flip(action):
    request = urllib.request.Request(f"http://{address}/api/v1/agents/{agent_id}/state", method="POST",
                                     data=json.dumps({"action": action}).encode(),
                                     headers={"Content-Type": "application/json", "Cookie": f"kefu_session={agent}"})
    urllib.request.urlopen(request).read()


async def main():
    ready = asyncio.Semaphore(0)
    done = asyncio.Event()
    started = time.time()
    tasks = [asyncio.create_task(client(ready, done)) for _ in range(clients)]
    for _ in range(clients):
        await ready.acquire()
    print(f"{clients} WebSocket clients connected with snapshots in {time.time() - started:.1f} s")
    loop = asyncio.get_running_loop()
    began = time.time()
    for index in range(events):
        await loop.run_in_executor(None, flip, "sign_in" if index % 2 == 0 else "sign_out")
        delay = began + (index + 1) / rate - time.time()
        if delay > 0:
            await asyncio.sleep(delay)
    expected = events * clients
    deadline = time.time() + 30
    while received < expected and time.time() < deadline:
        await asyncio.sleep(0.2)
    done.set()
    await asyncio.gather(*tasks, return_exceptions=True)
    if latencies:
        ordered = sorted(latencies)
        p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
        print(f"agent.state events: {received} of {expected} delivered ({events} state changes x {clients} clients, "
              f"{rate:g} changes/s); latency event->client median {statistics.median(ordered):.1f} ms, "
              f"p99 {p99:.1f} ms, max {ordered[-1]:.1f} ms")
    else:
        print(f"agent.state events: none of {expected} delivered")


asyncio.run(main())
