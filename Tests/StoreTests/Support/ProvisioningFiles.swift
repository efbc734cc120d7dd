// A temporary directory with provisioning files: YAML, a flow, and a WAV prompt.
import Foundation
@testable import Store

struct ProvisioningFiles {
    let directory: URL
    let dataDirectory: URL

    /// A file with one tenant, `acme`, and `sections` (lines such as `skills: [ … ]`) in it.
    static func acme(_ sections: [String]) -> String {
        """
        version: 1
        tenants:
          - code: acme
            name: Acme
            time_zone: Asia/Shanghai
            sip_domain: acme.kefu.test

        """ + sections.map { "    \($0)\n" }.joined()
    }

    /// The checkout this test runs from (for `examples/`).
    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
    }

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("kefu-provisioning-\(UUID().uuidString.prefix(8))")
        dataDirectory = directory.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: dataDirectory, withIntermediateDirectories: true)
        try write("flows/main.json", #"{"start": "hello", "nodes": {"hello": {"play": "welcome"}}}"#)
        try write("prompts/hold.wav", Self.silentWAV())
    }

    func write(_ path: String, _ text: String) throws {
        try write(path, Data(text.utf8))
    }

    func write(_ path: String, _ data: Data) throws {
        let url = directory.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    /// Writes `yaml` as a file in the directory and loads it (resolving its file references).
    func load(_ yaml: String) throws -> ProvisioningDocument {
        try write("kefu.yaml", yaml)
        return try ProvisioningDocument.load(contentsOf: directory.appendingPathComponent("kefu.yaml"))
    }

    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }

    /// 100 ms of 8 kHz 16-bit mono silence.
    static func silentWAV() -> Data {
        var data = Data("RIFF".utf8)
        let samples = 800
        func append32(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) } }
        func append16(_ value: UInt16) { withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) } }
        append32(UInt32(36 + samples * 2))
        data.append(contentsOf: Array("WAVEfmt ".utf8))
        append32(16); append16(1); append16(1); append32(8_000); append32(16_000); append16(2); append16(16)
        data.append(contentsOf: Array("data".utf8))
        append32(UInt32(samples * 2))
        data.append(Data(count: samples * 2))
        return data
    }

    /// A tenant with one of everything provisioning knows.
    static let fullFile = """
        version: 1
        platform:
          approval_required: false
          users:
            - { username: ops, display_name: Platform operator, roles: [platform_admin], password: ops-password }
        trunks:
          - name: carrier-a
            tenant: acme
            addresses: ["127.0.0.1:5080", "127.0.0.2"]
            trusted: true
            max_channels: 10
            allowed_prefixes: ["1", "0"]
            auth: { username: acme, realm: carrier.example, password: trunk-secret }
        tenants:
          - code: acme
            name: Acme 客服
            time_zone: Asia/Shanghai
            sip_domain: acme.kefu.test
            quotas: { seats: 5, ivr_ports: 8 }
            masking: last_four
            retention_days: 90
            calendar:
              - { date: "2026-10-01", holiday: 国庆节 }
              - { date: "2026-10-10", workday: 调休 }
            sites: [ { name: hz, region: zhejiang } ]
            partners: [ { name: outsourcer, regions: [zhejiang] } ]
            teams: [ { name: night, site: hz, partner: outsourcer } ]
            not_ready_reasons:
              - { code: rest, name: 小休, max_duration_seconds: 600, max_per_shift: 3 }
            desk_settings:
              crm_url_template: https://crm.acme.example/customer?phone={caller}&call={call_id}
              disposition_codes:
                - { code: repair, name_zh: 报修, name_en: Repair }
                - { code: billing, name_zh: 账单问题, name_en: Billing }
            skills:
              - { name: billing }
              - { name: english, description: English speakers }
            prompts:
              - { name: welcome, tts: 欢迎致电, voice: zh }
              - { name: hold-music, file: prompts/hold.wav }
            queues:
              - name: complaints
                overflow: service
                music_on_hold: hold-music
                skills: [ { skill: billing, min_level: 3 } ]
              - name: service
                strategy: ring_all
                wrap_up_seconds: 15
                business_hours: [ { days: [mon, tue, wed, thu, fri], start: "09:00", end: "18:00" } ]
                skills: [ { skill: billing }, { skill: english, min_level: 2 } ]
            flows:
              - { name: main, flow_file: flows/main.json }
            numbers:
              - number: "4005550001"
                carrier: China Unicom
                flow: main
                rules: { blacklist: ["13900000000"], schedule: { open: 09:00, close: "18:00" }, limit: 5, vip: yes }
            agents:
              - work_number: "2001"
                name: Agent One
                extension: "2001"
                password: agent-pass-2001
                skills: [ { skill: billing, level: 4 }, { skill: english, level: 2 } ]
                queues: [ { queue: service, tier: 1 }, { queue: complaints, tier: 2 } ]
                team: night
                site: hz
                partner: outsourcer
                auto_answer: true
              - work_number: "2002"
                name: Agent Two
                extension: "2002"
                pc_phone: "13812345678"
                password: agent-pass-2002
                queues: [ { queue: complaints } ]
            users:
              - { username: boss, roles: [tenant_admin], password: admin-password }
              - { username: a2001, roles: [agent, qa_inspector], password: agent-user-password, agent: "2001", teams: [night] }
              - { username: lead, roles: [supervisor, partner_manager], password: lead-password, partner: outsourcer, teams: [night] }
        """

    /// Problems of every kind: unknown references, clashes inside the file and with the
    /// store, bad values, and a second tenant with a bad time zone.
    static let brokenFile = """
        version: 1
        tenants:
          - code: bravo
            name: Bravo
            time_zone: Asia/Shanghai
            sip_domain: bravo.kefu.test
            skills: [ { name: sales } ]
            queues:
              - name: sales
                strategy: fastest_agent
                business_hours:
                  - { days: [mon], start: "09:00", end: "12:00" }
                  - { days: [mon], start: "11:00", end: "13:00" }
            numbers:
              - { number: "4005550001" }
            mailboxes:
              - { name: vm, queue: nosuch, greeting: nosuch, max_message_seconds: 9999 }
            agents:
              - { work_number: "1", name: One, extension: "3001", skills: [ { skill: billing, level: 3 } ] }
              - { work_number: "2", name: Two, extension: "3002", password: secret-two }
              - { work_number: "3", name: Three, extension: "3002", password: secret-three }
            users:
              - { username: nopass, roles: [supervisor] }
              - { username: wizard, roles: [wizard], password: long-enough }
          - code: charlie
            name: Charlie
            time_zone: Mars/Olympus_Mons
            sip_domain: charlie.kefu.test
            agents:
              - { work_number: "1", name: One, extension: "1", skills: [ { skill: nope } ] }
        """
}
