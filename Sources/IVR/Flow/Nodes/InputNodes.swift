// Node kinds that wait for the caller's keys: menu, collect digits, language choice,
// satisfaction survey and switchboard extension dialing.

/// A menu (IVR导航): play a prompt, take one key, go where the key says. `*` returns to the
/// previous menu and `0` reaches an agent unless the options use those keys themselves.
public struct MenuNode: Hashable, Sendable {
    /// The menu prompt, played with barge-in.
    public var prompt: Prompt
    /// Key (`1`...`9`, `0`, `*`, `#`) → node.
    public var options: [String: NodeID]
    /// Seconds to wait for a key after the prompt.
    public var timeoutSeconds: Int = 5
    /// Extra tries after a timeout or an invalid key.
    public var retries: Int = 2
    /// Played before the menu prompt after a key that is not an option.
    public var invalidPrompt: Prompt?
    /// Played before the menu prompt after no key at all.
    public var timeoutPrompt: Prompt?
    /// Where to go after the last try fails; the flow's error branch when nil.
    public var onFailure: NodeID?
    /// `*` goes back to the previous menu.
    public var allowBack: Bool = true
    /// `0` goes to `agent`, else the flow's `agentNode`, else the default queue.
    public var zeroForAgent: Bool = true
    /// The node `0` leads to for this menu.
    public var agent: NodeID?

    /// A menu with default timeouts and retries.
    public init(prompt: Prompt, options: [String: NodeID]) {
        self.prompt = prompt
        self.options = options
    }
}

/// Collect digits into a variable (e.g. an account number), validated by length and pattern.
public struct CollectNode: Hashable, Sendable {
    /// What to ask for, played with barge-in.
    public var prompt: Prompt
    /// The variable that receives the entry (also `digits`).
    public var variable: String
    /// The fewest digits accepted.
    public var minDigits: Int = 1
    /// The most digits collected (1...32).
    public var maxDigits: Int
    /// The key that ends the entry early (`#`), or empty for none.
    public var terminator: String = "#"
    /// Seconds to wait for the first key.
    public var timeoutSeconds: Int = 5
    /// Seconds to wait between keys.
    public var interDigitSeconds: Int = 3
    /// A pattern the whole entry must match (``DigitPattern`` syntax).
    public var pattern: String?
    /// Extra tries after an empty or invalid entry.
    public var retries: Int = 2
    /// Played before asking again.
    public var invalidPrompt: Prompt?
    /// Where a valid entry goes.
    public var next: NodeID?
    /// Where to go when the tries are used up; the error branch when nil.
    public var onFailure: NodeID?
    /// A PIN or card number: the entry stays usable in the flow but is left out of the
    /// flow's result (CDR, logs) and of `digits`.
    public var secret: Bool = false

    /// A collection with default timeouts, `#` as terminator and two retries.
    public init(prompt: Prompt, variable: String, maxDigits: Int, next: NodeID?) {
        self.prompt = prompt
        self.variable = variable
        self.maxDigits = maxDigits
        self.next = next
    }
}

/// Language choice (多语言): a key picks the language of every later prompt.
public struct LanguageNode: Hashable, Sendable {
    /// The choice, usually spoken in every offered language.
    public var prompt: Prompt
    /// Key → language.
    public var options: [String: Language]
    /// Seconds to wait for a key.
    public var timeoutSeconds: Int = 5
    /// Extra tries before the fallback language is kept.
    public var retries: Int = 1
    /// Played before asking again.
    public var invalidPrompt: Prompt?
    /// The language kept when the caller chooses nothing (the flow's default when nil).
    public var fallback: Language?
    /// Where the flow goes on, in the chosen language.
    public var next: NodeID?

    /// A language choice with one retry.
    public init(prompt: Prompt, options: [String: Language], next: NodeID?) {
        self.prompt = prompt
        self.options = options
        self.next = next
    }
}

/// Satisfaction survey (满意度) after the agent hangs up: a key 1-5 stored on the call.
public struct SurveyNode: Hashable, Sendable {
    /// The question ("press 5 for very satisfied").
    public var prompt: Prompt
    /// Played before asking again after a key outside 1...scale.
    public var invalidPrompt: Prompt?
    /// Seconds to wait for the score.
    public var timeoutSeconds: Int = 5
    /// Extra tries; after them the call goes on without a score.
    public var retries: Int = 1
    /// The highest score (5).
    public var scale: Int = 5
    /// Where to go after the survey (thanks and hang up); hang up when nil.
    public var next: NodeID?

    /// A 1-5 survey with one retry.
    public init(prompt: Prompt, next: NodeID? = nil) {
        self.prompt = prompt
        self.next = next
    }
}

/// Switchboard dialing (总机分机号): the caller keys an extension or an agent's work number;
/// the directory (passed in through ``CallControl``) says whether it exists.
public struct ExtensionNode: Hashable, Sendable {
    /// The request to key an extension or work number.
    public var prompt: Prompt
    /// The shortest extension.
    public var minDigits: Int = 3
    /// The longest extension.
    public var maxDigits: Int = 6
    /// The key that ends the entry early, or empty.
    public var terminator: String = "#"
    /// Seconds to wait for the first key.
    public var timeoutSeconds: Int = 8
    /// Extra tries after a malformed or unknown number.
    public var retries: Int = 2
    /// Played when the keyed number is malformed or unknown.
    public var invalidPrompt: Prompt?
    /// How long the extension rings.
    public var ringSeconds: Int = 30
    /// Where to go when the extension is busy (`onFailure` when nil).
    public var busy: NodeID?
    /// Where to go when nobody answers (`onFailure` when nil).
    public var noAnswer: NodeID?
    /// After the last try, or when dialing fails; the error branch when nil.
    public var onFailure: NodeID?

    /// A switchboard node with 3-6 digit extensions.
    public init(prompt: Prompt) { self.prompt = prompt }
}
