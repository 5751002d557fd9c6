import CryptCheckModel
import Foundation

/// A PostgreSQL store named by `--store postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE`
/// (also `postgres://`). The password comes from the URL or, when the URL has none, from
/// `PGPASSWORD`, as for `psql`; it is never shown: messages name the store by `shown`, the URL
/// with the password replaced by `***`.
package struct PostgresLocation: Sendable, Equatable {
    package var user: String
    package var password: String?
    package var host: String
    package var port: Int
    package var database: String
    /// Whether the URL itself carried a password (shown as `***`).
    package var passwordInURL: Bool

    package static let schemes = ["postgresql://", "postgres://"]

    /// Whether `text` is meant as a PostgreSQL URL (then it must parse; it is never a file name).
    package static func isURL(_ text: String) -> Bool {
        schemes.contains { text.lowercased().hasPrefix($0) }
    }

    /// `host:port` as connection errors name the server (IPv6 in brackets).
    package var address: String { (host.contains(":") ? "[\(host)]" : host) + ":\(port)" }

    /// The URL as messages show it: no password, hostile bytes escaped.
    package var shown: String {
        let who = Self.escapeForURL(user) + (passwordInURL ? ":***" : "")
        return EscapedText.terminalSafe("postgresql://\(who)@\(address)/\(Self.escapeForURL(database))")
    }

    /// `text` shown without its password, whether or not it parses.
    package static func redacted(_ text: String) -> String {
        if let parsed = try? parse(text, environment: [:]) { return parsed.shown }
        return redactedAsWritten(text)
    }

    /// `text` as written with whatever may be a password replaced by `***`, without parsing it
    /// (parse's own errors name the URL this way).
    private static func redactedAsWritten(_ text: String) -> String {
        guard let scheme = schemes.first(where: { text.lowercased().hasPrefix($0) }) else { return EscapedText.terminalSafe(text) }
        var rest = Substring(text.dropFirst(scheme.count))
        // Whatever stands between the scheme and the last `@` may hold a password (one with `/`,
        // `?` or `@` in it, not percent-encoded, included): only the user name before it is kept.
        if let at = rest.lastIndex(of: "@") {
            let userInfo = rest[..<at]
            let user = userInfo.prefix { $0 != ":" && $0 != "/" && $0 != "?" }
            rest = Substring(String(user) + (user.count < userInfo.count ? ":***" : "")) + rest[at...]
        }
        // Parameters may hold one too (`?password=`): their values are not shown.
        // Parameters start at the first `?` after the user information (a password may hold one).
        if let query = rest[(rest.lastIndex(of: "@") ?? rest.startIndex)...].firstIndex(of: "?") { rest = rest[...query] + "…" }
        return EscapedText.terminalSafe(scheme + rest)
    }

    /// Parses the URL; `environment["PGPASSWORD"]` is the password when the URL has none.
    package static func parse(_ text: String, environment: [String: String]) throws(StoreError) -> PostgresLocation {
        func bad(_ why: String) -> StoreError {
            StoreError(
                "store \(redactedAsWritten(text)): not a PostgreSQL URL: \(why); expected postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE"
            )
        }
        guard let scheme = schemes.first(where: { text.lowercased().hasPrefix($0) }) else { throw bad("no postgresql:// scheme") }
        var rest = Substring(text.dropFirst(scheme.count))
        // Parameters start at the first `?` after the user information (a password may hold one).
        if let query = rest[(rest.lastIndex(of: "@") ?? rest.startIndex)...].firstIndex(of: "?") {
            // sslmode and the rest of libpq's parameters are not supported: say so rather than ignore them.
            let names = rest[rest.index(after: query)...].split(separator: "&").map { $0.prefix { $0 != "=" } }
            throw bad("parameters (\(EscapedText.terminalSafe(names.joined(separator: ", ")))) are not supported")
        }
        // The database follows the first `/` after the user information (a password may hold one).
        guard let slash = rest[(rest.lastIndex(of: "@") ?? rest.startIndex)...].firstIndex(of: "/") else {
            throw bad("no database name")
        }
        let authority = rest[..<slash]
        let databaseText = rest[rest.index(after: slash)...]
        rest = authority
        guard let at = authority.lastIndex(of: "@") else { throw bad("no user name (USER@HOST)") }
        let userInfo = authority[..<at]
        let hostPort = authority[authority.index(after: at)...]
        let userParts = userInfo.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        guard let user = decode(userParts[0]), !user.isEmpty else { throw bad("no user name (USER@HOST)") }
        var password: String?
        if userParts.count == 2 {
            guard let decoded = decode(userParts[1]) else { throw bad("the password is not valid percent-encoding") }
            password = decoded
        }
        var host: Substring
        var portText: Substring?
        if hostPort.hasPrefix("[") {
            guard let close = hostPort.firstIndex(of: "]") else { throw bad("an IPv6 address without its closing bracket") }
            host = hostPort[hostPort.index(after: hostPort.startIndex)..<close]
            let after = hostPort[hostPort.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw bad("text after the IPv6 address") }
                portText = after.dropFirst()
            }
        } else if let colon = hostPort.lastIndex(of: ":") {
            host = hostPort[..<colon]
            portText = hostPort[hostPort.index(after: colon)...]
        } else {
            host = hostPort
        }
        guard !host.isEmpty, host.allSatisfy({ $0.isLetter || $0.isNumber || "-._:".contains($0) }), host.allSatisfy(\.isASCII)
        else { throw bad("no host, or a host that is not a name or an address") }
        var port = 5432
        if let portText {
            guard let number = Int(portText), (1...65535).contains(number) else { throw bad("the port is not a number from 1 to 65535") }
            port = number
        }
        guard let database = decode(databaseText), !database.isEmpty, !database.contains("/") else { throw bad("no database name") }
        let inURL = password != nil
        if password == nil, let fromEnvironment = environment["PGPASSWORD"], !fromEnvironment.isEmpty { password = fromEnvironment }
        return PostgresLocation(
            user: user, password: password, host: String(host), port: port, database: database, passwordInURL: inURL)
    }

    private static func decode(_ text: Substring) -> String? {
        text.contains("%") ? String(text).removingPercentEncoding : String(text)
    }

    private static func escapeForURL(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .urlUserAllowed.subtracting(CharacterSet(charactersIn: ":@/"))) ?? text
    }
}
