import Synchronization

/// Per-file results filled in by worker threads, and the next file to take.
final class ResultBox<Value: Sendable>: Sendable {
    private let state: Mutex<(slots: [Value?], next: Int)>

    init(count: Int) { state = Mutex((Array(repeating: nil, count: count), 0)) }

    func nextIndex() -> Int? {
        state.withLock { state in
            guard state.next < state.slots.count else { return nil }
            defer { state.next += 1 }
            return state.next
        }
    }

    func store(_ index: Int, _ result: Value) {
        state.withLock { $0.slots[index] = result }
    }

    var values: [Value] { state.withLock { $0.slots.map { $0! } } }
}
