// Builds flows for tests from readable JSON node lists.
import Foundation
import IVR

enum FlowBuilder {
    /// A flow with id `test`, default queue `service`, start `start` (unless given) and the nodes.
    static func definition(_ nodes: String, start: String = "start", extra: String = "") throws -> FlowDefinition {
        try Fixture.decode(FlowDefinition.self, """
            {"id": "test", "defaultQueue": "service", "start": "\(start)"\(extra.isEmpty ? "" : ", " + extra), "nodes": [\(nodes)]}
            """)
    }

    /// The same, prepared for running (traps when invalid: tests pass valid flows here).
    static func prepared(_ nodes: String, start: String = "start", extra: String = "") throws -> PreparedFlow {
        try PreparedFlow(definition(nodes, start: start, extra: extra))
    }

    /// The demo flow shipped in examples/flows/demo.json.
    static func demo() throws -> FlowDefinition {
        try JSONDecoder().decode(FlowDefinition.self, from: Fixture.repositoryFile("examples/flows/demo.json"))
    }
}
