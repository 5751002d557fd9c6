import CryptCheckModel
import Testing

@testable import CryptCheckTLS

/// Issue 10 items 2 and 11, byte by byte: warning alerts before the ServerHello are skipped,
/// and every kind of ServerKeyExchange is read in its own layout.
@Suite("Issue 10: alerts and ServerKeyExchange layouts")
struct Issue10WireTests {
    /// One alert record carrying the (level, description) pairs.
    static func alertRecord(_ pairs: [(UInt8, UInt8)]) -> [UInt8] {
        let body = pairs.flatMap { [$0.0, $0.1] }
        return [0x15, 0x03, 0x01, 0x00, UInt8(body.count)] + body
    }

    /// A TLS 1.0 ServerHello choosing `suite`, then ServerHelloDone.
    static let helloFlight: [UInt8] = {
        let body: [UInt8] = [0x03, 0x01] + Array(repeating: 0x42, count: 32) + [0x00, 0x00, 0x2F, 0x00]
        let handshake = [0x02, 0x00, 0x00, UInt8(body.count)] + body + [0x0E, 0x00, 0x00, 0x00]
        return [0x16, 0x03, 0x01, 0x00, UInt8(handshake.count)] + handshake
    }()

    @Test func warningAlertsBeforeTheServerHelloAreSkipped() throws {
        // unrecognized_name as a warning (RFC 6066 3), then the flight: the hello counts.
        var parser = ServerFlightParser()
        try parser.consume(Self.alertRecord([(1, 112)]))
        #expect(!parser.isComplete)
        try parser.consume(Self.helloFlight)
        #expect(parser.flight.serverHello?.cipherSuite == CipherSuite(0x002F) && parser.flight.alert == nil)
        #expect(parser.flight.warnings.map(\.name) == ["unrecognized_name"] && parser.isComplete)
        // Two warnings in one record, in the same read as the flight.
        var both = ServerFlightParser()
        try both.consume(Self.alertRecord([(1, 112), (1, 100)]) + Self.helloFlight)
        #expect(both.flight.serverHello != nil && both.flight.warnings.count == 2)
    }

    @Test func fatalAlertsAndClosuresRefuseAtAnyLevel() throws {
        // A fatal unrecognized_name refuses; close_notify and user_canceled end the
        // connection even as warnings (RFC 5246 7.2.1, RFC 8446 6.1); an unknown level is fatal.
        for (level, description) in [(UInt8(2), UInt8(112)), (1, 0), (1, 90), (7, 112), (2, 40)] {
            var parser = ServerFlightParser()
            try parser.consume(Self.alertRecord([(level, description)]) + Self.helloFlight)
            #expect(parser.flight.alert == Alert(level: level, description: description), "\(level)/\(description)")
            #expect(parser.flight.serverHello == nil && parser.isComplete)
        }
        // A warning followed by a fatal alert in the same record: the fatal one counts.
        var parser = ServerFlightParser()
        try parser.consume(Self.alertRecord([(1, 112), (2, 40)]))
        #expect(parser.flight.alert?.name == "handshake_failure" && parser.flight.warnings.count == 1)
    }

    /// The code of the `TLSParseError` that `body` throws; `nil` when it throws none (or another).
    static func code(_ body: () throws -> Void) -> ErrorCode? {
        do {
            try body()
            return nil
        } catch {
            return (error as? TLSParseError)?.code
        }
    }

    @Test func endlessWarningsAndHalfAlertsAreErrors() {
        var flood = ServerFlightParser()
        let flooded = Self.code {
            for _ in 0...ServerFlightParser.maxWarnings { try flood.consume(Self.alertRecord([(1, 112)])) }
        }
        #expect(flooded == .tlsOversized)
        var half = ServerFlightParser()
        #expect(Self.code { try half.consume([0x15, 0x03, 0x01, 0x00, 0x03, 0x01, 0x70, 0x01]) } == .tlsTruncated)
        var http = ServerFlightParser()
        #expect(Self.code { try http.consume(Array("HTTP/1.1 400 Bad Request\r\n".utf8)) } == .tlsNotARecord)
    }

    // MARK: ServerKeyExchange

    /// The PSK identity hint the defect read as a DH prime.
    static let hint = Array("zoo-hint".utf8)
    /// p = 0xC1 0x01 (16 bits), g = 2, Ys = 5.
    static let dhParams: [UInt8] = [0x00, 0x02, 0xC1, 0x01, 0x00, 0x01, 0x02, 0x00, 0x01, 0x05]
    /// named_curve secp256r1, a 1-byte point.
    static let ecParams: [UInt8] = [0x03, 0x00, 0x17, 0x01, 0x04]
    /// The hint with its two-byte length.
    static var hintField: [UInt8] { [0x00, UInt8(hint.count)] + hint }

    /// Parses `body` as the ServerKeyExchange of `suite`.
    static func parse(_ body: [UInt8], _ suite: UInt16, _ version: ProtocolVersion = .tlsv1_2) throws -> ServerKeyExchange {
        try ServerFlightParser.parseKeyExchange(body, suite: CipherSuite(suite), version: version)
    }

    @Test func eachKeyExchangeIsReadInItsOwnLayout() throws {
        // DHE_PSK (RFC 4279 3): the hint first, then the DH parameters, no signature.
        let dhePSK = try Self.parse(Self.hintField + Self.dhParams, 0x0090)
        #expect(dhePSK.pskIdentityHint == Self.hint && dhePSK.dhPrimeBits == 16 && dhePSK.dhPrime == [0xC1, 0x01])
        #expect(dhePSK.signatureScheme == nil)
        // ECDHE_PSK (RFC 5489 2): the hint, then the EC parameters.
        let ecdhePSK = try Self.parse(Self.hintField + Self.ecParams, 0xC035)
        #expect(ecdhePSK.pskIdentityHint == Self.hint && ecdhePSK.ecdheGroup == NamedGroup(0x0017))
        // PSK and RSA_PSK (RFC 4279 2, 4): the hint only; an empty hint is a hint.
        #expect(try Self.parse(Self.hintField, 0x008C).pskIdentityHint == Self.hint)
        #expect(try Self.parse([0x00, 0x00], 0x0094).pskIdentityHint == [])
        // DH_anon and ECDH_anon: parameters only, even in TLS 1.2.
        #expect(try Self.parse(Self.dhParams, 0x00A6).dhPrimeBits == 16)
        #expect(try Self.parse(Self.ecParams, 0xC018).ecdheGroup == NamedGroup(0x0017))
        // Signed DHE: TLS 1.2 names the scheme; TLS 1.0 has the signature alone.
        let signed12 = try Self.parse(Self.dhParams + [0x04, 0x01, 0x00, 0x01, 0xAA], 0x0033)
        #expect(signed12.dhPrimeBits == 16 && signed12.signatureScheme == SignatureScheme(0x0401))
        let signed10 = try Self.parse(Self.dhParams + [0x00, 0x01, 0xAA], 0x0033, .tlsv1_0)
        #expect(signed10.dhPrimeBits == 16 && signed10.signatureScheme == nil)
        // SRP (RFC 5054 2.8.1): N, g, salt, B; SRP_RSA adds a signature.
        let srp: [UInt8] = [0x00, 0x02, 0x80, 0x01, 0x00, 0x01, 0x02, 0x01, 0x07, 0x00, 0x01, 0x09]
        #expect(try Self.parse(srp, 0xC01D).srpPrimeBits == 16)
        #expect(try Self.parse(srp + [0x04, 0x01, 0x00, 0x00], 0xC01E).signatureScheme == SignatureScheme(0x0401))
        // The hint read as a prime was the defect: "zoo-hint" is not a 63-bit DH group.
        #expect(dhePSK.dhPrimeBits != 63)
    }

    @Test func shortOverlongAndHostileKeyExchangesAreErrors() throws {
        let cases: [(String, [UInt8], UInt16)] = [
            ("DHE_PSK", Self.hintField + Self.dhParams, 0x0090),
            ("ECDHE_PSK", Self.hintField + Self.ecParams, 0xC035),
            ("PSK", Self.hintField, 0x008C),
            ("DHE_RSA", Self.dhParams + [0x04, 0x01, 0x00, 0x01, 0xAA], 0x0033),
            ("ECDHE_RSA", Self.ecParams + [0x08, 0x04, 0x00, 0x00], 0xC02F),
            ("SRP", [0x00, 0x02, 0x80, 0x01, 0x00, 0x01, 0x02, 0x01, 0x07, 0x00, 0x01, 0x09], 0xC01D),
        ]
        for (name, body, suite) in cases {
            _ = try Self.parse(body, suite)
            // Every cut-off prefix is an error, never a crash or a misread.
            for length in 0..<body.count {
                #expect(throws: TLSParseError.self, "\(name) cut to \(length)") { try Self.parse(Array(body.prefix(length)), suite) }
            }
            #expect(throws: TLSParseError.self, "\(name) with a trailing byte") { try Self.parse(body + [0x00], suite) }
        }
        // A hint whose length runs past the message; an empty prime; explicit curves.
        #expect(throws: TLSParseError.self) { try Self.parse([0xFF, 0xFF] + Self.dhParams, 0x0090) }
        #expect(throws: TLSParseError.self) { try Self.parse([0x00, 0x00, 0x00, 0x01, 0x02, 0x00, 0x01, 0x05], 0x00A6) }
        #expect(throws: TLSParseError.self) { try Self.parse(Self.hintField + [0x01, 0x00, 0x17, 0x01, 0x04], 0xC035) }
        // Key exchanges without parameters give an empty value.
        #expect(try Self.parse([0x01, 0x02, 0x03], 0x002F) == ServerKeyExchange())
    }
}
