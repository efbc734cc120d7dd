// The lifecycle of IVR content (flow and prompt versions): draft -> submitted -> approved
// -> published, or rejected with a comment; a published version is superseded when
// another one is published (issue 10's approval, issue 6's history).

/// Where a flow or prompt version stands.
public enum ContentStatus: String, Hashable, Sendable, CaseIterable {
    /// Being edited by the tenant.
    case draft
    /// Waiting for a platform reviewer.
    case submitted
    /// Accepted by a reviewer; can be published.
    case approved
    /// Refused by a reviewer, with a comment; a new version must be made.
    case rejected
    /// The version calls use now (one per flow or prompt).
    case published
    /// Was published, replaced by a newer one; can be published again (roll back).
    case superseded
}

/// A step in the content lifecycle.
public enum ContentAction: String, Hashable, Sendable {
    case submit
    case approve
    case reject
    case publish
}

extension ContentStatus {
    /// The status after `action`, or an ``StoreError/invalidTransition(kind:from:to:reason:)``
    /// saying why the step is not allowed.
    ///
    /// - Parameters:
    ///   - approvalRequired: the platform's "approval required" switch; when on, only
    ///     approved versions (or earlier published ones that a reviewer had approved) can
    ///     be published.
    ///   - wasApproved: whether a reviewer approved this version at some point (a
    ///     superseded version keeps that fact in its review trail).
    public func applying(_ action: ContentAction, approvalRequired: Bool, wasApproved: Bool = false, kind: String) throws -> ContentStatus {
        func refuse(_ target: ContentStatus, _ reason: String) -> StoreError {
            .invalidTransition(kind: kind, from: rawValue, to: target.rawValue, reason: reason)
        }
        switch (action, self) {
        case (.submit, .draft):
            return .submitted
        case (.submit, _):
            throw refuse(.submitted, "only a draft can be submitted for review")
        case (.approve, .submitted):
            return .approved
        case (.approve, _):
            throw refuse(.approved, "only a submitted version can be approved")
        case (.reject, .submitted), (.reject, .approved):
            return .rejected
        case (.reject, _):
            throw refuse(.rejected, "only a submitted or approved version can be rejected")
        case (.publish, .approved):
            return .published
        case (.publish, .superseded):
            if approvalRequired && !wasApproved {
                throw refuse(.published, "the platform requires approval and this version was published without it: make a new version and have it approved")
            }
            return .published
        case (.publish, .draft), (.publish, .submitted):
            if approvalRequired {
                throw refuse(.published, "the platform requires approval: submit the version and have it approved first")
            }
            return .published
        case (.publish, .published):
            throw refuse(.published, "this version is already published")
        case (.publish, .rejected):
            throw refuse(.published, "a rejected version cannot be published; make a new version")
        }
    }
}
