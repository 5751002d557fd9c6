import CryptCheckModel
import Foundation
import PostgresNIO

/// One connection to the PostgreSQL store, used synchronously. postgres-nio is asynchronous;
/// every call here waits for its future on the calling thread (`EventLoopFuture.wait`, which
/// blocks on a condition, never spins). The commands call it from their own threads, never from
/// an event loop or the concurrency pool, so nothing the wait depends on is blocked by it.
/// A session is used by one thread at a time.
final class PostgresSession: Sendable {
    let location: PostgresLocation
    private let connection: PostgresConnection
    private let logger: Logger

    /// A value bound to a query parameter.
    enum Value: Sendable {
        case text(String?)
        case int(Int64?)
        case bool(Bool)
        case bytes(Data)
        case seconds(Double)
    }

    /// Seconds a connection attempt may take.
    static let connectTimeout: Int64 = 10

    /// Connects; a failure names the server (`host:port`) and the reason, never the password.
    init(_ location: PostgresLocation) throws(StoreError) {
        self.location = location
        var logger = Logger(label: "cryptcheck.store")
        // postgres-nio logs at debug and trace level; nothing of it reaches the outputs.
        logger.logLevel = .critical
        self.logger = logger
        var configuration = PostgresConnection.Configuration(
            host: location.host, port: location.port, username: location.user, password: location.password,
            database: location.database, tls: .disable)
        configuration.options.connectTimeout = .seconds(Self.connectTimeout)
        configuration.options.additionalStartupParameters = [("application_name", "cryptcheck")]
        do {
            connection = try PostgresConnection.connect(
                on: PostgresConnection.defaultEventLoopGroup.any(), configuration: configuration, id: 1, logger: logger
            ).wait()
        } catch {
            throw StoreError("store \(location.shown): cannot connect to \(location.address): \(Self.reason(error, location: location))")
        }
    }

    /// Closes the connection and waits for it to be closed (postgres-nio asserts that a
    /// connection is closed before it is released). Sessions are released on the commands'
    /// threads, never on an event loop, so the wait cannot block the loop it waits on.
    deinit {
        let closing: EventLoopFuture<Void> = connection.close()
        try? closing.wait()
    }

    /// Runs `sql` with `$1`… bound to `values`; returns its rows.
    @discardableResult
    func query(_ sql: String, _ values: [Value] = []) throws -> [PostgresRandomAccessRow] {
        var binds = PostgresBindings(capacity: values.count)
        for value in values {
            switch value {
            case .text(let text): binds.append(text)
            case .int(let number): binds.append(number)
            case .bool(let flag): binds.append(flag)
            case .bytes(let data): try binds.append(data)
            case .seconds(let seconds): binds.append(seconds)
            }
        }
        let result = try connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger).wait()
        return result.rows.map { $0.makeRandomAccess() }
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    func transaction<T>(_ body: () throws -> T) throws -> T {
        try query("BEGIN")
        let value: T
        do {
            value = try body()
        } catch {
            _ = try? query("ROLLBACK")
            throw error
        }
        try query("COMMIT")
        return value
    }

    /// Why a call failed, in words: the server's message, or what happened to the connection.
    /// postgres-nio's own description hides everything (its errors may carry queries); this
    /// says what is safe to say: never the password, which no server message contains.
    static func reason(_ error: any Error, location: PostgresLocation) -> String {
        let text: String
        if let error = error as? PSQLError {
            switch error.code {
            case .server:
                let message = error.serverInfo?[.message] ?? "an error"
                let state = error.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
                text = "the server said: \(message)\(state)"
            case .connectionError:
                text = error.underlying.map { connectionReason($0) } ?? "the connection failed"
            case .serverClosedConnection, .uncleanShutdown:
                text = "the server closed the connection"
            case .clientClosedConnection:
                text = "the connection was closed"
            case .authMechanismRequiresPassword:
                text = "the server asks for a password: give it in the URL or in PGPASSWORD"
            case .unsupportedAuthMechanism:
                text = "the server asks for an authentication method postgres-nio does not support"
            case .sslUnsupported:
                text = "the server does not support TLS"
            default:
                text = "PostgreSQL protocol error: \(error.code)"
            }
        } else {
            text = connectionReason(error)
        }
        var safe = text
        if let password = location.password, !password.isEmpty { safe = safe.replacingOccurrences(of: password, with: "***") }
        return EscapedText.terminalSafe(safe)
    }

    private static func connectionReason(_ error: any Error) -> String {
        if let error = error as? NIOConnectionError {
            if error.dnsAError != nil || error.dnsAAAAError != nil { return "the host name cannot be resolved" }
            if let last = error.connectionErrors.last { return connectionReason(last.error) }
            return "no address to connect to"
        }
        if let error = error as? IOError { return String(cString: strerror(error.errnoCode)).lowercased() }
        if let error = error as? ChannelError, case .connectTimeout = error {
            return "no answer within \(connectTimeout) s (timed out)"
        }
        return "\(error)"
    }
}
