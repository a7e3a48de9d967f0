import Foundation

/// The first element of `stream` satisfying `predicate`, or `nil` when `seconds` pass first
/// or the stream ends.
///
/// The bound is a dispatch timer that cancels the waiting task; nothing sleeps.
func first<Element: Sendable>(
    of stream: AsyncStream<Element>, within seconds: Double,
    where predicate: @escaping @Sendable (Element) -> Bool = { _ in true }
) async -> Element? {
    let waiter = Task { () -> Element? in
        for await element in stream where predicate(element) { return element }
        return nil
    }
    DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { waiter.cancel() }
    return await waiter.value
}
