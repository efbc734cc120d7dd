// The built `kefu serve` as a child process on loopback, for end-to-end tests and benches.

import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Why a `kefu` child process could not be used.
public enum KefuProcessError: Error, CustomStringConvertible {
    /// `swift build --build-tests` has not produced `.build/debug/kefu`.
    case executableNotFound
    /// kefu exited before printing `kefu ready`.
    case exitedBeforeReady(status: Int32, commandLine: String, log: String)
    /// kefu did not print `kefu ready` in time.
    case notReady(after: Duration, commandLine: String, log: String)

    public var description: String {
        switch self {
        case .executableNotFound:
            return "no kefu executable: run `swift build --build-tests` first (looked for .build/debug/kefu and KEFU_EXECUTABLE)"
        case .exitedBeforeReady(let status, let commandLine, let log):
            return "kefu exited with status \(status) before printing `kefu ready`\n  \(commandLine)\n--- kefu log (tail) ---\n\(log)"
        case .notReady(let after, let commandLine, let log):
            return "kefu did not print `kefu ready` within \(after)\n  \(commandLine)\n--- kefu log (tail) ---\n\(log)"
        }
    }
}

/// `kefu serve` with a data directory, a SIP port and an RTP range on 127.0.0.1.
///
/// The contract with the call path (issue 7): `kefu serve --data-dir D --sip-port P
/// --rtp-ports A-B --provision FILE --log-level info` prints one line `kefu ready` on standard
/// output when it takes calls, and stops cleanly on SIGTERM (calls hung up, CDRs written).
public final class KefuProcess: Sendable {
    /// The data directory (kefu.sqlite, recordings).
    public let dataDirectory: String
    /// The SIP port (UDP and TCP) on 127.0.0.1.
    public let sipPort: Int
    /// The RTP port range.
    public let rtpPorts: ClosedRange<Int>
    /// The HTTP port (API, `/metrics`) on 127.0.0.1.
    public let httpPort: Int
    /// The running process.
    public let child: ChildProcess

    private init(dataDirectory: String, sipPort: Int, rtpPorts: ClosedRange<Int>, httpPort: Int, child: ChildProcess) {
        self.dataDirectory = dataDirectory
        self.sipPort = sipPort
        self.rtpPorts = rtpPorts
        self.httpPort = httpPort
        self.child = child
    }

    /// The SQLite database kefu writes in its data directory.
    public var databasePath: String { dataDirectory + "/kefu.sqlite" }

    /// Starts `kefu serve` and waits for `kefu ready`; throws with the log's tail when it
    /// exits or stays silent. `arguments` come after the standard ones (`--provision FILE`);
    /// `environment` adds variables (secrets kefu reads from its environment).
    public static func start(
        dataDirectory: String,
        sipPort: Int? = nil,
        rtpPorts: ClosedRange<Int>? = nil,
        arguments: [String],
        readyTimeout: Duration = .seconds(60),
        executable: String? = PackageRoot.kefuExecutable(),
        environment: [String: String]? = nil
    ) async throws -> KefuProcess {
        guard let executable else { throw KefuProcessError.executableNotFound }
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        // Ports this function picks may be taken by another process between the pick and
        // kefu's bind (tests run in parallel); then kefu exits at once and is started again
        // on new ports. Ports the caller gave are never changed.
        var attempt = 1
        while true {
            do {
                return try await startOnce(
                    dataDirectory: dataDirectory, sipPort: sipPort ?? LoopbackPort.free(),
                    rtpPorts: rtpPorts ?? RTPPortRange.free(count: 100), arguments: arguments, readyTimeout: readyTimeout,
                    executable: executable, environment: environment)
            } catch KefuProcessError.exitedBeforeReady(_, _, let log)
                where attempt < 3 && log.contains("Address already in use")
                && (sipPort == nil || rtpPorts == nil || !arguments.contains("--http-port")) {
                attempt += 1
            }
        }
    }

    private static func startOnce(
        dataDirectory: String, sipPort: Int, rtpPorts range: ClosedRange<Int>, arguments: [String], readyTimeout: Duration,
        executable: String, environment: [String: String]?
    ) async throws -> KefuProcess {
        let given = arguments.firstIndex(of: "--http-port").flatMap { arguments.indices.contains($0 + 1) ? Int(arguments[$0 + 1]) : nil }
        let httpPort = given ?? LoopbackPort.free()
        let http = given == nil ? ["--http-port", String(httpPort)] : []
        let all = ["serve", "--data-dir", dataDirectory, "--sip-port", String(sipPort),
                   "--rtp-ports", "\(range.lowerBound)-\(range.upperBound)", "--log-level", "info"] + http + arguments
        let scraping = ["KEFU_METRICS_TOKEN": KefuProcess.metricsToken].merging(environment ?? [:]) { _, given in given }
        let child = try ChildProcess(executable: executable, arguments: all, directory: dataDirectory, name: "kefu", environment: scraping)
        let kefu = KefuProcess(dataDirectory: dataDirectory, sipPort: sipPort, rtpPorts: range, httpPort: httpPort, child: child)
        let deadline = ContinuousClock.now + readyTimeout
        while true {
            if child.output.split(separator: "\n").contains(where: { $0.trimmingCharacters(in: .whitespaces) == "kefu ready" }) {
                return kefu
            }
            if let status = child.exitStatus {
                throw KefuProcessError.exitedBeforeReady(status: status, commandLine: child.commandLine, log: kefu.logTail())
            }
            if ContinuousClock.now > deadline {
                await child.stop(signal: SIGKILL, grace: .seconds(2))
                throw KefuProcessError.notReady(after: readyTimeout, commandLine: child.commandLine, log: kefu.logTail())
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// Stops kefu with SIGTERM (killing it after `grace`); returns its exit status.
    @discardableResult
    public func stop(grace: Duration = .seconds(8)) async -> Int32 {
        await child.stop(signal: SIGTERM, grace: grace)
    }

    /// The last `lines` lines of kefu's log (standard error) and anything on standard output.
    public func logTail(lines: Int = 40) -> String {
        let output = child.output.trimmingCharacters(in: .whitespacesAndNewlines)
        return (output.isEmpty ? "" : "[stdout] " + output.suffix(2000) + "\n") + child.errorTail(lines: lines)
    }

    /// The whole log so far.
    public var log: String { child.errorOutput }

    /// Waits until the log contains `text` (or `timeout` passes); true when it does.
    public func waitForLog(containing text: String, timeout: Duration) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if log.contains(text) { return true }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return log.contains(text)
    }
}

extension KefuProcess {
    /// The `/metrics` scrape token every kefu started here gets (`KEFU_METRICS_TOKEN`).
    public static let metricsToken = "kefu-tests-metrics-scraper"

    /// The samples of `/metrics` (Prometheus text) by series, e.g.
    /// `kefu_sip_transactions{kind="server"}`, read with the scrape token; empty when kefu
    /// does not answer.
    public func metrics(timeout: Duration = .seconds(5)) async -> [String: Double] {
        guard let url = URL(string: "http://127.0.0.1:\(httpPort)/metrics") else { return [:] }
        var request = URLRequest(url: url)
        request.setValue("Bearer \(Self.metricsToken)", forHTTPHeaderField: "Authorization")
        request.timeoutInterval = Double(timeout.components.seconds) + 1
        guard let (data, _) = try? await URLSession.shared.data(for: request) else { return [:] }
        return Self.samples(String(decoding: data, as: UTF8.self))
    }

    /// Parses Prometheus text lines `series value` (comments skipped).
    static func samples(_ text: String) -> [String: Double] {
        var samples: [String: Double] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else { continue }
            samples[String(line[..<space])] = value
        }
        return samples
    }
}
