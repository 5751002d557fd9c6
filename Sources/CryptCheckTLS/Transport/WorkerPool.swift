import Foundation
import Synchronization

/// The OS threads a scan's probes run on, at most `size` of them, shared by every endpoint of
/// a run. Probes block on sockets, not on cores, so they get threads of their own rather than
/// the cooperative pool; a bounded pool keeps nested fan-out (endpoints, versions, chunks) from
/// creating a thread per call. Threads start when work waits for one and end with the pool.
package final class WorkerPool: Sendable {
    /// The most threads the pool runs.
    let size: Int
    private let queue: JobQueue

    init(size: Int) {
        precondition(size >= 1, "a worker pool needs at least one thread")
        self.size = size
        queue = JobQueue()
    }

    deinit { queue.close() }

    /// The most threads the pool has run at once.
    var peakThreads: Int { queue.peakThreads }

    /// Runs `job` on a pool thread when one is free, starting a thread if none is idle and
    /// fewer than `size` run.
    func submit(_ job: @escaping @Sendable () -> Void) {
        guard queue.push(job, threadLimit: size) else { return }
        let queue = queue
        let thread = Thread { queue.work() }
        thread.stackSize = WorkerPool.stackSize
        thread.start()
    }

    /// Stack of each pool thread: nested probe families run on one thread when the pool is
    /// busy (see `map`), and the OpenSSL handshake runs at the bottom of them.
    static let stackSize = 4 << 20

    /// `transform` of every item, in order, on up to `width` threads: the calling thread and
    /// `width - 1` jobs of the pool. The caller works through the items too and then waits only
    /// for items other threads have started, so a job that never gets a thread (the pool busy
    /// with waiting callers) costs nothing and nested calls cannot deadlock.
    package func map<Item: Sendable, Result: Sendable>(
        _ items: [Item], width: Int, _ transform: @escaping @Sendable (Item) -> Result
    ) -> [Result] {
        guard items.count > 1, width > 1 else { return items.map(transform) }
        let batch = MapBatch(items: items, transform: transform)
        for _ in 1..<min(width, items.count) { submit { batch.work() } }
        batch.work()
        return batch.results()
    }
}

/// The jobs waiting for a pool thread, and the count of threads idle or running. Kept apart
/// from `WorkerPool` so that its threads do not keep the pool alive: when the pool goes, the
/// queue closes and idle threads end.
private final class JobQueue: Sendable {
    private struct State {
        var jobs: [@Sendable () -> Void] = []
        var threads = 0
        var peakThreads = 0
        var idle = 0
    }

    private let state = Mutex(State())
    /// One signal per job queued, and one per thread when the queue closes.
    private let ready = DispatchSemaphore(value: 0)

    /// Queues `job`; true when the caller should start a thread for it (none idle, fewer
    /// than `threadLimit` running).
    func push(_ job: @escaping @Sendable () -> Void, threadLimit: Int) -> Bool {
        let start = state.withLock { state in
            state.jobs.append(job)
            guard state.idle < state.jobs.count, state.threads < threadLimit else { return false }
            state.threads += 1
            state.peakThreads = max(state.peakThreads, state.threads)
            state.idle += 1
            return true
        }
        ready.signal()
        return start
    }

    /// The most threads started and not yet ended at once.
    var peakThreads: Int { state.withLock { $0.peakThreads } }

    /// A pool thread's life: take jobs until it wakes to none, which happens only once the
    /// queue is closed (every job queued signals once and is taken by one wake).
    func work() {
        while true {
            ready.wait()
            let job: (@Sendable () -> Void)? = state.withLock { state in
                state.idle -= 1
                if state.jobs.isEmpty {
                    state.threads -= 1
                    return nil
                }
                return state.jobs.removeFirst()
            }
            guard let job else { return }
            job()
            state.withLock { $0.idle += 1 }
        }
    }

    /// Lets every thread end once the jobs queued before are done.
    func close() {
        for _ in 0..<state.withLock({ $0.threads }) { ready.signal() }
    }
}
