// Why a configuration was refused: every problem, each with the field it is in.

/// A configuration the engine refused. It lists every problem found, each naming the
/// field (`queues[2].overflow[0].then.queue`) and what is wrong with it, so an admin
/// can fix them all in one pass.
public struct ACDConfigurationError: Error, Hashable, Sendable, Codable, CustomStringConvertible {
    /// One problem in one field.
    public struct Problem: Hashable, Sendable, Codable, CustomStringConvertible {
        /// A path to the field, as JSON would spell it.
        public var field: String
        /// What is wrong, in words an admin can act on.
        public var message: String

        /// A problem in `field`.
        public init(field: String, message: String) {
            self.field = field
            self.message = message
        }

        public var description: String { "\(field): \(message)" }
    }

    /// Every problem found, in the order of the configuration.
    public var problems: [Problem]

    /// A refusal listing `problems`.
    public init(problems: [Problem]) {
        self.problems = problems
    }

    public var description: String {
        "invalid ACD configuration: " + problems.map(\.description).joined(separator: "; ")
    }
}
