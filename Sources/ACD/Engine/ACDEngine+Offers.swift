// Offers: reserving agents, answers, rejections, ring-no-answer, and withdrawing offers.

extension ACDEngine {
    /// Offers a task to one agent (or several with ring-all): the task leaves its wait, each
    /// agent is reserved, and the offer timeout starts.
    mutating func makeOffers(task: Int32, to chosen: some Collection<Int32>, trace: ACDDecisionTrace) {
        let t = Int(task)
        endWait(task)
        let queue = tasks[t].queue
        let channel = tasks[t].task.channel
        tasks[t].phase = .offered
        tasks[t].offers.removeAll(keepingCapacity: true)
        tasks[t].offeredAt = clock
        tasks[t].lastChangeAt = clock
        let stamp = nextStamp()
        stamps[t].offer = stamp
        let expires = clock + queues[Int(queue)].configuration.offerTimeout
        for agent in chosen {
            let a = Int(agent)
            let id = OfferID(nextOffer << Self.offerSlotBits | UInt64(UInt32(bitPattern: task)))
            nextOffer += 1
            tasks[t].offers.append(OfferRecord(id: id, agent: agent, offeredAt: clock))
            appendHolding(agent, Holding(
                task: task, taskID: tasks[t].task.id, queue: queue, channel: channel, phase: .offered(id),
                since: clock, offeredAt: clock, stamp: 0))
            agents[a].availableSince[channel] = clock.milliseconds
            agents[a].offered += 1
            queues[Int(queue)].turnCounter += 1
            if let index = agents[a].membershipIndex(of: queue) {
                agents[a].memberships[index].turn = queues[Int(queue)].turnCounter
            }
            agents[a].pendingCause = .offered
            markDirty(agent: agent)
            emit(.offer(ACDOffer(
                offer: id, task: tasks[t].task.id, agent: agents[a].id, queue: queues[Int(queue)].id,
                channel: channel, priority: tasks[t].task.priority, isCallback: tasks[t].task.isCallback,
                expiresAt: expires, trace: trace)))
        }
        schedule(.offerTimeout, at: expires, slot: task, stamp: stamp)
        decisions += 1
    }

    /// Bits of an offer id that hold the task slot.
    static let offerSlotBits: UInt64 = 24

    /// The ringing offer with this id, taken out of its task.
    mutating func takeOffer(_ id: OfferID) -> (task: Int32, offer: OfferRecord)? {
        let slot = Int(id.rawValue & (1 << Self.offerSlotBits - 1))
        guard slot < tasks.count, tasks[slot].phase == .offered,
              let index = tasks[slot].offers.firstIndex(where: { $0.id == id }) else { return nil }
        return (Int32(slot), tasks[slot].offers.remove(at: index))
    }

    mutating func offerAccepted(_ id: OfferID) -> ACDError? {
        guard let (task, offer) = takeOffer(id) else { return .unknownOffer(id) }
        let t = Int(task)
        let a = Int(offer.agent)
        if let index = agents[a].holdings.firstIndex(where: { $0.phase == .offered(id) }) {
            agents[a].holdings[index].phase = .connected
            agents[a].holdings[index].since = clock
        }
        cancelOffers(of: task, reason: .answeredElsewhere)
        tasks[t].phase = .connected
        tasks[t].connectedAgent = offer.agent
        tasks[t].connectedAt = clock
        tasks[t].lastChangeAt = clock
        let queue = Int(tasks[t].queue)
        let waited = clock - tasks[t].queueEnteredAt
        if tasks[t].task.isCallback {
            queues[queue].counters.callbacksAnswered += 1
        } else {
            queues[queue].counters.answered += 1
            queues[queue].counters.totalWaitMilliseconds += waited.milliseconds
            queues[queue].counters.longestAnsweredWaitMilliseconds =
                max(queues[queue].counters.longestAnsweredWaitMilliseconds, waited.milliseconds)
            if waited <= queues[queue].configuration.serviceLevelThreshold {
                queues[queue].counters.answeredWithinThreshold += 1
            }
        }
        queues[queue].ringTime.add(Double((clock - offer.offeredAt).milliseconds))
        agents[a].answered += 1
        if let customer = tasks[t].task.customer {
            customerMemory.record(customer, agent: offer.agent, at: clock)
            if let window = stickyMemoryWindow { customerMemory.forget(olderThan: window, now: clock) }
        }
        agents[a].pendingCause = .answered
        markDirty(agent: offer.agent)
        return nil
    }

    mutating func offerRejected(_ id: OfferID) -> ACDError? {
        guard let (task, offer) = takeOffer(id) else { return .unknownOffer(id) }
        let t = Int(task)
        removeOfferHolding(agent: offer.agent, offer: id)
        noAnswer(offer.agent, queue: tasks[t].queue, cause: .rejected)
        if tasks[t].offers.isEmpty {
            stamps[t].offer = nextStamp()
            tasks[t].noAnswerCount += 1
            returnToQueue(task, trigger: .taskReturned)
        }
        return nil
    }

    /// The offer timeout of a task fired: every offer still ringing is a no-answer.
    mutating func offerTimedOut(_ task: Int32) {
        let t = Int(task)
        var ringing = takeRinging(task)
        defer { keepOfferStorage(&ringing, of: task) }
        for offer in ringing {
            removeOfferHolding(agent: offer.agent, offer: offer.id)
            emit(.cancelOffer(ACDOfferCancellation(offer: offer.id, task: tasks[t].task.id,
                                                   agent: agents[Int(offer.agent)].id, reason: .noAnswer)))
            noAnswer(offer.agent, queue: tasks[t].queue, cause: .noAnswer)
        }
        stamps[t].offer = nextStamp()
        tasks[t].noAnswerCount += 1
        returnToQueue(task, trigger: .taskReturned)
    }

    /// Withdraws every offer of a task still ringing (no penalty for the agents).
    mutating func cancelOffers(of task: Int32, reason: ACDOfferCancellation.Reason) {
        let t = Int(task)
        var ringing = takeRinging(task)
        defer { keepOfferStorage(&ringing, of: task) }
        for offer in ringing {
            removeOfferHolding(agent: offer.agent, offer: offer.id)
            agents[Int(offer.agent)].pendingCause = .offerCancelled
            emit(.cancelOffer(ACDOfferCancellation(offer: offer.id, task: tasks[t].task.id,
                                                   agent: agents[Int(offer.agent)].id, reason: reason)))
        }
        stamps[t].offer = nextStamp()
    }

    /// The task's ringing offers, taken out of it.
    private mutating func takeRinging(_ task: Int32) -> [OfferRecord] {
        var ringing: [OfferRecord] = []
        swap(&ringing, &tasks[Int(task)].offers)
        return ringing
    }

    /// Hands the storage of a taken offer list back to the task (no allocation for its next
    /// offers), unless the task got new offers meanwhile.
    private mutating func keepOfferStorage(_ ringing: inout [OfferRecord], of task: Int32) {
        ringing.removeAll(keepingCapacity: true)
        if tasks[Int(task)].offers.isEmpty { swap(&ringing, &tasks[Int(task)].offers) }
    }

    /// Withdraws one offer (the task keeps any others).
    mutating func cancelOffer(_ id: OfferID, reason: ACDOfferCancellation.Reason) {
        guard let (task, offer) = takeOffer(id) else { return }
        let t = Int(task)
        removeOfferHolding(agent: offer.agent, offer: id)
        agents[Int(offer.agent)].pendingCause = .offerCancelled
        emit(.cancelOffer(ACDOfferCancellation(offer: id, task: tasks[t].task.id, agent: agents[Int(offer.agent)].id,
                                               reason: reason)))
        if tasks[t].offers.isEmpty && tasks[t].phase == .offered {
            stamps[t].offer = nextStamp()
            returnToQueue(task, trigger: .taskReturned)
        }
    }

    mutating func removeOfferHolding(agent: Int32, offer: OfferID) {
        let a = Int(agent)
        if let index = agents[a].holdings.firstIndex(where: { $0.phase == .offered(offer) }) {
            let channel = removeHolding(agent, at: index).channel
            agents[a].availableSince[channel] = clock.milliseconds
        }
        markDirty(agent: agent)
    }

    /// The agent let an offer ring out or rejected it: not ready ("no-answer").
    mutating func noAnswer(_ agent: Int32, queue: Int32, cause: ACDStateChangeCause) {
        agents[Int(agent)].noAnswers += 1
        queues[Int(queue)].counters.noAnswers += 1
        if agents[Int(agent)].presence != .signedOut {
            _ = setPresence(agent, .notReady(Self.noAnswerReason), cause: cause, enforce: false)
        }
    }

    /// Puts a task whose offers all ended back in line, at its original place.
    mutating func returnToQueue(_ task: Int32, trigger: ACDDecisionTrace.Trigger) {
        tasks[Int(task)].phase = .idle
        beginWait(task, trigger: trigger)
        placeInClass(task)
    }
}
