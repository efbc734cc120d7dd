// Requirement classes: created on first use and filled with the agents that can serve them.

extension ACDEngine {
    /// The class of a queue for a channel and needs, created (and filled with the queue's
    /// available, qualifying agents) the first time it is needed.
    mutating func classFor(_ queue: Int32, _ channel: ACDChannel, _ needs: [SkillNeed]) -> Int32 {
        classFor(queue, channel, needs, cap: .max)
    }

    /// The class of a queue for a channel and `needs` with every level capped at `cap` (the
    /// relaxed needs of a waiting task), found without building the capped needs.
    mutating func classFor(_ queue: Int32, _ channel: ACDChannel, _ needs: [SkillNeed], cap: Int8) -> Int32 {
        if queues[Int(queue)].classes.count <= 16 {
            // A short linear look is cheaper than hashing the signature; packed needs are
            // compared without reading the classes' arrays.
            let digest = NeedsDigest(needs, cap: cap)
            for slot in queues[Int(queue)].classes where classes[Int(slot)].channel == channel {
                if digest.isInline ? classes[Int(slot)].digest == digest
                    : Self.equal(classes[Int(slot)].needs, needs, cap: cap)
                {
                    return slot
                }
            }
        }
        let needs = Self.capped(needs, at: cap)
        let signature = ClassSignature(queue: queue, channel: channel, needs: needs)
        if let existing = classIndex[signature] { return existing }
        let slot = Int32(classes.count)
        let position = Int32(queues[Int(queue)].classes.count)
        classes.append(RequirementClass(queue: queue, channel: channel, needs: needs, digest: NeedsDigest(needs),
                                        position: position))
        queues[Int(queue)].classes.append(slot)
        classIndex[signature] = slot

        for member in queues[Int(queue)].members {
            let a = Int(member)
            guard let membershipIndex = agents[a].membershipIndex(of: queue) else { continue }
            let membership = agents[a].memberships[membershipIndex]
            guard membership.signedIn, qualifies(member, needs) else { continue }
            if !agents[a].servingDirty, isServing(member, membership), agents[a].servingChannels.contains(channel) {
                let amount = agents[a].capacity[channel]
                classes[Int(slot)].servingCapacity += amount
                agents[a].servingEntries.append(ServingEntry(classSlot: slot, amount: amount))
            }
            guard availableChannels(member).contains(channel) else { continue }
            let ordinal = Int32(membershipIndex << 12) | position
            let key = enrollmentKey(member, membership, slot)
            agentSets.insert(key, into: &classes[Int(slot)].agents)
            let insertAt = agents[a].enrollments.firstIndex { $0.ordinal > ordinal } ?? agents[a].enrollments.count
            agents[a].enrollments.insert(Enrollment(classSlot: slot, ordinal: ordinal, key: key), at: insertAt)
            agents[a].isEnrolled = true
        }
        return slot
    }

    /// Whether `capped` equals `needs` with every level capped at `cap`.
    @inline(__always)
    static func equal(_ capped: [SkillNeed], _ needs: [SkillNeed], cap: Int8) -> Bool {
        guard capped.count == needs.count else { return false }
        for index in needs.indices {
            let need = needs[index]
            if capped[index].skill != need.skill || capped[index].level != min(need.level, cap) { return false }
        }
        return true
    }
}
