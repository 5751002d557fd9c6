import Foundation
import Synchronization

/// The items of one `WorkerPool.map` call, handed out one at a time to whichever thread asks
/// next, and their results in the items' order.
final class MapBatch<Item: Sendable, Result: Sendable>: Sendable {
    private let items: [Item]
    private let transform: @Sendable (Item) -> Result
    private let progress: Mutex<(next: Int, results: [Result?])>
    /// Entered for each item handed out, left when its result is stored.
    private let running = DispatchGroup()

    init(items: [Item], transform: @escaping @Sendable (Item) -> Result) {
        self.items = items
        self.transform = transform
        progress = Mutex((0, Array(repeating: nil, count: items.count)))
    }

    /// Transforms items until none is left to hand out.
    func work() {
        while let index = claim() {
            let result = transform(items[index])
            progress.withLock { $0.results[index] = result }
            running.leave()
        }
    }

    private func claim() -> Int? {
        progress.withLock { progress in
            guard progress.next < items.count else { return nil }
            running.enter()
            progress.next += 1
            return progress.next - 1
        }
    }

    /// The results, once every item handed out is done; call after `work` returned, when
    /// every item has been handed out.
    func results() -> [Result] {
        running.wait()
        return progress.withLock { $0.results.map { $0! } }
    }
}
