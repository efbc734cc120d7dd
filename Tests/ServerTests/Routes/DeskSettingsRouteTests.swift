// The tenant's desk settings over the API: the admin sets the CRM URL template and the
// disposition codes, the desk loads them, call notes accept only the tenant's codes (422
// naming `disposition` otherwise), bad settings are refused field by field, and each
// tenant keeps its own.

import Foundation
import HTTPTypes
import HummingbirdTesting
import HummingbirdWSTesting
import Server
import Store
import Testing
import WSClient

@Suite struct DeskSettingsRouteTests {
    static let codes: [[String: String]] = [
        ["code": "repair", "name_zh": "报修", "name_en": "Repair"],
        ["code": "billing", "name_zh": "账单问题", "name_en": "Billing"],
    ]

    @Test("until the admin sets codes the desk offers the standard list; after, the desk offers the tenant's codes and its CRM template")
    func adminSetsDesk() async throws {
        try await ServerFixture.with { fixture in
            try await fixture.application().test(.router) { client in
                let admin = try await client.login(.demoAdmin)
                let agent = try await client.login(.demoAgent1001)
                var (status, json) = try await client.call(.get, "/api/v1/config/desk-settings", cookie: admin)
                #expect(status == .ok && json["crm_url_template"].isNull)
                #expect(json["disposition_codes"].array.compactMap { $0["code"].string }
                        == ["consult", "complaint", "sale", "follow_up", "wrong_number", "other"])
                #expect(json["standard_disposition_codes"].value as? Bool == true)

                (status, json) = try await client.send(.put, "/api/v1/config/desk-settings", cookie: admin, body: [
                    "crm_url_template": "https://crm.demo.cn/customer?phone={caller}&call={call_id}", "disposition_codes": Self.codes,
                ])
                #expect(status == .ok)
                #expect(json["standard_disposition_codes"].value as? Bool == false)
                let desk = try await client.call(.get, "/api/v1/desk", cookie: agent).1
                #expect(desk["disposition_codes"].array.compactMap { $0["code"].string } == ["repair", "billing"])
                #expect(desk["disposition_codes"][1]["name_zh"].string == "账单问题" && desk["disposition_codes"][1]["name_en"].string == "Billing")
                #expect(desk["crm_url_template"].string == "https://crm.demo.cn/customer?phone={caller}&call={call_id}")

                let beta = try await client.login(.betaAgent)
                let other = try await client.call(.get, "/api/v1/desk", cookie: beta).1
                #expect(other["disposition_codes"].array.first?["code"].string == "consult", "beta keeps the standard list")
                #expect(other["crm_url_template"].isNull)

                (status, json) = try await client.send(.put, "/api/v1/config/desk-settings", cookie: admin, body: [String: Any]())
                #expect(status == .ok && json["standard_disposition_codes"].value as? Bool == true && json["crm_url_template"].isNull)
            }
            let audited = try await fixture.store.auditLog.list(.tenant(fixture.demo), from: .distantPast, to: .distantFuture,
                                                                action: "desk_settings.update")
            #expect(audited.count == 2)
            #expect(audited.contains { $0.detail["disposition_codes"] == "repair,billing" })
        }
    }

    @Test("a call note with a code outside the tenant's list is refused with 422 naming disposition; one of its codes is saved")
    func noteUsesTenantCodes() async throws {
        try await ServerFixture.with { fixture in
            let own = try await fixture.seedCall(agent: "1001", arrivedAt: Date(timeIntervalSince1970: 1_790_000_000))
            try await fixture.store.deskSettings.save(fixture.demo, DeskSettings(customDispositionCodes: [
                DispositionCode(code: "repair", nameZh: "报修", nameEn: "Repair"),
            ]))
            try await fixture.application().test(.router) { client in
                let agent = try await client.login(.demoAgent1001)
                let path = "/api/v1/cdrs/\(own.record)/note"
                var (status, json) = try await client.call(.put, path, cookie: agent, json: ["disposition": "consult", "text": "标准代码"])
                #expect(status == .unprocessableContent)
                #expect(json["error"]["field"].string == "disposition" && json["error"]["message"].string?.contains("repair") == true)
                (status, json) = try await client.call(.put, path, cookie: agent, json: ["disposition": "repair", "text": "宽带报修"])
                #expect(status == .ok && json["note"]["disposition"].string == "repair")
            }
        }
    }

    @Test("bad desk settings are refused with the field named and the stored ones stay",
          arguments: [
            (#"{"crm_url_template": "javascript:alert(1)"}"#, "crm_url_template"),
            (#"{"crm_url_template": "https://{caller}.example.cn/"}"#, "crm_url_template"),
            (#"{"crm_url_template": "https://crm.example.cn/?id={customer_id}"}"#, "crm_url_template"),
            (#"{"disposition_codes": []}"#, "disposition_codes"),
            (#"{"disposition_codes": [{"code": "Has Space", "name_zh": "坏", "name_en": "Bad"}]}"#, "disposition_codes[0].code"),
            (#"{"disposition_codes": [{"code": "ok", "name_en": "OK"}]}"#, "disposition_codes[0].name_zh"),
            (#"{"disposition_codes": [{"code": "a", "name_zh": "甲", "name_en": "A"}, {"code": "a", "name_zh": "乙", "name_en": "B"}]}"#,
             "disposition_codes[1].code"),
          ])
    func validation(body: String, field: String) async throws {
        try await ServerFixture.with { fixture in
            let stored = DeskSettings(crmURLTemplate: "https://crm.demo.cn/?phone={caller}")
            try await fixture.store.deskSettings.save(fixture.demo, stored)
            try await fixture.application().test(.router) { client in
                let admin = try await client.login(.demoAdmin)
                let body = try JSONSerialization.jsonObject(with: Data(body.utf8))
                let (status, json) = try await client.send(.put, "/api/v1/config/desk-settings", cookie: admin, body: body)
                #expect(status == .badRequest)
                #expect(json["error"]["field"].string == field, "\(json["error"]["message"].string ?? "")")
            }
            #expect(try await fixture.store.deskSettings.get(fixture.demo) == stored)
        }
    }

    @Test("supervisors read the desk settings but only the tenant admin changes them; agents and operators may not read them",
          arguments: [(TestUser.demoAdmin, [HTTPResponse.Status.ok, .ok]), (.demoSupervisor, [.ok, .forbidden]),
                      (.demoAgent1001, [.forbidden, .forbidden]), (.platformOperator, [.forbidden, .forbidden]),
                      (.betaAdmin, [.ok, .ok])])
    func roles(user: TestUser, expected: [HTTPResponse.Status]) async throws {
        try await ServerFixture.with { fixture in
            try await fixture.application().test(.router) { client in
                let cookie = try await client.login(user)
                let read = try await client.call(.get, "/api/v1/config/desk-settings", cookie: cookie).0
                let write = try await client.send(.put, "/api/v1/config/desk-settings", cookie: cookie,
                                                  body: ["disposition_codes": Self.codes]).0
                #expect([read, write] == expected)
            }
            let demoCodes = try await fixture.store.deskSettings.get(fixture.demo).dispositionCodes.map(\.code)
            #expect(demoCodes == (user == .demoAdmin ? ["repair", "billing"] : DispositionCode.standard.map(\.code)),
                    "only the demo admin changed the demo tenant's codes")
        }
    }

    @Test("an open desktop's event stream is told when the admin changes the desk settings, so it reloads them without a reload of the page")
    func liveChange() async throws {
        try await ServerFixture.with { fixture in
            try await fixture.application().test(.live) { client in
                let admin = try await client.login(.demoAdmin)
                let agent = try await client.login(.demoAgent1001)
                _ = try await withTimeout {
                    try await client.ws("/api/v1/events", configuration: .init(additionalHeaders: [.cookie: agent])) { inbound, _, _ in
                        var reader = EventReader(inbound)
                        #expect(try await reader.next()["type"].string == "snapshot")
                        let status = try await client.send(.put, "/api/v1/config/desk-settings", cookie: admin,
                                                           body: ["disposition_codes": Self.codes]).0
                        #expect(status == .ok)
                        let changed = try await reader.next(kind: "desk.settings")
                        #expect(changed["type"].string == "desk" && changed["at"].string != nil)
                        let desk = try await client.call(.get, "/api/v1/desk", cookie: agent).1
                        #expect(desk["disposition_codes"].array.compactMap { $0["code"].string } == ["repair", "billing"])
                    }
                }
            }
        }
    }
}
