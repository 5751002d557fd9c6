import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A connection failure: what failed and why.
public struct ConnectionError: Error, Sendable, Hashable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// A TCP connection with a deadline on every step, so no server can hang a probe.
final class TCPConnection {
    private let descriptor: Int32

    /// Connects to `host:port` (a name or an IPv4/IPv6 literal) before `deadline`.
    init(host: String, port: Int, deadline: ContinuousClock.Instant) throws {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_family = AF_UNSPEC
        var result: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &result)
        guard status == 0, let first = result else {
            throw ConnectionError("cannot resolve \(host): \(String(cString: gai_strerror(status)))")
        }
        defer { freeaddrinfo(result) }
        var lastError = "no address"
        var address: UnsafeMutablePointer<addrinfo>? = first
        while let info = address {
            let socketDescriptor = socket(info.pointee.ai_family, info.pointee.ai_socktype | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue),
                                          info.pointee.ai_protocol)
            if socketDescriptor >= 0 {
                if connect(socketDescriptor, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 || errno == EINPROGRESS {
                    do {
                        try Self.wait(socketDescriptor, for: Int16(POLLOUT), until: deadline, what: "connecting")
                        var error: Int32 = 0
                        var length = socklen_t(MemoryLayout<Int32>.size)
                        getsockopt(socketDescriptor, SOL_SOCKET, SO_ERROR, &error, &length)
                        if error == 0 {
                            descriptor = socketDescriptor
                            return
                        }
                        lastError = String(cString: strerror(error))
                    } catch {
                        lastError = "\(error)"
                    }
                } else {
                    lastError = String(cString: strerror(errno))
                }
                close(socketDescriptor)
            }
            address = info.pointee.ai_next
        }
        throw ConnectionError("cannot connect to \(host):\(port): \(lastError)")
    }

    deinit { close(descriptor) }

    func send(_ bytes: [UInt8], deadline: ContinuousClock.Instant) throws {
        var sent = 0
        while sent < bytes.count {
            try Self.wait(descriptor, for: Int16(POLLOUT), until: deadline, what: "sending")
            let count = bytes[sent...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if count < 0 {
                if errno == EAGAIN || errno == EINTR { continue }
                throw ConnectionError("send failed: \(String(cString: strerror(errno)))")
            }
            sent += count
        }
    }

    /// Up to `limit` bytes, or empty when the server closed the connection.
    func receive(limit: Int = 16_384, deadline: ContinuousClock.Instant) throws -> [UInt8] {
        while true {
            try Self.wait(descriptor, for: Int16(POLLIN), until: deadline, what: "waiting for the server")
            var buffer = [UInt8](repeating: 0, count: limit)
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count < 0 {
                if errno == EAGAIN || errno == EINTR { continue }
                if errno == ECONNRESET { return [] }
                throw ConnectionError("receive failed: \(String(cString: strerror(errno)))")
            }
            return Array(buffer.prefix(count))
        }
    }

    private static func wait(_ descriptor: Int32, for events: Int16, until deadline: ContinuousClock.Instant, what: String) throws {
        while true {
            let left = ContinuousClock.now.duration(to: deadline)
            let milliseconds = Int32(max(0, left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000))
            guard milliseconds > 0 else { throw ConnectionError("timed out \(what)") }
            var poller = pollfd(fd: descriptor, events: events, revents: 0)
            let ready = poll(&poller, 1, milliseconds)
            if ready > 0 { return }
            if ready == 0 { throw ConnectionError("timed out \(what)") }
            if errno != EINTR { throw ConnectionError("poll failed: \(String(cString: strerror(errno)))") }
        }
    }
}
