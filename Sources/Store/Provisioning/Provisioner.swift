// Applies a provisioning document: every object created, changed or left alone, all in one
// transaction, and the whole file refused with every problem listed when any part is wrong.
import Foundation

/// Settings of a provisioning run.
public struct ProvisioningOptions: Sendable {
    /// The data directory, where prompt audio files are copied (`prompts/<tenant>/<sha256>.wav`).
    /// Required when the file has audio prompts.
    public var dataDirectory: String?
    /// Who the run acts as in review trails (`created_by`, `reviewed_by`).
    public var actor: String

    /// Creates a value from its parts (defaults as documented on each property).
    public init(dataDirectory: String? = nil, actor: String = "provisioning") {
        self.dataDirectory = dataDirectory
        self.actor = actor
    }
}

/// Applies ``ProvisioningDocument``s to a store.
///
/// Idempotent: objects are matched by their names (tenant code, skill name, agent work
/// number, number, trunk name, user name); an object already as described is left alone
/// and reported `unchanged`, so a second run reports nothing to change. Nothing is deleted:
/// objects the file does not mention stay as they are. Secrets given in clear are compared
/// with their stored hashes, so repeating a password changes nothing.
public struct Provisioner: Sendable {
    let store: Store
    let options: ProvisioningOptions

    /// Creates a value from its parts (defaults as documented on each property).
    public init(store: Store, options: ProvisioningOptions = ProvisioningOptions()) {
        self.store = store
        self.options = options
    }

    /// Applies `document` in one transaction.
    ///
    /// - Parameter dryRun: work everything out, report it, and roll back.
    /// - Throws: ``StoreError/invalidInput(_:)`` listing every problem, with paths into the
    ///   file (`tenants[0].agents[2].skills[0].skill`); nothing is applied then.
    public func apply(_ document: ProvisioningDocument, dryRun: Bool = false) async throws -> ProvisioningReport {
        if let version = document.version, version != 1 {
            throw StoreError.invalid("version", String(version), "this build of kefu reads provisioning format version 1")
        }
        do {
            return try await store.transaction { tx in
                let run = ProvisioningRun(store: tx, options: options)
                try await run.apply(document)
                try run.issues.throwIfAny()
                if dryRun { throw DryRunFinished(report: run.report) }
                return run.report
            }
        } catch let finished as DryRunFinished {
            var report = finished.report
            report.dryRun = true
            return report
        }
    }
}

/// Ends a dry run's transaction (rolling it back) while carrying its report out.
private struct DryRunFinished: Error {
    let report: ProvisioningReport
}

/// One run: the transaction's store, the report so far, and every problem found.
final class ProvisioningRun {
    let store: Store
    let options: ProvisioningOptions
    var report = ProvisioningReport()
    var issues = IssueCollector()

    init(store: Store, options: ProvisioningOptions) {
        self.store = store
        self.options = options
    }

    func apply(_ document: ProvisioningDocument) async throws {
        checkDuplicates(document)
        if let required = document.platform?.approvalRequired {
            try await applySetting("approval_required", path: "platform.approval_required", to: required,
                                   current: { try await self.store.platformSettings.approvalRequired() },
                                   save: { try await self.store.platformSettings.setApprovalRequired($0) })
        }
        for (index, user) in (document.platform?.users ?? []).enumerated() {
            try await applyUser(user, scope: .platform, names: nil, path: "platform.users[\(index)]", label: user.username)
        }
        var tenantIDs: [String: TenantID] = [:]
        for (index, entry) in (document.tenants ?? []).enumerated() {
            if let tenant = try await applyTenant(entry, path: "tenants[\(index)]") { tenantIDs[entry.code] = tenant }
        }
        for (index, entry) in (document.trunks ?? []).enumerated() {
            try await applyTrunk(entry, tenantIDs: tenantIDs, tenantsInFile: Set((document.tenants ?? []).map(\.code)),
                                 path: "trunks[\(index)]")
        }
    }

    // MARK: The shared steps

    /// Creates, changes or leaves one object, recording the outcome; a refused object's
    /// problems are collected (prefixed with `path`) and `nil` returned so the run goes on.
    func upsert<Object>(
        _ kind: String, _ name: String, path: String, existing: Object?, isUnchanged: (Object) -> Bool,
        create: () async throws -> Object, update: (Object) async throws -> Object
    ) async throws -> Object? {
        do {
            if let existing {
                if isUnchanged(existing) {
                    report.record(kind, name, .unchanged)
                    return existing
                }
                let updated = try await update(existing)
                report.record(kind, name, .changed)
                return updated
            }
            let created = try await create()
            report.record(kind, name, .created)
            return created
        } catch let error as StoreError {
            try collect(error, path: path)
            return nil
        }
    }

    /// Sets one setting (a value that always exists, with a default) when it differs from
    /// what is stored, recording the outcome; a refused value's problems are collected
    /// (prefixed with `path`).
    func applySetting<Value: Equatable>(
        _ name: String, path: String, to value: Value, current: () async throws -> Value, save: (Value) async throws -> Void
    ) async throws {
        do {
            if try await current() == value {
                report.record("setting", name, .unchanged)
                return
            }
            try await save(value)
            report.record("setting", name, .changed)
        } catch let error as StoreError {
            try collect(error, path: path)
        }
    }

    /// Notes a problem a repository reported for the object at `path`.
    func collect(_ error: StoreError, path: String) throws {
        switch error {
        case .invalidInput(let list):
            issues.add(contentsOf: list, prefix: path)
        case .notFound(let kind, let key):
            issues.add(path, key, "refers to a \(kind) that does not exist")
        case .invalidTransition:
            issues.add(path, nil, error.description)
        default:
            throw error
        }
    }

    /// Turns the last `unchanged` entry for this object into `changed` (a secret changed).
    func markChanged(_ kind: String, _ name: String) {
        if let index = report.entries.lastIndex(where: { $0.kind == kind && $0.name == name }),
           report.entries[index].change == .unchanged {
            report.entries[index].change = .changed
        }
    }

    /// A value of a closed set, or an issue naming the allowed values.
    func choice<T: RawRepresentable & CaseIterable>(_ type: T.Type, _ raw: String?, default value: T, field: String) -> T?
    where T.RawValue == String {
        guard let raw else { return value }
        if let parsed = T(rawValue: raw) { return parsed }
        issues.add(field, raw, "must be one of: \(T.allCases.map(\.rawValue).joined(separator: ", "))")
        return nil
    }

    // MARK: Checks on the file alone

    private func checkDuplicates(_ document: ProvisioningDocument) {
        func check(_ keys: [String], _ path: String, _ field: String) {
            for duplicate in Validate.duplicates(keys) {
                let index = keys.lastIndex(of: duplicate)!
                issues.add("\(path)[\(index)].\(field)", duplicate, "is listed twice")
            }
        }
        check((document.tenants ?? []).map(\.code), "tenants", "code")
        check((document.trunks ?? []).map(\.name), "trunks", "name")
        check((document.platform?.users ?? []).map(\.username), "platform.users", "username")
        for (index, tenant) in (document.tenants ?? []).enumerated() {
            let path = "tenants[\(index)]"
            check((tenant.sites ?? []).map(\.name), "\(path).sites", "name")
            check((tenant.partners ?? []).map(\.name), "\(path).partners", "name")
            check((tenant.teams ?? []).map(\.name), "\(path).teams", "name")
            check((tenant.notReadyReasons ?? []).map(\.code), "\(path).not_ready_reasons", "code")
            check((tenant.skills ?? []).map(\.name), "\(path).skills", "name")
            check((tenant.prompts ?? []).map(\.name), "\(path).prompts", "name")
            check((tenant.queues ?? []).map(\.name), "\(path).queues", "name")
            check((tenant.flows ?? []).map(\.name), "\(path).flows", "name")
            check((tenant.numbers ?? []).map(\.number), "\(path).numbers", "number")
            check((tenant.agents ?? []).map(\.workNumber), "\(path).agents", "work_number")
            check((tenant.agents ?? []).map(\.extension), "\(path).agents", "extension")
            check((tenant.users ?? []).map(\.username), "\(path).users", "username")
            check((tenant.mailboxes ?? []).map(\.name), "\(path).mailboxes", "name")
            check((tenant.webhooks ?? []).map(\.url), "\(path).webhooks", "url")
        }
    }
}
