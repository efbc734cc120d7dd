// Waiting a bounded time for the first element of an async stream that matches, or for a
// condition the server reaches on its own tasks.

/// The first element of `stream` that `matches` within `seconds`, or nil.
func first<Element: Sendable>(
    of stream: AsyncStream<Element>, within seconds: Double, where matches: @escaping @Sendable (Element) -> Bool
) async -> Element? {
    await withTaskGroup(of: Element?.self) { group in
        group.addTask {
            for await element in stream where matches(element) { return element }
            return nil
        }
        group.addTask {
            try? await Task.sleep(for: .seconds(seconds))
            return nil
        }
        let found = await group.next() ?? nil
        group.cancelAll()
        return found
    }
}

/// Whether `condition` became true within `seconds` (checked every 10 ms).
func eventually(within seconds: Double = 30, _ condition: @Sendable () -> Bool) async -> Bool {
    let deadline = ContinuousClock.now.advanced(by: .seconds(seconds))
    while !condition() {
        guard ContinuousClock.now < deadline else { return false }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return true
}
