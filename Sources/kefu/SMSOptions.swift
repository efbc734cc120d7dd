// `kefu serve`'s SMS gateway options: an SMSC over SMPP 3.4 or a provider's HTTP API. With
// neither, messages wait in the outbox until a gateway is configured.

import ArgumentParser
import CallCenter
import Foundation
import Logging

/// Where SMS go.
struct SMSOptions: ParsableArguments {
    @Option(name: .customLong("smpp"), help: "The SMSC as HOST:PORT; SMS go out over SMPP 3.4 (password in KEFU_SMPP_PASSWORD).")
    var smpp: String?

    @Option(name: .customLong("smpp-system-id"), help: "The SMPP account (system_id).")
    var systemID = "kefu"

    @Option(name: .customLong("smpp-source"), help: "The sender number when a message names none.")
    var source = ""

    @Option(name: .customLong("smpp-rate"), help: "Submits per second the carrier allows.")
    var rate: Double = 50

    @Option(name: .customLong("sms-http-url"), help: "A provider's HTTP endpoint that takes {to, from, text, reference} as JSON (token in KEFU_SMS_HTTP_TOKEN).")
    var httpURL: String?

    func validate() throws {
        if smpp != nil, httpURL != nil { throw ValidationError("give either --smpp or --sms-http-url, not both") }
        if let smpp, Self.hostAndPort(smpp) == nil { throw ValidationError("--smpp takes HOST:PORT, e.g. 127.0.0.1:2775") }
        guard rate >= 0 else { throw ValidationError("--smpp-rate must be 0 (no limit) or more") }
        if let httpURL, URL(string: httpURL)?.scheme?.hasPrefix("http") != true {
            throw ValidationError("--sms-http-url must be an http:// or https:// URL")
        }
    }

    /// The configured gateway, or nil when none is.
    func makeGateway(environment: [String: String] = ProcessInfo.processInfo.environment) -> (any SMSGateway)? {
        if let smpp, let (host, port) = Self.hostAndPort(smpp) {
            return SMPPClient(configuration: SMPPClientConfiguration(
                host: host, port: port, systemID: systemID, password: environment["KEFU_SMPP_PASSWORD"] ?? "",
                defaultSource: source, submitsPerSecond: rate), logger: Logger(label: "kefu.smpp"))
        }
        if let httpURL {
            let headers = environment["KEFU_SMS_HTTP_TOKEN"].map { [("Authorization", "Bearer \($0)")] } ?? []
            return HTTPSMSGateway(url: httpURL, headers: headers)
        }
        return nil
    }

    static func hostAndPort(_ text: String) -> (String, Int)? {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (1...65535).contains(port) else { return nil }
        let host = text[..<colon].trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        return host.isEmpty ? nil : (host, port)
    }
}
