// Agents: signing in and out (per queue), ready / not ready, phone reachability.

extension ACDEngine {
    /// Index of the built-in "no-answer" reason.
    static let noAnswerReason: Int32 = 0
    /// Index of the built-in "not-ready" reason (no reason given).
    static let unspecifiedReason: Int32 = 1

    mutating func agentSignedIn(_ id: AgentID, queues requested: [QueueID]?, state: AgentPresenceRequest) -> ACDError? {
        guard let agent = agentIndex[id] else { return .unknownAgent(id) }
        let a = Int(agent)
        var chosen = Set<Int32>()
        if let requested {
            var strangers: [QueueID] = []
            for queue in requested {
                if let slot = queueIndex[queue], agents[a].membershipIndex(of: slot) != nil {
                    chosen.insert(slot)
                } else {
                    strangers.append(queue)
                }
            }
            if !strangers.isEmpty { return .notAMember(id, queues: strangers) }
        } else {
            chosen = Set(agents[a].memberships.map(\.queue))
        }
        let presence: Presence
        switch state {
        case .ready:
            presence = .ready
        case .notReady(let reasonID):
            guard let reason = reasonIndex[reasonID] else { return .unknownReason(reasonID) }
            presence = .notReady(reason)
        }
        if case .notReady(let reason) = presence, agents[a].presence != presence,
           reasons[Int(reason)].enforcement == .refuse,
           var refusal = limitViolations(agent, reason: reason, refused: true).first
        {
            refusal.refused = true
            return .limitRefused(refusal)
        }
        if agents[a].presence == .signedOut { agents[a].signedInAt = clock }
        var emptied: [Int32] = []
        updateSignInCounts(agent, by: -1, emptied: &emptied)
        for index in agents[a].memberships.indices {
            agents[a].memberships[index].signedIn = chosen.contains(agents[a].memberships[index].queue)
        }
        updateSignInCounts(agent, by: 1, emptied: &emptied)
        _ = setPresence(agent, presence, cause: .signIn, enforce: false)
        agents[a].pendingCause = .signIn
        agents[a].servingDirty = true
        markDirty(agent: agent)
        overflowQueuesWithoutAgents(emptied)
        return nil
    }

    mutating func agentSignedOut(_ id: AgentID, cause: ACDStateChangeCause) -> ACDError? {
        guard let agent = agentIndex[id] else { return .unknownAgent(id) }
        signOut(agent, cause: cause)
        return nil
    }

    /// Signs an agent out: ringing offers go back to their queues, work in progress goes on.
    mutating func signOut(_ agent: Int32, cause: ACDStateChangeCause) {
        let a = Int(agent)
        guard agents[a].presence != .signedOut else { return }
        for holding in agents[a].holdings {
            if case .offered(let offer) = holding.phase { cancelOffer(offer, reason: .agentSignedOut) }
        }
        _ = setPresence(agent, .signedOut, cause: cause, enforce: false)
        for index in agents[a].memberships.indices { agents[a].memberships[index].signedIn = false }
        agents[a].pendingCause = cause
    }

    mutating func agentChangedQueues(_ id: AgentID, _ requested: [QueueID], signedIn: Bool) -> ACDError? {
        guard let agent = agentIndex[id] else { return .unknownAgent(id) }
        let a = Int(agent)
        guard agents[a].presence != .signedOut else { return .agentSignedOut(id) }
        var indexes: [Int] = []
        var strangers: [QueueID] = []
        for queue in requested {
            if let slot = queueIndex[queue], let index = agents[a].membershipIndex(of: slot) {
                indexes.append(index)
            } else {
                strangers.append(queue)
            }
        }
        if !strangers.isEmpty { return .notAMember(id, queues: strangers) }
        var emptied: [Int32] = []
        updateSignInCounts(agent, by: -1, emptied: &emptied)
        for index in indexes { agents[a].memberships[index].signedIn = signedIn }
        updateSignInCounts(agent, by: 1, emptied: &emptied)
        agents[a].servingDirty = true
        agents[a].pendingCause = .agentRequest
        markDirty(agent: agent)
        overflowQueuesWithoutAgents(emptied)
        return nil
    }

    mutating func agentRequested(_ id: AgentID, _ request: AgentPresenceRequest, bySupervisor: Bool) -> ACDError? {
        guard let agent = agentIndex[id] else { return .unknownAgent(id) }
        let a = Int(agent)
        guard agents[a].presence != .signedOut else { return .agentSignedOut(id) }
        let cause: ACDStateChangeCause = bySupervisor ? .supervisor : .agentRequest
        switch request {
        case .ready:
            var index = agents[a].holdings.count - 1
            while index >= 0 {
                if agents[a].holdings[index].phase == .wrapUp { finishHolding(agent: agent, at: index) }
                index -= 1
            }
            agents[a].pendingCause = cause
            markDirty(agent: agent)
            return setPresence(agent, .ready, cause: cause, enforce: false)
        case .notReady(let reasonID):
            guard let reason = reasonIndex[reasonID] else { return .unknownReason(reasonID) }
            return setPresence(agent, .notReady(reason), cause: cause, enforce: !bySupervisor)
        }
    }

    mutating func agentDeviceChanged(_ id: AgentID, reachable: Bool) -> ACDError? {
        guard let agent = agentIndex[id] else { return .unknownAgent(id) }
        setDevice(agent, reachable: reachable)
        return nil
    }

    /// Records the phone's reachability; an unreachable phone's ringing calls are withdrawn.
    mutating func setDevice(_ agent: Int32, reachable: Bool) {
        let a = Int(agent)
        guard agents[a].deviceReachable != reachable else { return }
        agents[a].deviceReachable = reachable
        agents[a].servingDirty = true
        agents[a].pendingCause = .deviceChanged
        markDirty(agent: agent)
        guard !reachable else { return }
        for holding in agents[a].holdings where holding.channel.needsDevice {
            if case .offered(let offer) = holding.phase { cancelOffer(offer, reason: .deviceUnreachable) }
        }
    }

    mutating func queueHoursChanged(_ id: QueueID, open: Bool) -> ACDError? {
        guard let queue = queueIndex[id] else { return .unknownQueue(id) }
        queues[Int(queue)].isOpen = open
        return nil
    }

    // MARK: Presence

    /// Changes what the agent chose, keeping team and shift counts, reporting limit breaches
    /// and, when `enforce` and the reason refuses, refusing instead.
    mutating func setPresence(_ agent: Int32, _ presence: Presence, cause: ACDStateChangeCause, enforce: Bool)
        -> ACDError?
    {
        let a = Int(agent)
        let old = agents[a].presence
        guard old != presence else { return nil }
        var violations: [ACDNotReadyViolation] = []
        if case .notReady(let reason) = presence {
            violations = limitViolations(agent, reason: reason, refused: false)
            if enforce, reasons[Int(reason)].enforcement == .refuse, var first = violations.first {
                first.refused = true
                return .limitRefused(first)
            }
        }
        var emptied: [Int32] = []
        let signingOut = presence == .signedOut
        if signingOut { updateSignInCounts(agent, by: -1, emptied: &emptied) }
        if case .notReady(let reason) = old, let team = agents[a].team {
            teamNotReady[TeamReasonKey(team: team, reason: reason), default: 0] -= 1
        }
        if case .notReady(let reason) = presence {
            agents[a].shiftCounts[reason, default: 0] += 1
            if let team = agents[a].team { teamNotReady[TeamReasonKey(team: team, reason: reason), default: 0] += 1 }
        }
        agents[a].presence = presence
        agents[a].presenceSince = clock
        if old == .signedOut { updateSignInCounts(agent, by: 1, emptied: &emptied) }
        agents[a].servingDirty = true
        agents[a].pendingCause = cause
        markDirty(agent: agent)
        for violation in violations { emit(.notReadyLimitBreached(violation)) }
        if signingOut { overflowQueuesWithoutAgents(emptied) }
        return nil
    }

    /// Adds (or removes) the agent from the signed-in counts of its signed-in queues; queues
    /// that fall to zero are noted in `emptied`.
    mutating func updateSignInCounts(_ agent: Int32, by delta: Int32, emptied: inout [Int32]) {
        let a = Int(agent)
        guard agents[a].presence != .signedOut, !agents[a].isRemoved else { return }
        for membership in agents[a].memberships where membership.signedIn {
            let q = Int(membership.queue)
            queues[q].signedInCount += delta
            if delta < 0 && queues[q].signedInCount == 0 { emptied.append(membership.queue) }
        }
    }
}
