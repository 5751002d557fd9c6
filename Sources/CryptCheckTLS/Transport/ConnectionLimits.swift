import Foundation

/// How many connections a scan may hold open at once: to any one host, and in all. One
/// instance is shared by every scanner of a run, so scanning many endpoints of one host stays
/// within its per-host limit.
public final class ConnectionLimits: @unchecked Sendable {
    public static let defaultPerHost = 8
    public static let defaultGlobal = 32

    public let perHost: Int
    public let global: Int
    private let globalPermits: DispatchSemaphore
    private var hostPermits: [String: DispatchSemaphore] = [:]
    private let lock = NSLock()

    public init(perHost: Int = ConnectionLimits.defaultPerHost, global: Int = ConnectionLimits.defaultGlobal) {
        precondition(perHost >= 1 && global >= 1, "connection limits must be at least 1")
        self.perHost = perHost
        self.global = global
        globalPermits = DispatchSemaphore(value: global)
    }

    /// Runs `body` holding one connection permit for `host` and one of the global pool. Permits
    /// are always taken host first, then global, so waiting scanners cannot deadlock.
    public func withPermit<T>(host: String, _ body: () throws -> T) rethrows -> T {
        let hostSemaphore = permits(for: host)
        hostSemaphore.wait()
        defer { hostSemaphore.signal() }
        globalPermits.wait()
        defer { globalPermits.signal() }
        return try body()
    }

    private func permits(for host: String) -> DispatchSemaphore {
        lock.lock()
        defer { lock.unlock() }
        let key = host.lowercased()
        if let existing = hostPermits[key] { return existing }
        let created = DispatchSemaphore(value: perHost)
        hostPermits[key] = created
        return created
    }
}

/// Runs blocking work (network probes) on up to `width` threads of its own: the work waits on
/// sockets, not on cores, so it gets threads rather than the cooperative pool.
enum Parallel {
    static func map<Item: Sendable, Result: Sendable>(
        _ items: [Item], width: Int, _ transform: @escaping @Sendable (Item) -> Result
    ) -> [Result] {
        guard items.count > 1, width > 1 else { return items.map(transform) }
        let results = ResultSlots<Result>(count: items.count)
        let done = DispatchGroup()
        for _ in 0..<min(width, items.count) {
            done.enter()
            let thread = Thread {
                while let index = results.claim() { results.store(transform(items[index]), at: index) }
                done.leave()
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        done.wait()
        return results.values()
    }

    /// Runs the closures side by side and waits for all of them.
    static func run(width: Int, _ tasks: [@Sendable () -> Void]) {
        _ = map(Array(tasks.indices), width: width) { tasks[$0]() }
    }
}

/// Index hand-out and result storage shared by `Parallel.map` workers.
private final class ResultSlots<Result: Sendable>: @unchecked Sendable {
    private var slots: [Result?]
    private var next = 0
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func claim() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < slots.count else { return nil }
        next += 1
        return next - 1
    }

    func store(_ value: Result, at index: Int) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    func values() -> [Result] {
        lock.lock()
        defer { lock.unlock() }
        return slots.map { $0! }
    }
}
