// Prompts: recorded WAV files or text for TTS, versioned and reviewed like flows.
import Foundation

/// What a tenant admin names and describes; the audio or text lives in versions.
public struct PromptDefinition: Hashable, Sendable {
    /// Unique within the tenant; flows and queues refer to it.
    public var name: String
    public var description: String

    public init(name: String, description: String = "") {
        self.name = name
        self.description = description
    }
}

/// A stored prompt.
@dynamicMemberLookup
public struct Prompt: Hashable, Sendable, Identifiable {
    public var id: PromptID
    public var tenantID: TenantID
    public var definition: PromptDefinition
    public var publishedVersionID: PromptVersionID?
    public var createdAt: Date
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
    public var id: PromptVersionID
    public var tenantID: TenantID
    public var promptID: PromptID
    public var version: Int
    public var status: ContentStatus
    public var source: PromptSource
    public var history: ContentHistory
}
