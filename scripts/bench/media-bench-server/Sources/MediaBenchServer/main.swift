// Opens Kefu media legs for the benchmark and keeps them running until stdin says "stop".
//
//   MediaBenchServer bridge CALLS PORT_MIN PORT_MAX
//       opens 2·CALLS legs, bridges them in pairs, prints "READY", then one line per call:
//       "<caller leg port> <agent leg port>". Legs latch onto whoever sends to them.
//   MediaBenchServer playback STREAMS REMOTE_PORT PORT_MIN PORT_MAX PROMPT.wav
//       opens STREAMS legs that loop PROMPT.wav to 127.0.0.1:REMOTE_PORT, prints "READY".
// On "stop" it prints the engine's counters and exits.

import Foundation
import Media

let arguments = CommandLine.arguments
guard arguments.count >= 5 else {
    FileHandle.standardError.write(Data("usage: MediaBenchServer bridge CALLS PORT_MIN PORT_MAX | playback STREAMS REMOTE_PORT PORT_MIN PORT_MAX PROMPT\n".utf8))
    exit(2)
}

func say(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}

func waitForStop() {
    while let line = readLine() {
        if line.trimmingCharacters(in: .whitespaces) == "stop" { break }
    }
}

let mode = arguments[1]
let count = Int(arguments[2]) ?? 0
let portArguments = mode == "bridge" ? (arguments[3], arguments[4]) : (arguments[4], arguments[5])
let engine = try MediaEngine(configuration: .init(host: "127.0.0.1", portRange: Int(portArguments.0)!...Int(portArguments.1)!))
var legs: [MediaLeg] = []

switch mode {
case "bridge":
    var lines: [String] = []
    for _ in 0..<count {
        let options = LegOptions(payloads: RTPPayloadMap(audio: .pcma), rtpTimeoutMilliseconds: nil)
        let caller = try await engine.openLeg(options)
        let agent = try await engine.openLeg(options, near: caller)
        _ = try await engine.bridge(caller, agent)
        legs += [caller, agent]
        lines.append("\(caller.localPort) \(agent.localPort)")
    }
    say("READY\n" + lines.joined(separator: "\n"))
case "playback":
    let remotePort = Int(arguments[3])!
    let prompt = Prompt.loop(.file(path: arguments[6]), times: nil)
    _ = try await engine.resolve(prompt)
    for _ in 0..<count {
        let leg = try await engine.openLeg(
            LegOptions(remote: RemoteMedia(host: "127.0.0.1", port: remotePort), payloads: RTPPayloadMap(audio: .pcma), rtpTimeoutMilliseconds: nil, latching: .signalled))
        _ = try await leg.startPlayback(prompt)
        legs.append(leg)
    }
    say("READY")
default:
    FileHandle.standardError.write(Data("unknown mode \(mode)\n".utf8))
    exit(2)
}
waitForStop()
var received: UInt64 = 0
var sent: UInt64 = 0
var dropped: UInt64 = 0
for leg in legs {
    if let statistics = await leg.statistics() {
        received += statistics.packetsReceived
        sent += statistics.packetsSent
        dropped += statistics.packetsDropped
    }
}
say("legs=\(legs.count) packets_received=\(received) packets_sent=\(sent) packets_dropped=\(dropped)")
await engine.shutdown()
