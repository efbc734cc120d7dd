// Benchmarks for the IVR module: inbound rule evaluation and one interpreter step.
// Figures are per call of the measured operation (scaling factor kilo: 1,000 per iteration).
import Benchmark
import IVR

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .instructions, .mallocCountTotal],
        scalingFactor: .kilo,
        maxDuration: .seconds(3))

    let environment = InboundEnvironment(
        calendar: TenantCalendar(timeZone: .china, holidays: IVRFixtures.holidays, officeHours: .standard),
        areas: IVRFixtures.areas)

    Benchmark("InboundRuleSet.evaluate, 5 rules, routed by schedule") { benchmark in
        let rules = IVRFixtures.ruleSet
        let call = InboundCall(caller: "+8613505711234", called: "4001234567", time: UnixTime(secondsSince1970: 1_749_297_600),
                               randomDraw: 0.3, recentCalls: [600: 2])
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(rules.evaluate(call, in: environment))
        }
    }

    Benchmark("InboundRuleSet.evaluate, 8 rules, routed by caller area") { benchmark in
        let rules = IVRFixtures.largeRuleSet
        let call = InboundCall(caller: "13505711234", called: "4001234567", time: UnixTime(secondsSince1970: 1_749_456_000),
                               randomDraw: 0.7, recentCalls: [600: 2, 86_400: 4])
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(rules.evaluate(call, in: environment))
        }
    }

    Benchmark("FlowExecution.received, one step (menu key to the next prompt)") { benchmark in
        let flow = IVRFixtures.loopFlow
        let context = CallContext(caller: "13800138000", called: "4001234567")
        let now = UnixTime(secondsSince1970: 1_749_456_000)
        let key = FlowEvent.digitsCollected(CollectedDigits("1"))
        var execution = FlowExecution(flow: flow, call: context, calendar: TenantCalendar())
        _ = execution.start(at: now)
        var steps = 0
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            // Each event moves one node: key at the menu → play; play finished → the menu again.
            blackHole(execution.received(steps % 2 == 0 ? key : .playFinished, at: now))
            steps += 1
            if steps == 9_000 {
                benchmark.stopMeasurement()
                execution = FlowExecution(flow: flow, call: context, calendar: TenantCalendar())
                _ = execution.start(at: now)
                steps = 0
                benchmark.startMeasurement()
            }
        }
    }

    Benchmark("FlowExecution.received, one step (HTTP lookup answer mapped to variables)") { benchmark in
        let flow = IVRFixtures.lookupFlow
        let context = CallContext(caller: "13800138000", called: "4001234567")
        let now = UnixTime(secondsSince1970: 1_749_456_000)
        let answer = FlowEvent.lookupCompleted(LookupResponse(status: 200, body: .object(["data": .object(["balance": .number(12.5)])])))
        let events = [answer, .playFinished, .digitsCollected(CollectedDigits("1"))]
        var execution = FlowExecution(flow: flow, call: context, calendar: TenantCalendar())
        _ = execution.start(at: now)
        var steps = 0
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            // lookup answered → play balance; played → menu; key 1 → lookup again.
            blackHole(execution.received(events[steps % 3], at: now))
            steps += 1
            if steps == 9_000 {
                benchmark.stopMeasurement()
                execution = FlowExecution(flow: flow, call: context, calendar: TenantCalendar())
                _ = execution.start(at: now)
                steps = 0
                benchmark.startMeasurement()
            }
        }
    }
}
