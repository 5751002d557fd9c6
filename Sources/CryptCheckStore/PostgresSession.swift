internal import CLibPQ
import CryptCheckModel
import Foundation
import Synchronization

/// One connection to the PostgreSQL store, through libpq (Debian's libpq-dev, a system library
/// like OpenSSL), used synchronously. Parameters go apart from the SQL text (`PQexecParams`),
/// never spliced into it; results come back as text and are decoded by the column's type.
/// A session is used by one thread at a time; the connection sits behind a lock all the same.
final class PostgresSession: Sendable {
    let location: PostgresLocation
    private let connection: Mutex<OpaquePointer>

    /// A value bound to a query parameter.
    enum Value: Sendable {
        case text(String?)
        case int(Int64?)
        case bool(Bool)
        case bytes(Data)
        case seconds(Double)
    }

    /// Why a call failed: what the server said, or what happened to the connection.
    enum Failure: Error, Sendable {
        /// The server answered with an error (its primary message and SQLSTATE).
        case server(message: String, state: String?)
        /// The connection failed or was lost (libpq's words).
        case connection(String)
        /// A value came back in a form its column's type does not allow.
        case decoding(column: String, reason: String)
    }

    /// Seconds a connection attempt may take.
    static let connectTimeout = 10

    /// Connects; a failure names the server (`host:port`) and the reason, never the password.
    init(_ location: PostgresLocation) throws(StoreError) {
        self.location = location
        // The parameters as keywords, never as a connection string: nothing in them is parsed
        // (a password with spaces or quotes stays as it is), and a URL is never expanded.
        var parameters: [(String, String)] = [
            ("host", location.host), ("port", String(location.port)), ("user", location.user),
            ("dbname", location.database), ("connect_timeout", String(Self.connectTimeout)),
            ("application_name", "cryptcheck"), ("client_encoding", "UTF8"), ("sslmode", "disable"),
        ]
        if let password = location.password { parameters.append(("password", password)) }
        let handle = Self.withCStrings(parameters.map(\.0)) { keywords in
            Self.withCStrings(parameters.map(\.1)) { values in PQconnectdbParams(keywords, values, 0) }
        }
        guard let handle else {
            throw StoreError("store \(location.shown): cannot connect to \(location.address): out of memory")
        }
        guard PQstatus(handle) == CONNECTION_OK else {
            let failure = Failure.connection(Self.connectionMessage(handle))
            PQfinish(handle)
            throw StoreError("store \(location.shown): cannot connect to \(location.address): \(Self.reason(failure, location: location))")
        }
        // libpq prints the server's notices (e.g. "relation … already exists, skipping") on
        // stderr by default: server text never reaches the terminal unasked, so they are dropped.
        PQsetNoticeProcessor(handle, { _, _ in }, nil)
        connection = Mutex(handle)
    }

    deinit {
        connection.withLock { PQfinish($0) }
    }

    /// One row of a result: its cells by column name.
    struct Row: Sendable {
        fileprivate let columns: [String: Int]
        fileprivate let cells: [Cell]

        subscript(_ name: String) -> Cell {
            guard let index = columns[name] else { return Cell(column: name, text: nil, type: 0, missing: true) }
            return cells[index]
        }
    }

    /// One value of a row, as the server sent it (text), with its column's type.
    struct Cell: Sendable {
        let column: String
        let text: String?
        let type: UInt32
        var missing = false

        private func failure(_ reason: String) -> Failure { .decoding(column: column, reason: reason) }

        private func present() throws -> String {
            if missing { throw failure("no such column") }
            guard let text else { throw failure("NULL where a value is required") }
            return text
        }

        /// The text, when the column is of one of `types` (OIDs): a column of another type is
        /// an error, never a value read by guess.
        private func present(as types: Set<UInt32>, _ kind: String) throws -> String {
            let text = try present()
            guard types.contains(type) else { throw failure("\(kind) expected, the server sent a column of type OID \(type)") }
            return text
        }

        private static let integerTypes: Set<UInt32> = [20, 21, 23]  // int8, int2, int4

        func decode(_: String.Type) throws -> String { try present() }

        func decode(_: String?.Type) throws -> String? {
            if missing { throw failure("no such column") }
            return text
        }

        func decode(_: Int64.Type) throws -> Int64 {
            let text = try present(as: Self.integerTypes, "an integer")
            guard let value = Int64(text) else { throw failure("not an integer") }
            return value
        }

        func decode(_: Int.Type) throws -> Int {
            let text = try present(as: Self.integerTypes, "an integer")
            guard let value = Int(text) else { throw failure("not an integer") }
            return value
        }

        func decode(_: Bool.Type) throws -> Bool {
            switch try present(as: [16], "a boolean") {
            case "t": return true
            case "f": return false
            default: throw failure("not a boolean")
            }
        }

        /// A `bytea` value: the server's text form is `\x` and hexadecimal digits.
        func decode(_: Data.Type) throws -> Data {
            let text = try present(as: [17], "bytea")
            let digits = Array(text.utf8)
            guard digits.count % 2 == 0, digits.starts(with: Array("\\x".utf8)) else { throw failure("not bytea in hexadecimal form") }
            var bytes = Data(capacity: digits.count / 2 - 1)
            var index = 2
            while index < digits.count {
                guard let high = Self.nibble(digits[index]), let low = Self.nibble(digits[index + 1]) else {
                    throw failure("not bytea in hexadecimal form")
                }
                bytes.append(high << 4 | low)
                index += 2
            }
            return bytes
        }

        private static func nibble(_ digit: UInt8) -> UInt8? {
            switch digit {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
            default: nil
            }
        }
    }

    /// Runs `sql` with `$1`… bound to `values`; returns its rows.
    @discardableResult
    func query(_ sql: String, _ values: [Value] = []) throws -> [Row] {
        // Each value with its type (so the server never guesses) and its text form; bytes go
        // in binary form, as they are.
        var types: [Oid] = []
        var texts: [[UInt8]?] = []
        var formats: [Int32] = []
        for value in values {
            switch value {
            case .text(let text):
                types.append(25)
                texts.append(text.map { Array($0.utf8) })
                formats.append(0)
            case .int(let number):
                types.append(20)
                texts.append(number.map { Array(String($0).utf8) })
                formats.append(0)
            case .bool(let flag):
                types.append(16)
                texts.append(Array((flag ? "t" : "f").utf8))
                formats.append(0)
            case .bytes(let data):
                types.append(17)
                texts.append(Array(data))
                formats.append(1)
            case .seconds(let seconds):
                types.append(701)
                texts.append(Array(String(seconds).utf8))
                formats.append(0)
            }
        }
        // Text values end with a NUL for libpq; binary ones carry their length.
        let buffers: [[UInt8]?] = zip(texts, formats).map { text, format in format == 0 ? text.map { $0 + [0] } : text }
        let lengths: [Int32] = texts.map { Int32($0?.count ?? 0) }
        return try connection.withLock { handle throws -> [Row] in
            let result = Self.withBuffers(buffers) { pointers in
                PQexecParams(handle, sql, Int32(values.count), types, pointers, lengths, formats, 0)
            }
            guard let result else { throw Failure.connection(Self.connectionMessage(handle)) }
            defer { PQclear(result) }
            switch PQresultStatus(result) {
            case PGRES_COMMAND_OK, PGRES_EMPTY_QUERY:
                return []
            case PGRES_TUPLES_OK:
                return Self.rows(of: result)
            default:
                guard PQstatus(handle) == CONNECTION_OK else { throw Failure.connection(Self.connectionMessage(handle)) }
                let message = PQresultErrorField(result, Int32(UInt8(ascii: "M"))).map { String(cString: $0) }
                let state = PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) }
                throw Failure.server(message: message ?? Self.connectionMessage(handle), state: state)
            }
        }
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

    private static func rows(of result: OpaquePointer) -> [Row] {
        let columnCount = Int(PQnfields(result))
        var columns: [String: Int] = [:]
        var names: [String] = []
        var types: [UInt32] = []
        for column in 0..<columnCount {
            let name = String(cString: PQfname(result, Int32(column)))
            names.append(name)
            types.append(PQftype(result, Int32(column)))
            if columns[name] == nil { columns[name] = column }
        }
        return (0..<Int(PQntuples(result))).map { row in
            Row(
                columns: columns,
                cells: (0..<columnCount).map { column in
                    let isNull = PQgetisnull(result, Int32(row), Int32(column)) == 1
                    let text = isNull ? nil : String(cString: PQgetvalue(result, Int32(row), Int32(column)))
                    return Cell(column: names[column], text: text, type: types[column])
                })
        }
    }

    /// libpq's message for the connection, on one line, without its "connection to server at
    /// … failed:" preamble (the caller names the server).
    private static func connectionMessage(_ handle: OpaquePointer) -> String {
        var message = PQerrorMessage(handle).map { String(cString: $0) } ?? ""
        if let failed = message.range(of: "failed: "), message.hasPrefix("connection to server") {
            message = String(message[failed.upperBound...])
        }
        let lines = message.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        let text = lines.filter { !$0.isEmpty }.joined(separator: "; ")
        return text.isEmpty ? "the connection failed" : text
    }

    /// Why a call failed, in words: the server's message, or what happened to the connection;
    /// never the password (no server or libpq message holds it; it is masked all the same).
    static func reason(_ error: any Error, location: PostgresLocation) -> String {
        let text: String
        switch error {
        case Failure.server(let message, let state):
            text = "the server said: \(message)" + (state.map { " (SQLSTATE \($0))" } ?? "")
        case Failure.connection(let message):
            text =
                message.lowercased().contains("no password supplied")
                ? "the server asks for a password: give it in the URL or in PGPASSWORD" : message
        case Failure.decoding(let column, let reason):
            text = "unexpected value in column \(column): \(reason)"
        default:
            text = "\(error)"
        }
        var safe = text
        if let password = location.password, !password.isEmpty { safe = safe.replacingOccurrences(of: password, with: "***") }
        return EscapedText.terminalSafe(safe)
    }

    private static func withCStrings<R>(_ strings: [String], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
        let copies = strings.map { strdup($0) }
        defer { copies.forEach { free($0) } }
        return body(copies.map { $0.map { UnsafePointer($0) } } + [nil])
    }

    private static func withBuffers<R>(_ buffers: [[UInt8]?], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
        let copies: [UnsafeMutablePointer<CChar>?] = buffers.map { buffer in
            guard let buffer else { return nil }
            let copy = UnsafeMutablePointer<CChar>.allocate(capacity: max(buffer.count, 1))
            buffer.withUnsafeBufferPointer { source in
                source.withMemoryRebound(to: CChar.self) { copy.update(from: $0.baseAddress!, count: buffer.count) }
            }
            return copy
        }
        defer { copies.forEach { $0?.deallocate() } }
        return body(copies.map { $0.map { UnsafePointer($0) } })
    }
}
