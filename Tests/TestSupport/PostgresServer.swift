import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A PostgreSQL 15 server of its own for a test: `initdb` into a temporary directory (as the
/// unprivileged daemon user: initdb and postgres refuse root), password authentication
/// (SCRAM-SHA-256) for the user `cryptcheck`, listening on 127.0.0.1 and a free port. Stopped
/// and its directory removed when released, also when the test fails.
public final class PostgresServer {
    public static let binaries = "/usr/lib/postgresql/15/bin"
    public let user = "cryptcheck"
    /// A password with characters that need escaping in a URL, so a leak is easy to spot.
    public let password = "s3cret-\(UUID().uuidString.prefix(8))"
    public let directory: URL
    private var daemon: Daemon?

    public var port: Int { daemon?.port ?? 0 }

    /// `postgresql://cryptcheck@127.0.0.1:PORT/DATABASE`, without the password (it goes in PGPASSWORD).
    public func url(_ database: String = "postgres") -> String { "postgresql://\(user)@127.0.0.1:\(port)/\(database)" }

    /// The environment with `PGPASSWORD` set, for the processes a test starts.
    public var environment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["PGPASSWORD"] = password
        return environment
    }

    public init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("cryptcheck-pg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        do {
            let passwordFile = directory.appendingPathComponent("pw")
            try password.write(to: passwordFile, atomically: true, encoding: .utf8)
            try Daemon.prepare("/usr/bin/chown", ["-R", "\(Daemon.user):\(Daemon.user)", directory.path])
            let data = directory.appendingPathComponent("data").path
            try Daemon.prepare(
                "\(Self.binaries)/initdb",
                ["-D", data, "-U", user, "--auth=scram-sha-256", "--pwfile=\(passwordFile.path)", "--no-sync"], user: Daemon.user)
            let port = try LocalServer.freePort()
            daemon = try Daemon(
                "\(Self.binaries)/postgres",
                ["-D", data, "-h", "127.0.0.1", "-p", String(port), "-k", directory.path, "-c", "fsync=off", "-c", "max_connections=60"],
                port: port, user: Daemon.user, log: directory.appendingPathComponent("postgres.log"))
            // postgres listens before it accepts sessions ("the database system is starting up"
            // while it recovers): ready is a query answered, not a port open.
            let deadline = Date().addingTimeInterval(60)
            while true {
                do {
                    _ = try psql("SELECT 1")
                    break
                } catch {
                    guard Date() < deadline else { throw error }
                    usleep(100_000)
                }
            }
        } catch {
            daemon = nil
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
    }

    deinit {
        daemon = nil
        try? FileManager.default.removeItem(at: directory)
    }

    /// Creates a fresh database, for a test that needs one of its own.
    public func createDatabase(_ name: String) throws {
        _ = try psql("CREATE DATABASE \(name)")
    }

    /// Runs one SQL command with psql; returns its unaligned output.
    @discardableResult
    public func psql(_ sql: String, database: String = "postgres") throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "\(Self.binaries)/psql")
        process.arguments = [
            "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", String(port), "-U", user, "-d", database, "-c", sql,
        ]
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw DaemonError(description: "psql \(sql): \(String(decoding: stderr, as: UTF8.self))")
        }
        return String(decoding: stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
