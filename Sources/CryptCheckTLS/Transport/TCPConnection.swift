import CryptCheckModel
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A connection failure: what failed and why. `isTransient` failures (connect errors,
/// timeouts) are worth retrying; a server that sent too much is not.
package struct ConnectionError: CodedError, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure, for machines and tests (`connection.refused`).
    package let code: ErrorCode
    /// What failed and why, for a person (names the host or address).
    package let description: String
    package let isTransient: Bool
    package init(_ code: ErrorCode, _ description: String, transient: Bool = true) {
        self.code = code
        self.description = description
        isTransient = transient
    }

    /// The code of a failed `connect`, `send` or `recv` by its `errno`.
    static func code(errno value: Int32) -> ErrorCode {
        switch value {
        case ECONNREFUSED: .connectionRefused
        case ENETUNREACH, EHOSTUNREACH, ENETDOWN, EHOSTDOWN, EADDRNOTAVAIL: .connectionUnreachable
        case ETIMEDOUT: .connectionTimeout
        case ECONNRESET, EPIPE, ECONNABORTED: .connectionReset
        default: .connectionFailed
        }
    }
}

/// Which address families a scan may use (`-4`, `-6`).
package enum AddressFamily: String, Sendable, Codable, CaseIterable {
    case any, ipv4, ipv6

    var systemValue: Int32 {
        switch self {
        case .any: AF_UNSPEC
        case .ipv4: AF_INET
        case .ipv6: AF_INET6
        }
    }
}

/// One resolved socket address of an endpoint.
package struct EndpointAddress: Sendable, Hashable, CustomStringConvertible {
    let family: Int32
    let socketType: Int32
    let socketProtocol: Int32
    let storage: [UInt8]
    /// The numeric address (`127.0.0.1`, `::1`).
    package let numeric: String

    package var description: String { numeric }

    /// The addresses of `host:port` in the resolver's order, limited to `family`.
    package static func resolve(host: String, port: Int, family: AddressFamily = .any) throws -> [EndpointAddress] {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_family = family.systemValue
        var result: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &result)
        guard status == 0, let first = result else {
            let which = family == .any ? "" : " (\(family == .ipv4 ? "IPv4" : "IPv6") only)"
            throw ConnectionError(
                .connectionUnresolved, "cannot resolve \(host)\(which): \(String(cString: gai_strerror(status)))", transient: false)
        }
        defer { freeaddrinfo(result) }
        var addresses: [EndpointAddress] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let info = cursor {
            cursor = info.pointee.ai_next
            guard let socketAddress = info.pointee.ai_addr else { continue }
            var name = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            guard getnameinfo(socketAddress, info.pointee.ai_addrlen, &name, socklen_t(name.count), nil, 0, NI_NUMERICHOST) == 0 else {
                continue
            }
            let bytes = Array(UnsafeRawBufferPointer(start: socketAddress, count: Int(info.pointee.ai_addrlen)))
            let address = EndpointAddress(
                family: info.pointee.ai_family, socketType: info.pointee.ai_socktype,
                socketProtocol: info.pointee.ai_protocol, storage: bytes,
                numeric: String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
            if !addresses.contains(address) { addresses.append(address) }
        }
        guard !addresses.isEmpty else {
            throw ConnectionError(.connectionUnresolved, "cannot resolve \(host): no usable address", transient: false)
        }
        return addresses
    }
}

/// A TCP connection with a deadline on every step, so no server can hang a probe.
final class TCPConnection: TransportConnection {
    private let descriptor: Int32
    /// The clock the deadlines are instants of.
    private let clock: any ScanClock

    /// Connects to `address` before `deadline`, as `clock` tells time.
    init(address: EndpointAddress, deadline: ContinuousClock.Instant, clock: any ScanClock) throws {
        self.clock = clock
        let socketDescriptor = socket(
            address.family, address.socketType | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue),
            address.socketProtocol)
        guard socketDescriptor >= 0 else {
            throw ConnectionError(.connectionFailed, "cannot open a socket: \(String(cString: strerror(errno)))")
        }
        let started = address.storage.withUnsafeBytes { raw in
            connect(socketDescriptor, raw.baseAddress!.assumingMemoryBound(to: sockaddr.self), socklen_t(raw.count)) == 0
                || errno == EINPROGRESS
        }
        var failure = started ? "" : String(cString: strerror(errno))
        var code = started ? ErrorCode.connectionFailed : ConnectionError.code(errno: errno)
        if started {
            do {
                try Self.wait(socketDescriptor, for: Int16(POLLOUT), until: deadline, clock: clock, what: "connecting")
                var error: Int32 = 0
                var length = socklen_t(MemoryLayout<Int32>.size)
                getsockopt(socketDescriptor, SOL_SOCKET, SO_ERROR, &error, &length)
                if error == 0 {
                    descriptor = socketDescriptor
                    return
                }
                failure = String(cString: strerror(error))
                code = ConnectionError.code(errno: error)
            } catch {
                failure = "\(error)"
                code = ErrorCode.of(error)
            }
        }
        close(socketDescriptor)
        let shown = address.family == AF_INET6 ? "[\(address.numeric)]" : address.numeric
        throw ConnectionError(code, "cannot connect to \(shown):\(Self.port(of: address)): \(failure)")
    }

    deinit { close(descriptor) }

    private static func port(of address: EndpointAddress) -> Int {
        // sin_port and sin6_port sit at the same offset, in network order.
        guard address.storage.count >= 4 else { return 0 }
        return Int(address.storage[2]) << 8 | Int(address.storage[3])
    }

    func send(_ bytes: [UInt8], deadline: ContinuousClock.Instant) throws {
        var sent = 0
        while sent < bytes.count {
            try Self.wait(descriptor, for: Int16(POLLOUT), until: deadline, clock: clock, what: "sending")
            let count = bytes[sent...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if count < 0 {
                if errno == EAGAIN || errno == EINTR { continue }
                throw ConnectionError(ConnectionError.code(errno: errno), "send failed: \(String(cString: strerror(errno)))")
            }
            sent += count
        }
    }

    /// Up to `limit` bytes, or empty when the server closed the connection.
    func receive(limit: Int, deadline: ContinuousClock.Instant) throws -> [UInt8] {
        while true {
            try Self.wait(descriptor, for: Int16(POLLIN), until: deadline, clock: clock, what: "waiting for the server")
            var buffer = [UInt8](repeating: 0, count: limit)
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count < 0 {
                if errno == EAGAIN || errno == EINTR { continue }
                if errno == ECONNRESET { return [] }
                throw ConnectionError(ConnectionError.code(errno: errno), "receive failed: \(String(cString: strerror(errno)))")
            }
            return Array(buffer.prefix(count))
        }
    }

    private static func wait(
        _ descriptor: Int32, for events: Int16, until deadline: ContinuousClock.Instant,
        clock: any ScanClock, what: String
    ) throws {
        while true {
            let left = clock.now.duration(to: deadline)
            let milliseconds = Int32(max(0, left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000))
            guard milliseconds > 0 else { throw ConnectionError(.connectionTimeout, "timed out \(what)") }
            var poller = pollfd(fd: descriptor, events: events, revents: 0)
            let ready = poll(&poller, 1, milliseconds)
            if ready > 0 { return }
            if ready == 0 { throw ConnectionError(.connectionTimeout, "timed out \(what)") }
            if errno != EINTR { throw ConnectionError(.connectionFailed, "poll failed: \(String(cString: strerror(errno)))") }
        }
    }
}
