// An agent's softphone played by a real baresip (PEERS.md): registers with digest auth,
// auto-answers offers, sends a sine tone, records what it hears and sends (sndfile), and
// takes commands (dial) over its ctrl_tcp socket.

import Foundation

/// Why baresip could not be used.
public struct BaresipError: Error, CustomStringConvertible {
    /// What went wrong, with baresip's output.
    public var description: String
}

/// One baresip process registered as an agent's extension, on free loopback ports.
public final class BaresipAgent: Sendable {
    /// Where Debian installs baresip.
    public static let executable = "/usr/bin/baresip"

    /// Whether baresip is installed.
    public static var isInstalled: Bool { FileManager.default.isExecutableFile(atPath: executable) }

    /// The extension.
    public let extensionNumber: String
    /// The tenant's SIP domain.
    public let domain: String
    /// The folder with `config`, `accounts` and the recordings (`sound/`).
    public let directory: String
    /// baresip's SIP port (it also binds TLS on the next one).
    public let sipPort: Int
    /// The ctrl_tcp port.
    public let controlPort: Int
    /// The process.
    public let child: ChildProcess

    /// Starts baresip for `extension` with `password`, registering through kefu at
    /// 127.0.0.1:`kefuPort` (outbound proxy) in `domain`, auto-answering, sending a `tone` Hz
    /// sine. Files go to `directory`.
    public init(extension extensionNumber: String, password: String, domain: String, kefuPort: Int, tone: Int, directory: String) throws {
        self.extensionNumber = extensionNumber
        self.domain = domain
        self.directory = directory
        // SIP, then TLS on SIP + 1 (baresip binds it whatever the transports say): two free ports in a row.
        var sip = LoopbackPort.free()
        for _ in 0..<20 where !LoopbackPort.isFreeForUDPAndTCP(sip + 1) { sip = LoopbackPort.free() }
        sipPort = sip
        controlPort = LoopbackPort.free()
        let rtp = RTPPortRange.free(count: 20)
        try FileManager.default.createDirectory(atPath: directory + "/sound", withIntermediateDirectories: true)
        let config = [
            ("sip_listen", "127.0.0.1:\(sipPort)"), ("sip_transports", "udp"), ("net_interface", "127.0.0.1"),
            ("module_path", "/usr/lib/baresip/modules"),
            ("module", "g711.so"), ("module", "ausine.so"), ("module", "aubridge.so"), ("module", "sndfile.so"),
            ("module", "ctrl_tcp.so"), ("module", "menu.so"), ("module_app", "account.so"),
            // ausine only makes 48 kHz stereo; baresip resamples for G.711.
            ("audio_source", "ausine,\(tone)"), ("ausrc_srate", "48000"), ("ausrc_channels", "2"),
            ("audio_player", "aubridge,nil"), ("auplay_srate", "48000"), ("auplay_channels", "2"),
            ("snd_path", directory + "/sound"), ("ctrl_tcp_listen", "127.0.0.1:\(controlPort)"),
            ("rtp_ports", "\(rtp.lowerBound)-\(rtp.upperBound)"),
        ].map { "\($0.0)\t\t\($0.1)" }.joined(separator: "\n") + "\n"
        try config.write(toFile: directory + "/config", atomically: true, encoding: .utf8)
        let account = "<sip:\(extensionNumber)@\(domain)>;auth_pass=\(password);outbound=\"sip:127.0.0.1:\(kefuPort)\";answermode=auto;regint=600\n"
        try account.write(toFile: directory + "/accounts", atomically: true, encoding: .utf8)
        child = try ChildProcess(executable: Self.executable, arguments: ["-4", "-f", directory], directory: directory, name: "baresip")
    }

    /// Waits until the registration succeeded (`200 OK` in baresip's output).
    public func waitForRegistration(timeout: Duration) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if child.output.contains("200 OK") { return }
            if !child.isRunning { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw BaresipError(description: "baresip \(extensionNumber) did not register within \(timeout)\n\(logTail)")
    }

    /// Dials `number` in the domain with the `dial` command and waits (at most `timeout`)
    /// until the call is over (`CALL_CLOSED`); returns the events seen, e.g.
    /// `CALL_ESTABLISHED`. A feature code (`*1`) is answered, announced and hung up by kefu.
    public func dialAndWaitForEnd(_ number: String, timeout: Duration) async throws -> [String] {
        let control = try ControlConnection(port: controlPort)
        defer { control.close() }
        try control.send(command: "dial", params: "sip:\(number)@\(domain)")
        var events: [String] = []
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            for message in control.receive() {
                guard let type = message["type"] as? String else {
                    if message["response"] != nil, (message["ok"] as? Bool) == false {
                        throw BaresipError(description: "baresip refused dial: \(message["data"] ?? "")")
                    }
                    continue
                }
                events.append(type)
                if type == "CALL_CLOSED" { return events }
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw BaresipError(description: "baresip's call to \(number) did not end within \(timeout); events \(events)\n\(logTail)")
    }

    /// The WAV files sndfile wrote, oldest first: for each call `dump-…-dec.wav` (heard)
    /// and `dump-…-enc.wav` (sent), 8 kHz mono.
    public func soundFiles(heard: Bool) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory + "/sound")) ?? []
        return names.filter { $0.hasSuffix(heard ? "-dec.wav" : "-enc.wav") }.sorted().map { directory + "/sound/" + $0 }
    }

    /// baresip's output so far (tail), for failure messages.
    public var logTail: String {
        "--- baresip \(extensionNumber) ---\n" + String((child.output + child.errorOutput).suffix(3000))
    }

    /// Quits baresip (SIGTERM, then kill); it un-registers on the way out.
    @discardableResult
    public func stop() async -> Int32 {
        await child.stop(signal: SIGTERM, grace: .seconds(5))
    }
}

/// A ctrl_tcp connection: JSON messages in netstrings (`LEN:{...},`) both ways.
private final class ControlConnection {
    private let socket: Int32
    private var buffer: [UInt8] = []

    init(port: Int) throws {
        socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw BaresipError(description: "no socket for ctrl_tcp") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            Foundation.close(socket)
            throw BaresipError(description: "cannot connect to baresip's ctrl_tcp on 127.0.0.1:\(port)")
        }
        _ = fcntl(socket, F_SETFL, fcntl(socket, F_GETFL) | O_NONBLOCK)
    }

    func send(command: String, params: String) throws {
        let body = try JSONSerialization.data(withJSONObject: ["command": command, "params": params, "token": "kefu"])
        let frame = Array("\(body.count):".utf8) + Array(body) + Array(",".utf8)
        let sent = frame.withUnsafeBytes { Foundation.send(socket, $0.baseAddress, $0.count, 0) }
        guard sent == frame.count else { throw BaresipError(description: "ctrl_tcp send failed") }
    }

    /// The complete messages that arrived since the last call.
    func receive() -> [[String: Any]] {
        var chunk = [UInt8](repeating: 0, count: 8192)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { break }
            buffer += chunk[0..<count]
        }
        var messages: [[String: Any]] = []
        while let colon = buffer.firstIndex(of: UInt8(ascii: ":")), let length = Int(String(decoding: buffer[..<colon], as: UTF8.self)),
              buffer.count >= colon + 1 + length + 1
        {
            let body = Data(buffer[(colon + 1)..<(colon + 1 + length)])
            buffer.removeFirst(colon + 1 + length + 1)
            if let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] { messages.append(object) }
        }
        return messages
    }

    func close() { Foundation.close(socket) }
}
