// What a provisioning run did (or, for a dry run, would do), object by object.
import Foundation

/// The outcome of applying a provisioning file.
public struct ProvisioningReport: Hashable, Sendable, CustomStringConvertible {
    /// What happened to one object.
    public enum Change: String, Hashable, Sendable {
        case created
        case changed
        case unchanged
    }

    /// One object of the file.
    public struct Entry: Hashable, Sendable {
        /// `tenant`, `skill`, `queue`, `agent`, …
        public var kind: String
        /// A readable key: `demo`, `demo/service`, `demo/agent 1001`.
        public var name: String
        public var change: Change
    }

    public var entries: [Entry] = []
    /// True when nothing was written (a dry run).
    public var dryRun = false

    /// How many objects had `change`.
    public func count(_ change: Change) -> Int {
        entries.filter { $0.change == change }.count
    }

    /// Whether the run found everything already as described.
    public var changedNothing: Bool {
        entries.allSatisfy { $0.change == .unchanged }
    }

    mutating func record(_ kind: String, _ name: String, _ change: Change) {
        entries.append(Entry(kind: kind, name: name, change: change))
    }

    /// One line per object, then a summary line.
    public var description: String {
        var lines = entries.map { entry in
            entry.change.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0) + "\(entry.kind) \(entry.name)"
        }
        let verb = dryRun ? "would be " : ""
        if changedNothing {
            lines.append("nothing to change: all \(entries.count) objects are already as the file describes")
        } else {
            lines.append("\(count(.created)) \(verb)created, \(count(.changed)) \(verb)changed, \(count(.unchanged)) unchanged"
                + (dryRun ? " (dry run: nothing was written)" : ""))
        }
        return lines.joined(separator: "\n")
    }
}
