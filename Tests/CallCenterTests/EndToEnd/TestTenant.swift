// The demo tenant (examples/demo.yaml) copied into a test's folder with the changes a
// scenario needs: its own flow, no inbound rules, short wrap-up, a holiday today.

import Foundation
import SIPTesting

/// Why the demo tenant could not be adapted.
struct TestTenantError: Error, CustomStringConvertible {
    var description: String
}

/// A provisioning document to hand to `kefu serve --provision`, with the files it names.
struct TestTenant {
    /// The tenant code, SIP domain and access number of the demo tenant.
    static let code = "demo"
    static let domain = "demo.kefu.local"
    static let accessNumber = "4001234567"

    /// The YAML text.
    private(set) var yaml: String
    /// Files next to it (`flows/demo.json`), by relative path.
    private(set) var files: [String: String]

    /// The package's examples folder and this target's fixtures.
    static var examples: String { (PackageRoot.path() ?? ".") + "/examples" }
    static var fixtures: String { URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().path + "/Fixtures" }

    /// examples/demo.yaml with its flows and area table, unchanged.
    static func demo() throws -> TestTenant {
        let yaml = try String(contentsOfFile: examples + "/demo.yaml", encoding: .utf8)
        var files: [String: String] = [:]
        for folder in ["flows", "areas"] {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: examples + "/" + folder)) ?? [] {
                files[folder + "/" + name] = try String(contentsOfFile: examples + "/\(folder)/\(name)", encoding: .utf8)
            }
        }
        return TestTenant(yaml: yaml, files: files)
    }

    /// Replaces `old` (which must occur) in the YAML.
    mutating func replace(_ old: String, with new: String) throws {
        guard yaml.contains(old) else {
            throw TestTenantError(description: "examples/demo.yaml no longer contains `\(old)`; update the end-to-end tests' TestTenant")
        }
        yaml = yaml.replacingOccurrences(of: old, with: new)
    }

    /// Runs the access number's calls through `Fixtures/flows/<name>.json` instead of the demo flow.
    mutating func useFlow(_ name: String) throws {
        files["flows/\(name).json"] = try String(contentsOfFile: Self.fixtures + "/flows/\(name).json", encoding: .utf8)
        try replace("flow_file: flows/demo.json", with: "flow_file: flows/\(name).json")
    }

    /// Adds the flow `name` that is only a survey (满意度): its question, keys 1 to `scale`,
    /// one retry, goodbye. The access number keeps its own flow.
    mutating func addSurveyFlow(_ name: String, scale: Int) throws {
        files["flows/\(name).json"] = """
            {"id": "\(name)", "version": 1, "name": "survey with keys 1 to \(scale)", "start": "survey", "defaultLanguage": "zh", "defaultQueue": "service", "maxSteps": 10,
             "nodes": [
              {"id": "survey", "type": "survey", "scale": \(scale), "retries": 1, "timeoutSeconds": 10,
               "prompt": {"tts": "请按1到\(scale)为本次服务打分。"}, "invalidPrompt": {"tts": "输入有误。"}, "next": "goodbye"},
              {"id": "goodbye", "type": "hangUp", "prompt": {"tts": "谢谢，再见。"}}
             ]}
            """
        try replace("    flows:\n", with: "    flows:\n      - name: \(name)\n        flow_file: flows/\(name).json\n")
    }

    /// Routes every call of the access number to the external `number` (a landing number,
    /// 落地号码) through the demo trunk, which is pointed at `trunkPort` on 127.0.0.1.
    mutating func forwardEverything(to number: String, trunkPort: Int) throws {
        files["flows/forward.json"] = """
            {"accessNumber": "\(Self.accessNumber)", "rules": [],
             "fallback": {"destinations": [{"external": "\(number)", "ringSeconds": 20}]}}
            """
        try replace("rules_file: flows/demo-routing.json", with: "rules_file: flows/forward.json")
        try trunk(at: trunkPort)
    }

    /// Points the demo trunk (the carrier's gateway) at `port` on 127.0.0.1.
    mutating func trunk(at port: Int) throws {
        try replace("addresses: [\"127.0.0.1:5080\"]", with: "addresses: [\"127.0.0.1:\(port)\"]")
    }

    /// Replaces the access number's inbound rules with `rules` (JSON array text) and routes
    /// what they let through straight to the service queue.
    mutating func rules(_ rules: String) throws {
        files["flows/rules.json"] = """
            {"accessNumber": "\(Self.accessNumber)", "rules": \(rules),
             "fallback": {"destinations": [{"queue": "service"}]}}
            """
        try replace("rules_file: flows/demo-routing.json", with: "rules_file: flows/rules.json")
    }

    /// Makes agent `extension` a PC+Phone agent (座席 on a mobile): reached at `number`
    /// through the trunk when no softphone is registered.
    mutating func pcPhone(agent extensionNumber: String, number: String) throws {
        try replace("        extension: \"\(extensionNumber)\"\n", with: "        extension: \"\(extensionNumber)\"\n        pc_phone: \"\(number)\"\n")
    }

    /// Asks every caller of the access number for `password` (密码接入) and sends those who
    /// know it straight to the service queue.
    mutating func passwordProtected(_ password: String) throws {
        files["flows/password.json"] = """
            {"accessNumber": "\(Self.accessNumber)",
             "rules": [{"id": "pw", "type": "password", "passwords": ["\(password)"], "prompt": {"tts": "请输入接入密码，以井号键结束。"},
                        "maxAttempts": 2, "timeoutSeconds": 10}],
             "fallback": {"destinations": [{"queue": "service"}]}}
            """
        try replace("rules_file: flows/demo-routing.json", with: "rules_file: flows/password.json")
    }

    /// Sends every caller of the access number to the service queue, and the SMS `text`
    /// (`${caller}` placeholders allowed) to those whose call ends `when` (`always`,
    /// `answered`, `unanswered`).
    mutating func hangUpSMS(_ text: String, when: String) throws {
        files["flows/sms.json"] = """
            {"accessNumber": "\(Self.accessNumber)", "rules": [],
             "fallback": {"destinations": [{"queue": "service"}], "hangUpSMS": {"text": "\(text)", "when": "\(when)"}}}
            """
        try replace("rules_file: flows/demo-routing.json", with: "rules_file: flows/sms.json")
    }

    /// Drops the access number's inbound rules (blacklist, call limit, VIP, holiday schedule).
    mutating func dropInboundRules() throws {
        try replace("        rules_file: flows/demo-routing.json\n", with: "")
    }

    /// Sets every queue's wrap-up to `seconds`.
    mutating func wrapUp(seconds: Int) throws {
        try replace("wrap_up_seconds: 10", with: "wrap_up_seconds: \(seconds)")
        try replace("wrap_up_seconds: 30", with: "wrap_up_seconds: \(seconds)")
    }

    /// Makes today and tomorrow (in the tenant's zone, Asia/Shanghai) public holidays, so the
    /// office is closed whatever the hour.
    mutating func closedToday(now: Date = Date()) throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai") ?? .current
        let formatter = DateFormatter()
        formatter.calendar = calendar
        formatter.timeZone = calendar.timeZone
        formatter.dateFormat = "yyyy-MM-dd"
        let days = [now, now.addingTimeInterval(86_400)].map { formatter.string(from: $0) }
        let entries = days.map { "      - { date: \"\($0)\", holiday: 测试休息日 }\n" }.joined()
        try replace("    calendar:                # example holidays; make-up working days (调休) fall on weekends\n",
                    with: "    calendar:\n" + entries)
    }

    /// Writes the YAML and its files into `directory`; returns the YAML's path.
    func write(to directory: String) throws -> String {
        for (path, content) in files {
            let full = directory + "/" + path
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try content.write(toFile: full, atomically: true, encoding: .utf8)
        }
        let path = directory + "/tenant.yaml"
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
