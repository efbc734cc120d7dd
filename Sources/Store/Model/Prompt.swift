// Prompts: recorded WAV files or text for TTS, versioned and reviewed like flows.
import Foundation

/// What a tenant admin names and describes; the audio or text lives in versions.
public struct PromptDefinition: Hashable, Sendable {
    /// Unique within the tenant; flows and queues refer to it.
    public var name: String
    /// A free description for administrators.
    public var description: String

    /// Creates a value from its parts (defaults as documented on each property).
    public init(name: String, description: String = "") {
        self.name = name
        self.description = description
    }
}

/// A stored prompt.
@dynamicMemberLookup
public struct Prompt: Hashable, Sendable, Identifiable {
    /// The identifier the store gave it.
    public var id: PromptID
    /// The tenant that owns it.
    public var tenantID: TenantID
    /// What was configured.
    public var definition: PromptDefinition
    public var publishedVersionID: PromptVersionID?
    /// When it was created.
    public var createdAt: Date
    /// When it was last changed.
    public var updatedAt: Date

    public subscript<T>(dynamicMember keyPath: KeyPath<PromptDefinition, T>) -> T { definition[keyPath: keyPath] }
}

/// Where a prompt's sound comes from.
public enum PromptSource: Hashable, Sendable {
    /// Text rendered by TTS (`voice` as the TTS engine names it, e.g. `zh`).
    case tts(text: String, voice: String)
    /// A WAV file stored under the data directory, by its path there and checksum.
    case audio(path: String, sha256: String, durationMilliseconds: Int?)
}

/// One version of a prompt.
public struct PromptVersion: Hashable, Sendable, Identifiable {
    /// The identifier the store gave it.
    public var id: PromptVersionID
    /// The tenant that owns it.
    public var tenantID: TenantID
    /// The prompt it is a version of.
    public var promptID: PromptID
    /// The version number, 1, 2, … per parent.
    public var version: Int
    /// Where it stands.
    public var status: ContentStatus
    /// The text or audio file it plays.
    public var source: PromptSource
    /// Who made, submitted, reviewed and published it, and when.
    public var history: ContentHistory
}
