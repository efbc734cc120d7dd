// The seam through which the caller (CallCenter, with IVR's validator) checks the JSON
// documents the store keeps. Store does not import IVR and does not know the documents'
// schema.

/// The kinds of JSON documents the store keeps.
public enum DocumentKind: String, Sendable, CaseIterable {
    /// An IVR flow definition (a version of a flow).
    case flow
    /// An access number's inbound rule set (blacklist, password, schedule, split, …).
    case inboundRules
}

/// Names a document may refer to, all from the tenant the document belongs to, so the
/// validator can report a reference to a queue or prompt that does not exist.
public struct DocumentReferences: Sendable, Equatable {
    public var queues: Set<String>
    public var prompts: Set<String>
    public var flows: Set<String>
    public var skills: Set<String>
    /// Mailboxes, which a flow's voicemail node names.
    public var mailboxes: Set<String>

    /// Creates a value from its parts (defaults as documented on each property).
    public init(queues: Set<String> = [], prompts: Set<String> = [], flows: Set<String> = [], skills: Set<String> = [],
                mailboxes: Set<String> = []) {
        self.queues = queues
        self.prompts = prompts
        self.flows = flows
        self.skills = skills
        self.mailboxes = mailboxes
    }
}

/// Checks a document and returns every problem found, each with a field path inside the
/// document (`nodes.menu1.next`); the store prefixes the path with where the document sits
/// (`tenants[0].flows[1].document.nodes.menu1.next`) and refuses the write.
public struct DocumentValidator: Sendable {
    private let check: @Sendable (JSONValue, DocumentKind, DocumentReferences) -> [FieldIssue]

    /// A validator from a closure; CallCenter passes one built on IVR's flow and rule checks.
    public init(_ check: @escaping @Sendable (JSONValue, DocumentKind, DocumentReferences) -> [FieldIssue]) {
        self.check = check
    }

    /// Every problem in `document`, or an empty list when it is acceptable.
    public func validate(_ document: JSONValue, kind: DocumentKind, references: DocumentReferences) -> [FieldIssue] {
        check(document, kind, references)
    }

    /// Accepts any JSON object and refuses anything else; what the store can check on
    /// its own when no domain validator was supplied.
    public static let structural = DocumentValidator { document, kind, _ in
        if document.objectValue == nil {
            return [FieldIssue(field: "", value: nil, reason: "a \(kind.rawValue) document must be a JSON object")]
        }
        return []
    }
}
