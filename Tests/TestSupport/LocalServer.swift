import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A TLS server (`openssl s_server` or `gnutls-serv`) on a free port, stopped when the test
/// ends (also on failure). Scans connect to 127.0.0.1 only.
public final class LocalServer {
    public let port: Int
    private let process = Process()

    public static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/files").path

    /// `openssl s_server` with `arguments`, on 127.0.0.1.
    public convenience init(_ arguments: [String]) throws {
        try self.init(executable: "/usr/bin/openssl") { port in
            ["s_server", "-accept", "127.0.0.1:\(port)", "-quiet", "-naccept", "1000"] + arguments
        }
    }

    /// `openssl s_server` with `arguments`, on ::1 only.
    public convenience init(ipv6 arguments: [String]) throws {
        try self.init(executable: "/usr/bin/openssl", ipv6: true) { port in
            ["s_server", "-6", "-accept", "[::1]:\(port)", "-quiet", "-naccept", "1000"] + arguments
        }
    }

    /// `gnutls-serv` with `arguments` (it has no bind-address option; only 127.0.0.1 is probed).
    public convenience init(gnutls arguments: [String]) throws {
        try self.init(executable: "/usr/bin/gnutls-serv") { port in ["--port", String(port), "--echo"] + arguments }
    }

    /// `port`: a given one (a server restarted on the port of one stopped before), else a free one.
    public init(executable: String, ipv6: Bool = false, port: Int? = nil, arguments: (Int) throws -> [String]) throws {
        self.port = try port ?? Self.freePort()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = try arguments(self.port)
        process.standardInput = FileHandle.nullDevice  // s_server reads stdin; an inherited one can stall it
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        try waitUntilListening(ipv6: ipv6)
    }

    /// SIGKILL: s_server does not exit on SIGTERM, and a test server holds nothing to save.
    deinit {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// A port the kernel says is free now.
    public static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0
            }
        }
        guard bound else { throw CocoaError(.fileReadUnknown) }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private func waitUntilListening(ipv6: Bool) throws {
        for _ in 0..<100 {
            if Self.accepts(port: port, ipv6: ipv6) { return }
            guard process.isRunning else { throw CocoaError(.executableLoad) }
            usleep(50_000)
        }
        throw CocoaError(.fileReadUnknown)
    }

    /// Whether something on 127.0.0.1 (or ::1) takes a connection on `port`.
    public static func accepts(port: Int, ipv6: Bool = false) -> Bool {
        let descriptor = socket(ipv6 ? AF_INET6 : AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        if ipv6 {
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_port = in_port_t(UInt16(port).bigEndian)
            address.sin6_addr = in6addr_loopback
            return withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) == 0
                }
            }
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}
