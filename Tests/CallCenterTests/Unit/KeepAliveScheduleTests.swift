// The phone keep-alive's plan, driven with times as values: when phones are pinged, when a
// silent one leaves routing, when it is back, and that pings spread over the interval.

import Testing
@testable import CallCenter

@Suite struct KeepAliveScheduleTests {
    private let settings = KeepAliveSettings(interval: .seconds(30), timeout: .seconds(5), allowedMisses: 2)

    private func phone(_ user: String, port: Int = 5060) -> KeepAlivePhone {
        KeepAlivePhone(user: user, realm: "demo.kefu.local", contact: "sip:\(user)@127.0.0.1:\(port)")
    }

    /// Registers `phone` at 0 and returns its first ping (due somewhere within the interval).
    private func firstPing(_ schedule: inout KeepAliveSchedule<Int>, _ phone: KeepAlivePhone) throws -> KeepAliveSchedule<Int>.Ping {
        _ = schedule.registered(phone, target: 1, at: .zero)
        let pings = schedule.due(at: .seconds(30))
        #expect(pings.count == 1)
        return try #require(pings.first)
    }

    @Test("a registered phone is first pinged within one interval, then once per interval while it answers")
    func pingsEveryInterval() throws {
        var schedule = KeepAliveSchedule<Int>(settings: settings)
        let ping = try firstPing(&schedule, phone("1001"))
        let resent = schedule.due(at: .seconds(30)).isEmpty
        #expect(resent, "a ping in flight is not sent again")
        let flipped = schedule.answered(ping, at: .seconds(31))
        #expect(!flipped)
        let noneEarly = schedule.due(at: .seconds(60)).isEmpty
        #expect(noneEarly)
        let oneDue = schedule.due(at: .seconds(61)).count == 1
        #expect(oneDue)
        #expect(schedule.isAlive(phone("1001")))
    }

    @Test("a phone that misses the allowed pings in a row is dead, once; retries come at once, then every interval")
    func missesKillThePhone() throws {
        var schedule = KeepAliveSchedule<Int>(settings: settings)
        let first = try firstPing(&schedule, phone("1001"))
        let firstMissKills = schedule.missed(first, at: .seconds(35))
        #expect(!firstMissKills, "one miss is not enough")
        #expect(schedule.isAlive(phone("1001")))
        let secondPings = schedule.due(at: .seconds(35))
        let second = try #require(secondPings.first, "a miss is retried at once")
        let secondMissKills = schedule.missed(second, at: .seconds(40))
        #expect(secondMissKills, "the second miss in a row kills the phone")
        #expect(!schedule.isAlive(phone("1001")))
        #expect(schedule.deadCount == 1)
        let noneEarly = schedule.due(at: .seconds(69)).isEmpty
        #expect(noneEarly, "a dead phone is pinged every interval")
        let thirdPings = schedule.due(at: .seconds(70))
        let third = try #require(thirdPings.first)
        let reported = schedule.missed(third, at: .seconds(75))
        #expect(!reported, "an already dead phone is not reported again")
    }

    @Test("a dead phone that answers again, or registers again, is back")
    func deadPhoneComesBack() throws {
        var schedule = KeepAliveSchedule<Int>(settings: KeepAliveSettings(interval: .seconds(30), allowedMisses: 1))
        let ping = try firstPing(&schedule, phone("1001"))
        let missKills = schedule.missed(ping, at: .seconds(35))
        #expect(missKills)
        let retryPings = schedule.due(at: .seconds(65))
        let retry = try #require(retryPings.first)
        let answerRevives = schedule.answered(retry, at: .seconds(66))
        #expect(answerRevives)
        #expect(schedule.isAlive(phone("1001")))
        #expect(schedule.deadCount == 0)

        let nextPings = schedule.due(at: .seconds(96))
        let next = try #require(nextPings.first)
        let missKillsAgain = schedule.missed(next, at: .seconds(100))
        #expect(missKillsAgain)
        let registerRevives = schedule.registered(phone("1001"), target: 1, at: .seconds(101))
        #expect(registerRevives, "a REGISTER is a sign of life")
        #expect(schedule.isAlive(phone("1001")))
    }

    @Test("an answer to an older ping, or to a phone that unregistered meanwhile, changes nothing")
    func staleOutcomesIgnored() throws {
        var schedule = KeepAliveSchedule<Int>(settings: KeepAliveSettings(interval: .seconds(30), allowedMisses: 1))
        let ping = try firstPing(&schedule, phone("1001"))
        let missKills = schedule.missed(ping, at: .seconds(35))
        #expect(missKills)
        let lateAnswerRevives = schedule.answered(ping, at: .seconds(36))
        #expect(!lateAnswerRevives, "the late answer to a settled ping")
        #expect(!schedule.isAlive(phone("1001")))

        let other = try firstPing(&schedule, phone("1002"))
        schedule.unregistered(phone("1002"))
        let goneMissKills = schedule.missed(other, at: .seconds(40))
        #expect(!goneMissKills)
        #expect(schedule.isAlive(phone("1002")), "an unknown phone is never judged dead")
        let later = schedule.due(at: .seconds(600))
        #expect(later.map(\.phone) == [phone("1001")], "the unregistered phone is no longer pinged")
        schedule.unregistered(phone("1001"))
        #expect(schedule.deadCount == 0, "a dead phone that unregisters is no longer counted")
    }

    @Test("re-registering after an unregister schedules the phone once, not twice")
    func reRegisterOnce() throws {
        var schedule = KeepAliveSchedule<Int>(settings: settings)
        _ = try firstPing(&schedule, phone("1001"))
        schedule.unregistered(phone("1001"))
        _ = schedule.registered(phone("1001"), target: 2, at: .seconds(31))
        let pings = schedule.due(at: .seconds(70))
        #expect(pings.count == 1)
        #expect(pings.first?.target == 2)
    }

    @Test("10,000 phones registering at the same moment are pinged spread over the interval, each once")
    func spreadOverInterval() {
        var schedule = KeepAliveSchedule<Int>(settings: settings)
        for index in 0..<10_000 { _ = schedule.registered(phone("\(index)", port: 20_000 + index % 500), target: index, at: .zero) }
        #expect(schedule.count == 10_000)
        var perSecond: [Int] = []
        var seen = Set<Int>()
        for second in 1...30 {
            let pings = schedule.due(at: .seconds(second))
            perSecond.append(pings.count)
            seen.formUnion(pings.map(\.target))
        }
        #expect(seen.count == 10_000)
        // Uniform would be 333 a second; no second carries more than twice that.
        #expect(perSecond.max() ?? 0 < 667, "\(perSecond)")
        #expect(perSecond.min() ?? 0 > 150, "\(perSecond)")
    }

    @Test("an interval of zero turns the keep-alive off: nothing is followed or pinged")
    func off() {
        var schedule = KeepAliveSchedule<Int>(settings: .off)
        _ = schedule.registered(phone("1001"), target: 1, at: .zero)
        #expect(schedule.count == 0)
        let noPings = schedule.due(at: .seconds(3600)).isEmpty
        #expect(noPings)
        #expect(KeepAliveSettings(interval: .seconds(1)).timeout == .seconds(1))
        #expect(KeepAliveSettings().timeout == .seconds(5))
    }
}
