// Node kinds that wait for the caller's keys: menu, collect digits, language choice,
// satisfaction survey and switchboard extension dialing.

/// A menu (IVR导航): play a prompt, take one key, go where the key says. `*` returns to the
/// previous menu and `0` reaches an agent unless the options use those keys themselves.
public struct MenuNode: Hashable, Sendable {
    public var prompt: Prompt
    /// Key (`1`...`9`, `0`, `*`, `#`) → node.
    public var options: [String: NodeID]
    public var timeoutSeconds: Int = 5
    /// Extra tries after a timeout or an invalid key.
    public var retries: Int = 2
    public var invalidPrompt: Prompt?
    public var timeoutPrompt: Prompt?
    /// Where to go after the last try fails; the flow's error branch when nil.
    public var onFailure: NodeID?
    /// `*` goes back to the previous menu.
    public var allowBack: Bool = true
    /// `0` goes to `agent`, else the flow's `agentNode`, else the default queue.
    public var zeroForAgent: Bool = true
    public var agent: NodeID?

    public init(prompt: Prompt, options: [String: NodeID]) {
        self.prompt = prompt
        self.options = options
    }
}

/// Collect digits into a variable (e.g. an account number), validated by length and pattern.
public struct CollectNode: Hashable, Sendable {
    public var prompt: Prompt
    public var variable: String
    public var minDigits: Int = 1
    public var maxDigits: Int
    /// The key that ends the entry early (`#`), or empty for none.
    public var terminator: String = "#"
    public var timeoutSeconds: Int = 5
    public var interDigitSeconds: Int = 3
    /// A pattern the whole entry must match (``DigitPattern`` syntax).
    public var pattern: String?
    public var retries: Int = 2
    public var invalidPrompt: Prompt?
    public var next: NodeID?
    public var onFailure: NodeID?

    public init(prompt: Prompt, variable: String, maxDigits: Int, next: NodeID?) {
        self.prompt = prompt
        self.variable = variable
        self.maxDigits = maxDigits
        self.next = next
    }
}

/// Language choice (多语言): a key picks the language of every later prompt.
public struct LanguageNode: Hashable, Sendable {
    public var prompt: Prompt
    /// Key → language.
    public var options: [String: Language]
    public var timeoutSeconds: Int = 5
    public var retries: Int = 1
    public var invalidPrompt: Prompt?
    /// The language kept when the caller chooses nothing (the flow's default when nil).
    public var fallback: Language?
    public var next: NodeID?

    public init(prompt: Prompt, options: [String: Language], next: NodeID?) {
        self.prompt = prompt
        self.options = options
        self.next = next
    }
}

/// Satisfaction survey (满意度) after the agent hangs up: a key 1-5 stored on the call.
public struct SurveyNode: Hashable, Sendable {
    public var prompt: Prompt
    public var invalidPrompt: Prompt?
    public var timeoutSeconds: Int = 5
    public var retries: Int = 1
    /// The highest score (5).
    public var scale: Int = 5
    /// Where to go after the survey (thanks and hang up); hang up when nil.
    public var next: NodeID?

    public init(prompt: Prompt, next: NodeID? = nil) {
        self.prompt = prompt
        self.next = next
    }
}

/// Switchboard dialing (总机分机号): the caller keys an extension or an agent's work number;
/// the directory (passed in through ``CallControl``) says whether it exists.
public struct ExtensionNode: Hashable, Sendable {
    public var prompt: Prompt
    public var minDigits: Int = 3
    public var maxDigits: Int = 6
    public var terminator: String = "#"
    public var timeoutSeconds: Int = 8
    public var retries: Int = 2
    /// Played when the keyed number is malformed or unknown.
    public var invalidPrompt: Prompt?
    public var ringSeconds: Int = 30
    public var busy: NodeID?
    public var noAnswer: NodeID?
    /// After the last try, or when dialing fails; the error branch when nil.
    public var onFailure: NodeID?

    public init(prompt: Prompt) { self.prompt = prompt }
}
