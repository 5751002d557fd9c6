import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A scripted TCP server on 127.0.0.1 and a free port: every connection is handed to
/// `handler` on a thread of its own, with its number (0, 1, ...). It counts connections and
/// the most open at once. Stopped (listener closed, threads joined) when released.
public final class FakeServer: @unchecked Sendable {
    public let port: Int
    private let listener: Int32
    private let lock = NSLock()
    private var stopped = false
    private var accepted = 0
    private var open = 0
    private var peak = 0
    private let finished = DispatchGroup()

    public init(handler: @escaping @Sendable (_ index: Int, _ connection: FakeConnection) -> Void) throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        var reuse: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, length) == 0 && getsockname(listener, $0, &length) == 0
            }
        }
        guard bound, listen(listener, 128) == 0 else {
            close(listener)
            throw CocoaError(.fileWriteUnknown)
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        self.listener = listener
        finished.enter()
        Thread { [self] in
            acceptLoop(handler)
            finished.leave()
        }.start()
    }

    deinit {
        lock.lock()
        stopped = true
        lock.unlock()
        finished.wait()
        close(listener)
    }

    /// Connections accepted so far.
    public var connectionCount: Int { lock.withLock { accepted } }
    /// The most connections that were open at the same time.
    public var peakConcurrency: Int { lock.withLock { peak } }

    private func acceptLoop(_ handler: @escaping @Sendable (Int, FakeConnection) -> Void) {
        while !lock.withLock({ stopped }) {
            var poller = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 50) > 0 else { continue }
            let descriptor = accept(listener, nil, nil)
            guard descriptor >= 0 else { continue }
            let index = lock.withLock {
                accepted += 1
                open += 1
                peak = max(peak, open)
                return accepted - 1
            }
            finished.enter()
            Thread { [self] in
                handler(index, FakeConnection(descriptor: descriptor))
                lock.withLock { open -= 1 }
                close(descriptor)
                finished.leave()
            }.start()
        }
    }
}

/// One accepted connection of a `FakeServer`.
public struct FakeConnection: Sendable {
    let descriptor: Int32

    /// Whatever arrives within `timeout` seconds (at most `limit` bytes); empty on close.
    public func read(limit: Int = 65_536, timeout: Double = 2) -> [UInt8] {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, Int32(timeout * 1000)) > 0 else { return [] }
        var buffer = [UInt8](repeating: 0, count: limit)
        let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        return count > 0 ? Array(buffer.prefix(count)) : []
    }

    public func write(_ bytes: [UInt8]) {
        _ = bytes.withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    /// Sends all of `bytes`; false when the peer is gone (or nothing went out for 10 s).
    public func writeAll(_ bytes: [UInt8]) -> Bool {
        var sent = 0
        while sent < bytes.count {
            var poller = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
            guard poll(&poller, 1, 10_000) > 0 else { return false }
            let count = bytes[sent...].withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { return false }
            sent += count
        }
        return true
    }

    /// Waits `seconds` without answering.
    public func stall(_ seconds: Double) { usleep(UInt32(seconds * 1_000_000)) }
}

/// A barrier for the connection handlers of a `FakeServer`: each connection waits in `hold`
/// until `count` connections have been inside at the same time (once reached, everyone passes),
/// so a test that asserts a peak of concurrent connections gets it without guessing how long
/// to stall. A wait that runs out (a generous `timeout`) is counted, for the test to fail on,
/// instead of hanging.
public final class ConcurrencyBarrier: @unchecked Sendable {  // state guarded by `condition`
    private let condition = NSCondition()
    private let count: Int
    private let timeout: Double
    private var inside = 0
    private var peak = 0
    private var missed = 0

    public init(count: Int, timeout: Double = 10) {
        self.count = count
        self.timeout = timeout
    }

    /// Waits until `count` connections have been in `hold` at once, at most `timeout` seconds.
    public func hold() {
        let deadline = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        defer { condition.unlock() }
        inside += 1
        peak = max(peak, inside)
        condition.broadcast()
        while peak < count, condition.wait(until: deadline) {}
        if peak < count { missed += 1 }
        inside -= 1
    }

    /// How many waits ran out before `count` connections were in at once (0 when the barrier worked).
    public var timeouts: Int {
        condition.lock()
        defer { condition.unlock() }
        return missed
    }
}
