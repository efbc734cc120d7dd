// One node of an IVR flow graph: an id and what the node does.

/// A node: `{"id": "main", "type": "menu", ...fields of the kind...}` in JSON and YAML.
public struct FlowNode: Hashable, Sendable {
    public var id: NodeID
    public var kind: Kind

    public init(id: NodeID, _ kind: Kind) {
        self.id = id
        self.kind = kind
    }

    /// What a node does.
    public enum Kind: Hashable, Sendable {
        case play(PlayNode)
        case menu(MenuNode)
        case collect(CollectNode)
        case condition(ConditionNode)
        case set(SetNode)
        case lookup(LookupNode)
        case businessHours(BusinessHoursNode)
        case language(LanguageNode)
        case enqueue(EnqueueNode)
        case announceAgent(AnnounceAgentNode)
        case transfer(TransferNode)
        case voicemail(VoicemailNode)
        case survey(SurveyNode)
        case extensionDial(ExtensionNode)
        case sms(SMSNode)
        case hangUp(HangUpNode)

        /// The `type` string in files.
        public var typeName: String {
            switch self {
            case .play: return "play"
            case .menu: return "menu"
            case .collect: return "collect"
            case .condition: return "condition"
            case .set: return "set"
            case .lookup: return "lookup"
            case .businessHours: return "businessHours"
            case .language: return "language"
            case .enqueue: return "enqueue"
            case .announceAgent: return "announceAgent"
            case .transfer: return "transfer"
            case .voicemail: return "voicemail"
            case .survey: return "survey"
            case .extensionDial: return "extension"
            case .sms: return "sms"
            case .hangUp: return "hangUp"
            }
        }

        /// True for nodes that wait for the caller's keys (they break loops).
        public var waitsForInput: Bool {
            switch self {
            case .menu, .collect, .language, .survey, .extensionDial: return true
            default: return false
            }
        }

        /// The node's outgoing edges as (field, target) pairs, in field order; nil targets
        /// are listed so validation can say which required ones are missing.
        public var edges: [(field: String, target: NodeID?)] {
            switch self {
            case .play(let node): return [("next", node.next)]
            case .menu(let node):
                return node.options.keys.sorted().map { ("options.\($0)", node.options[$0]) }
                    + [("onFailure", node.onFailure), ("agent", node.agent)]
            case .collect(let node): return [("next", node.next), ("onFailure", node.onFailure)]
            case .condition(let node):
                return node.branches.enumerated().map { ("branches[\($0.offset)].next", $0.element.next) } + [("otherwise", node.otherwise)]
            case .set(let node): return [("next", node.next)]
            case .lookup(let node): return [("next", node.next), ("onFailure", node.onFailure)]
            case .businessHours(let node): return [("open", node.open), ("closed", node.closed), ("holiday", node.holiday)]
            case .language(let node): return [("next", node.next)]
            case .enqueue(let node): return [("answered", node.answered), ("afterCall", node.afterCall), ("noAgent", node.noAgent)]
            case .announceAgent: return []
            case .transfer(let node): return [("busy", node.busy), ("noAnswer", node.noAnswer), ("onFailure", node.onFailure)]
            case .voicemail: return []
            case .survey(let node): return [("next", node.next)]
            case .extensionDial(let node): return [("busy", node.busy), ("noAnswer", node.noAnswer), ("onFailure", node.onFailure)]
            case .sms(let node): return [("next", node.next)]
            case .hangUp: return []
            }
        }

        /// Fields whose target must be present.
        var requiredEdges: Set<String> {
            switch self {
            case .play, .collect, .set, .lookup, .language, .sms: return ["next"]
            case .condition(let node): return Set(node.branches.indices.map { "branches[\($0)].next" } + ["otherwise"])
            case .businessHours: return ["open", "closed"]
            case .menu(let node): return Set(node.options.keys.map { "options.\($0)" })
            default: return []
            }
        }

        /// Every prompt of the node with its field name.
        public var prompts: [(field: String, prompt: Prompt)] {
            var list: [(String, Prompt?)] = []
            switch self {
            case .play(let node): list = [("prompt", node.prompt)]
            case .menu(let node): list = [("prompt", node.prompt), ("invalidPrompt", node.invalidPrompt), ("timeoutPrompt", node.timeoutPrompt)]
            case .collect(let node): list = [("prompt", node.prompt), ("invalidPrompt", node.invalidPrompt)]
            case .language(let node): list = [("prompt", node.prompt), ("invalidPrompt", node.invalidPrompt)]
            case .survey(let node): list = [("prompt", node.prompt), ("invalidPrompt", node.invalidPrompt)]
            case .extensionDial(let node): list = [("prompt", node.prompt), ("invalidPrompt", node.invalidPrompt)]
            case .announceAgent(let node): list = [("prompt", node.prompt)]
            case .voicemail(let node): list = [("prompt", node.prompt)]
            case .hangUp(let node): list = [("prompt", node.prompt)]
            case .condition, .set, .lookup, .businessHours, .enqueue, .transfer, .sms: list = []
            }
            return list.compactMap { field, prompt in prompt.map { (field, $0) } }
        }
    }
}
