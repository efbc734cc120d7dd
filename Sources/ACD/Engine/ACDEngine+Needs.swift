// Skill needs: a task's requirements as skill indexes, merged with its queue's, and lowered
// by the relaxation steps that apply to its wait.

extension ACDEngine {
    /// The task's needs after the relaxation steps that apply now.
    func relaxedNeeds(_ task: Int32) -> [SkillNeed] {
        Self.capped(tasks[Int(task)].needs, at: relaxationCap(task))
    }

    /// The highest level the relaxation steps that apply now still ask (`Int8.max`: none apply).
    func relaxationCap(_ task: Int32) -> Int8 {
        let t = Int(task)
        let stage = Int(tasks[t].relaxationStage)
        guard stage > 0 else { return .max }
        return Int8(queues[Int(tasks[t].queue)].relaxation[stage - 1].minimumLevel)
    }

    /// Needs with every level lowered to `cap` (the same array when none is above it).
    static func capped(_ needs: [SkillNeed], at cap: Int8) -> [SkillNeed] {
        guard needs.contains(where: { $0.level > cap }) else { return needs }
        var lowered = needs
        for index in lowered.indices { lowered[index].level = min(lowered[index].level, cap) }
        return lowered
    }

    /// The skill needs of requirements, or the first invalid one.
    static func needs(of requirements: [SkillRequirement], skills skillIndex: [SkillID: Int32], ids: [SkillID])
        -> Result<[SkillNeed], ACDError>
    {
        guard !requirements.isEmpty else { return .success([]) }
        var needs: [SkillNeed] = []
        needs.reserveCapacity(requirements.count)
        for requirement in requirements {
            // A few skills: comparing the strings beats hashing them.
            let found = ids.count <= 16
                ? ids.firstIndex(of: requirement.skill).map(Int32.init) : skillIndex[requirement.skill]
            guard let skill = found else { return .failure(.unknownSkill(requirement.skill)) }
            guard ACDTenantConfiguration.skillLevelRange.contains(requirement.minimumLevel) else {
                return .failure(.invalidSkillLevel(requirement.skill, level: requirement.minimumLevel))
            }
            needs.append(SkillNeed(skill: skill, level: Int8(requirement.minimumLevel)))
        }
        if needs.count > 1 { normalize(&needs) }
        return .success(needs)
    }

    /// Sorts needs by skill and keeps one per skill, the highest level, in place.
    static func normalize(_ needs: inout [SkillNeed]) {
        needs.sort { $0.skill != $1.skill ? $0.skill < $1.skill : $0.level > $1.level }
        var kept = 0
        for index in needs.indices where kept == 0 || needs[kept - 1].skill != needs[index].skill {
            needs[kept] = needs[index]
            kept += 1
        }
        needs.removeLast(needs.count - kept)
    }

    /// Two lists of needs (each sorted by skill, one per skill) merged, sorted by skill, the
    /// highest level winning. Either list is returned as is when the other is empty.
    static func mergeNeeds(_ lhs: [SkillNeed], _ rhs: [SkillNeed]) -> [SkillNeed] {
        if rhs.isEmpty { return lhs }
        if lhs.isEmpty { return rhs }
        var merged = lhs
        for need in rhs {
            if let index = merged.firstIndex(where: { $0.skill == need.skill }) {
                merged[index].level = max(merged[index].level, need.level)
            } else {
                merged.append(need)
            }
        }
        merged.sort { $0.skill < $1.skill }
        return merged
    }
}
