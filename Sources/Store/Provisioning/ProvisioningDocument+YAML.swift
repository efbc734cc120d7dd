// Reading and writing provisioning files: YAML through Yams, every problem reported with
// its path in the file, unknown keys refused (a misspelt key must not be ignored), and
// referenced files (flows, rules, prompt audio) read relative to the YAML file.
import Crypto
import Foundation
import Yams

extension ProvisioningDocument {
    /// Reads a provisioning file and the files it refers to.
    ///
    /// - Throws: ``StoreError/invalidInput(_:)`` listing every problem found (YAML syntax,
    ///   wrong types, unknown keys, missing or unreadable referenced files).
    public static func load(contentsOf url: URL) throws -> ProvisioningDocument {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw StoreError.invalid("", url.path, "cannot read the provisioning file: \(error.localizedDescription)")
        }
        var document = try parse(yaml: text)
        try document.resolveFiles(relativeTo: url.deletingLastPathComponent())
        return document
    }

    /// Parses provisioning YAML (file references stay unresolved).
    public static func parse(yaml text: String) throws -> ProvisioningDocument {
        let root: Node
        do {
            guard let composed = try Yams.compose(yaml: text) else { return ProvisioningDocument(version: nil) }
            root = composed
        } catch {
            throw StoreError.invalid("", nil, "is not valid YAML: \(error)")
        }
        var issues = IssueCollector()
        guard root.mapping != nil else { throw StoreError.invalid("", nil, "must be a mapping with tenants:, trunks: or platform:") }
        var document = ProvisioningDocument(version: nil)
        document.version = decodeValue(Int.self, root["version"], path: "version", issues: &issues)
        if let platform = root["platform"] {
            var section = decodeValue(PlatformSection.self, without(["users"], in: platform), path: "platform", issues: &issues)
            section?.users = decodeList(UserEntry.self, platform["users"], path: "platform.users", issues: &issues)
            document.platform = section
        }
        document.trunks = decodeList(TrunkEntry.self, root["trunks"], path: "trunks", issues: &issues)
        if let tenants = root["tenants"] {
            if let sequence = tenants.sequence {
                document.tenants = sequence.enumerated().compactMap { index, node in
                    decodeTenant(node, path: "tenants[\(index)]", issues: &issues)
                }
            } else {
                issues.add("tenants", nil, "must be a list of tenants")
            }
        }
        if issues.isEmpty {
            issues.add(contentsOf: unknownKeys(root: root, decoded: document))
        }
        try issues.throwIfAny()
        return document
    }

    /// The document as YAML, with a header comment.
    public func yaml(header: String? = nil) throws -> String {
        let encoder = YAMLEncoder()
        encoder.options.allowUnicode = true
        encoder.options.sortKeys = false
        let body = try encoder.encode(self)
        guard let header else { return body }
        return header.split(separator: "\n", omittingEmptySubsequences: false).map { "# \($0)" }.joined(separator: "\n") + "\n" + body
    }

    // MARK: Referenced files

    /// Reads `flow_file`, `rules_file` and prompt `file` references relative to `directory`:
    /// documents are parsed into the entry, audio files are checked and hashed.
    mutating func resolveFiles(relativeTo directory: URL) throws {
        var issues = IssueCollector()
        for tenantIndex in (tenants ?? []).indices {
            let path = "tenants[\(tenantIndex)]"
            for flowIndex in (tenants![tenantIndex].flows ?? []).indices {
                guard let file = tenants![tenantIndex].flows![flowIndex].flowFile else { continue }
                let field = "\(path).flows[\(flowIndex)].flow_file"
                if tenants![tenantIndex].flows![flowIndex].document != nil {
                    issues.add(field, file, "give either flow_file or document, not both")
                    continue
                }
                tenants![tenantIndex].flows![flowIndex].document = Self.readJSON(file, relativeTo: directory, field: field, issues: &issues)
            }
            for numberIndex in (tenants![tenantIndex].numbers ?? []).indices {
                guard let file = tenants![tenantIndex].numbers![numberIndex].rulesFile else { continue }
                let field = "\(path).numbers[\(numberIndex)].rules_file"
                if tenants![tenantIndex].numbers![numberIndex].rules != nil {
                    issues.add(field, file, "give either rules_file or rules, not both")
                    continue
                }
                tenants![tenantIndex].numbers![numberIndex].rules = Self.readJSON(file, relativeTo: directory, field: field, issues: &issues)
            }
            for promptIndex in (tenants![tenantIndex].prompts ?? []).indices {
                guard let file = tenants![tenantIndex].prompts![promptIndex].file else { continue }
                let field = "\(path).prompts[\(promptIndex)].file"
                let url = Self.resolve(file, relativeTo: directory)
                guard let data = FileManager.default.contents(atPath: url.path) else {
                    issues.add(field, file, "no such file (looked for \(url.path))")
                    continue
                }
                guard data.count >= 12, data.prefix(4) == Data("RIFF".utf8), data.dropFirst(8).prefix(4) == Data("WAVE".utf8) else {
                    issues.add(field, file, "is not a WAV file")
                    continue
                }
                let checksum = DigestHA1.hex(SHA256.hash(data: data))
                if let given = tenants![tenantIndex].prompts![promptIndex].audioSha256, given != checksum {
                    issues.add("\(path).prompts[\(promptIndex)].audio_sha256", given, "does not match the file's checksum \(checksum)")
                }
                tenants![tenantIndex].prompts![promptIndex].file = url.path
                tenants![tenantIndex].prompts![promptIndex].audioSha256 = checksum
            }
        }
        try issues.throwIfAny()
    }

    private static func resolve(_ file: String, relativeTo directory: URL) -> URL {
        file.hasPrefix("/") ? URL(fileURLWithPath: file) : directory.appendingPathComponent(file)
    }

    private static func readJSON(_ file: String, relativeTo directory: URL, field: String, issues: inout IssueCollector) -> JSONValue? {
        let url = resolve(file, relativeTo: directory)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            issues.add(field, file, "no such file (looked for \(url.path))")
            return nil
        }
        do {
            return try JSONValue(parsing: String(decoding: data, as: UTF8.self))
        } catch let error as StoreError {
            issues.add(field, file, error.issues.first?.reason ?? "is not valid JSON")
            return nil
        } catch {
            issues.add(field, file, "is not valid JSON")
            return nil
        }
    }

    // MARK: Decoding with every problem reported

    /// The parts of a tenant decoded on their own, so a mistake in one still lets the others
    /// be checked.
    private static let tenantSections = [
        "calendar", "sites", "partners", "teams", "not_ready_reasons", "desk_settings", "skills", "prompts", "queues", "flows",
        "numbers", "agents", "users", "mailboxes", "webhooks",
    ]

    private static func decodeTenant(_ node: Node, path: String, issues: inout IssueCollector) -> TenantEntry? {
        guard node.mapping != nil else {
            issues.add(path, nil, "must be a mapping (code:, name:, time_zone:, …)")
            return nil
        }
        guard var tenant = decodeValue(TenantEntry.self, without(tenantSections, in: node), path: path, issues: &issues) else { return nil }
        tenant.calendar = decodeList(CalendarEntry.self, node["calendar"], path: "\(path).calendar", issues: &issues)
        tenant.sites = decodeList(SiteEntry.self, node["sites"], path: "\(path).sites", issues: &issues)
        tenant.partners = decodeList(PartnerEntry.self, node["partners"], path: "\(path).partners", issues: &issues)
        tenant.teams = decodeList(TeamEntry.self, node["teams"], path: "\(path).teams", issues: &issues)
        tenant.notReadyReasons = decodeList(NotReadyReasonEntry.self, node["not_ready_reasons"], path: "\(path).not_ready_reasons", issues: &issues)
        if let desk = node["desk_settings"], desk.null == nil {
            tenant.deskSettings = decodeValue(DeskSettingsEntry.self, desk, path: "\(path).desk_settings", issues: &issues)
        }
        tenant.skills = decodeList(SkillEntry.self, node["skills"], path: "\(path).skills", issues: &issues)
        tenant.prompts = decodeList(PromptEntry.self, node["prompts"], path: "\(path).prompts", issues: &issues)
        tenant.queues = decodeList(QueueEntry.self, node["queues"], path: "\(path).queues", issues: &issues)
        tenant.flows = decodeList(FlowEntry.self, node["flows"], path: "\(path).flows", issues: &issues)
        tenant.numbers = decodeList(NumberEntry.self, node["numbers"], path: "\(path).numbers", issues: &issues)
        tenant.agents = decodeList(AgentEntry.self, node["agents"], path: "\(path).agents", issues: &issues)
        tenant.users = decodeList(UserEntry.self, node["users"], path: "\(path).users", issues: &issues)
        tenant.mailboxes = decodeList(MailboxEntry.self, node["mailboxes"], path: "\(path).mailboxes", issues: &issues)
        tenant.webhooks = decodeList(WebhookEntry.self, node["webhooks"], path: "\(path).webhooks", issues: &issues)
        // Inline documents by the YAML 1.2 core schema (see JSONValue+YAML.swift).
        for (index, flow) in (node["flows"]?.sequence ?? []).enumerated() where tenant.flows?.indices.contains(index) == true {
            if let document = flow["document"] {
                tenant.flows![index].document = coreJSON(document, path: "\(path).flows[\(index)].document", issues: &issues)
            }
        }
        for (index, number) in (node["numbers"]?.sequence ?? []).enumerated() where tenant.numbers?.indices.contains(index) == true {
            if let rules = number["rules"] {
                tenant.numbers![index].rules = coreJSON(rules, path: "\(path).numbers[\(index)].rules", issues: &issues)
            }
        }
        return tenant
    }

    private static func coreJSON(_ node: Node, path: String, issues: inout IssueCollector) -> JSONValue? {
        do {
            return try JSONValue(yamlNode: node)
        } catch let error as StoreError {
            issues.add(contentsOf: error.issues, prefix: path)
            return nil
        } catch {
            return nil
        }
    }

    private static func without(_ keys: [String], in node: Node) -> Node {
        guard let mapping = node.mapping else { return node }
        return Node(mapping.filter { key, _ in !keys.contains(key.string ?? "") }.map { ($0.key, $0.value) }, node.tag, mapping.style)
    }

    private static func decodeValue<T: Decodable>(_ type: T.Type, _ node: Node?, path: String, issues: inout IssueCollector) -> T? {
        guard let node else { return nil }
        do {
            return try YAMLDecoder().decode(T.self, from: node)
        } catch {
            issues.add(contentsOf: [describe(error, path: path)])
            return nil
        }
    }

    private static func decodeList<T: Decodable>(_ type: T.Type, _ node: Node?, path: String, issues: inout IssueCollector) -> [T]? {
        guard let node else { return nil }
        if node.null != nil { return [] }
        guard let sequence = node.sequence else {
            issues.add(path, nil, "must be a list")
            return nil
        }
        return sequence.enumerated().compactMap { index, element in
            decodeValue(T.self, element, path: "\(path)[\(index)]", issues: &issues)
        }
    }

    private static func describe(_ error: any Error, path: String) -> FieldIssue {
        func join(_ codingPath: [any CodingKey], _ last: String? = nil) -> String {
            var field = path
            for key in codingPath + (last.map { [AnyCodingKey($0)] } ?? []) {
                if let index = key.intValue { field += "[\(index)]" } else { field += field.isEmpty ? key.stringValue : ".\(key.stringValue)" }
            }
            return field
        }
        guard let error = error as? DecodingError else {
            return FieldIssue(field: path, value: nil, reason: "cannot be read: \(error)")
        }
        switch error {
        case .keyNotFound(let key, let context):
            return FieldIssue(field: join(context.codingPath, key.stringValue), value: nil, reason: "is required")
        case .typeMismatch(let type, let context):
            return FieldIssue(field: join(context.codingPath), value: nil, reason: "must be \(describe(type))")
        case .valueNotFound(let type, let context):
            return FieldIssue(field: join(context.codingPath), value: nil, reason: "must be \(describe(type)), not empty")
        case .dataCorrupted(let context):
            return FieldIssue(field: join(context.codingPath), value: nil, reason: context.debugDescription)
        @unknown default:
            return FieldIssue(field: path, value: nil, reason: "cannot be read")
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "text"
        case is Int.Type, is Int64.Type: "a whole number"
        case is Bool.Type: "true or false"
        case is [Any].Type: "a list"
        default: "a \(String(describing: type).lowercased()) mapping"
        }
    }

    // MARK: Unknown keys

    /// Keys in the file that the format does not have (a misspelt `extention:` would
    /// otherwise be ignored without a word).
    private static func unknownKeys(root: Node, decoded: ProvisioningDocument) -> [FieldIssue] {
        guard let known = try? JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(decoded)) else { return [] }
        var issues: [FieldIssue] = []
        walk(root, known, path: "", issues: &issues)
        return issues
    }

    private static let freeForm: Set<String> = ["document", "rules"]

    private static func walk(_ node: Node, _ known: JSONValue?, path: String, issues: inout [FieldIssue]) {
        switch node {
        case .mapping(let mapping):
            let knownMembers = known?.objectValue ?? [:]
            for (keyNode, value) in mapping {
                let key = keyNode.string ?? ""
                let field = path.isEmpty ? key : "\(path).\(key)"
                if value.null != nil { continue }
                guard let member = knownMembers[key] else {
                    issues.append(FieldIssue(field: field, value: nil, reason: "is not a field of this format (misspelt?)"))
                    continue
                }
                if !freeForm.contains(key) { walk(value, member, path: field, issues: &issues) }
            }
        case .sequence(let sequence):
            let elements = known?.arrayValue ?? []
            for (index, element) in sequence.enumerated() where index < elements.count {
                walk(element, elements[index], path: "\(path)[\(index)]", issues: &issues)
            }
        default:
            break
        }
    }
}
