// The OpenAPI document and the router agree: every route served is documented and every
// documented route is served; the document is served at /api/v1/openapi.json.

import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import CallCenter
import Server
import Testing

@Suite struct OpenAPITests {
    @Test("every route of the router is in the OpenAPI document and every documented route exists")
    func routesMatchDocument() async throws {
        try await ServerFixture.with { fixture in
            let (_, served) = KefuHTTPServer.makeRouter(services: fixture.services, logger: .init(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
            let documented = try OpenAPIDocument.routes()
            _ = try OpenAPIDocument.assemble()
            #expect(!documented.isEmpty)
            let undocumented = Set(served).subtracting(documented).sorted()
            let missing = Set(documented).subtracting(served).sorted()
            #expect(undocumented.isEmpty, "served but not documented: \(undocumented)")
            #expect(missing.isEmpty, "documented but not served: \(missing)")
            #expect(served.count == Set(served).count, "no route is registered twice")
        }
    }

    @Test("the event stream's documented kinds name every kind of call-path event the stream can carry")
    func eventKindsDocumented() throws {
        let document = try JSONSerialization.jsonObject(with: OpenAPIDocument.assemble()) as? [String: Any]
        let schemas = (document?["components"] as? [String: Any])?["schemas"] as? [String: Any]
        let message = try #require(schemas?["StreamMessage"] as? [String: Any])
        let kind = (message["properties"] as? [String: Any])?["kind"] as? [String: Any]
        let documented = Set(kind?["enum"] as? [String] ?? [])
        let undocumented = CallCenterEvent.Kind.allCases.map(\.rawValue).filter { !documented.contains($0) }
        #expect(undocumented.isEmpty, "event kinds missing from StreamMessage.kind: \(undocumented)")
    }

    @Test("the document is OpenAPI 3.1, served as JSON, and names a 401 and a 403 for every route that needs a login")
    func servedDocument() async throws {
        try await ServerFixture.with { fixture in
            try await fixture.application().test(.router) { client in
                try await client.execute(uri: "/api/v1/openapi.json", method: .get) { response in
                    #expect(response.status == .ok)
                    let json = JSONObject(response.body)
                    #expect(json["openapi"].string == "3.1.0")
                    let paths = try #require(json["paths"].value as? [String: [String: Any]])
                    for (path, operations) in paths {
                        for (method, operation) in operations {
                            guard let operation = operation as? [String: Any] else { continue }
                            let secured = (operation["security"] as? [Any])?.isEmpty == false
                            let responses = operation["responses"] as? [String: Any] ?? [:]
                            if secured {
                                #expect(responses["401"] != nil, "\(method) \(path) documents 401")
                                #expect(responses["403"] != nil || path == "/api/v1/me", "\(method) \(path) documents 403")
                            }
                        }
                    }
                }
            }
        }
    }
}
