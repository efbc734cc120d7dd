// Waiting a bounded time for the first element of an async stream that matches.

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
