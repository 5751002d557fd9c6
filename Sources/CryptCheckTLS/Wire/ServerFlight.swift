import CryptCheckModel

/// What a server answered to one ClientHello, as far as the plaintext handshake shows.
package struct ServerFlight: Sendable, Hashable {
    package var serverHello: ServerHello?
    /// DER of each certificate (TLS 1.2 and older; TLS 1.3 encrypts them).
    package var certificates: [[UInt8]] = []
    package var keyExchange: ServerKeyExchange?
    package var sawServerHelloDone = false
    /// The alert that ended the flight: a fatal alert, or close_notify / user_canceled.
    package var alert: Alert?
    /// Warning-level alerts the server sent and the handshake went on past (RFC 5246 7.2).
    package var warnings: [Alert] = []
}

extension ServerFlight {
    /// Before TLS 1.3, when the server chose a suite but its first flight did not come whole,
    /// what was seen and how it ended; `nil` for a whole flight (ServerHelloDone, after a
    /// ServerKeyExchange where the suite's key exchange needs one, with no alert or close
    /// before it), and where the clear text shows no
    /// flight to judge (no ServerHello, a HelloRetryRequest, TLS 1.3). A suite counts as
    /// accepted only with a whole flight: a server may choose a suite it cannot complete (GnuTLS
    /// choosing DHE without parameters or a group) and then close or send an alert.
    package var brokenFirstFlight: String? {
        guard let hello = serverHello, !hello.isHelloRetryRequest, hello.version < .tlsv1_3 else { return nil }
        let info = hello.cipherSuite.info
        var missing: [String] = []
        if let info, Self.keyExchangeNeedsMessage.contains(info.keyExchange), keyExchange == nil {
            missing.append("ServerKeyExchange")
        }
        if !sawServerHelloDone { missing.append("ServerHelloDone") }
        guard !missing.isEmpty || alert != nil else { return nil }
        var seen = ["ServerHello"]
        if !certificates.isEmpty { seen.append("Certificate") }
        if keyExchange != nil { seen.append("ServerKeyExchange") }
        if sawServerHelloDone { seen.append("ServerHelloDone") }
        if let alert {
            seen.append("then alert \(alert.name)")
        } else if !sawServerHelloDone {
            seen.append("then the connection closed")
        }
        return seen.joined(separator: ", ") + (missing.isEmpty ? "" : " (no \(missing.joined(separator: ", ")))")
    }

    /// Key exchanges whose server sends a ServerKeyExchange in every handshake (RFC 5246
    /// 7.4.3, RFC 8422 5.4, RFC 5054 2.8); PSK's (an identity hint) and RSA's are optional.
    static let keyExchangeNeedsMessage: Set<KeyExchangeMethod> = [.dhe, .ecdhe, .dhAnon, .ecdhAnon, .srp]
}

/// A ServerHello or HelloRetryRequest.
package struct ServerHello: Sendable, Hashable {
    package var legacyVersion: ProtocolVersion
    /// The negotiated version: supported_versions if present, else the legacy field.
    package var version: ProtocolVersion
    package var cipherSuite: CipherSuite
    package var compressionMethod: UInt8
    package var isHelloRetryRequest: Bool
    /// The key-share group (ServerHello) or the group asked for (HelloRetryRequest).
    package var keyShareGroup: NamedGroup?
    /// Extension types the server sent, in order.
    package var extensions: [UInt16]
    /// The renegotiation_info content, if the extension was sent (empty on a first handshake).
    package var renegotiationInfo: [UInt8]?
    /// The protocol selected by ALPN (RFC 7301 3.1), if the extension was sent: the one name of
    /// its list, as bytes (protocol IDs are opaque). Visible in the clear before TLS 1.3 only.
    package var alpn: [UInt8]? = nil
}

/// A TLS alert.
package struct Alert: Sendable, Hashable {
    package var level: UInt8
    package var description: UInt8
    /// handshake_failure, protocol_version, insufficient_security... (RFC 8446 6, RFC 5246 7.2).
    package var name: String {
        [
            0: "close_notify", 10: "unexpected_message", 20: "bad_record_mac", 21: "decryption_failed", 22: "record_overflow",
            30: "decompression_failure", 40: "handshake_failure", 41: "no_certificate", 42: "bad_certificate",
            43: "unsupported_certificate", 44: "certificate_revoked", 45: "certificate_expired", 46: "certificate_unknown",
            47: "illegal_parameter", 48: "unknown_ca", 49: "access_denied", 50: "decode_error", 51: "decrypt_error",
            60: "export_restriction", 70: "protocol_version", 71: "insufficient_security", 80: "internal_error",
            86: "inappropriate_fallback", 90: "user_canceled", 100: "no_renegotiation", 109: "missing_extension",
            110: "unsupported_extension", 111: "certificate_unobtainable", 112: "unrecognized_name",
            113: "bad_certificate_status_response", 114: "bad_certificate_hash_value", 115: "unknown_psk_identity",
            116: "certificate_required", 120: "no_application_protocol",
        ][description]
            ?? "alert \(description)"
    }

    /// Whether the handshake goes on past this alert: a warning (level 1) other than
    /// close_notify and user_canceled. RFC 5246 7.2 lets a TLS 1.2 server send warnings such as
    /// unrecognized_name and continue; in TLS 1.3 (RFC 8446 6) every alert but those two is
    /// fatal whatever its level, but a TLS 1.3 server sends no alert before its ServerHello
    /// that it means as a warning, and skipping one can only show more of what the server
    /// accepts, never less. close_notify and user_canceled end the connection at either level.
    package var isSkippableWarning: Bool { level == 1 && description != 0 && description != 90 }
}

/// Parses a server's bytes record by record; knows when the flight is complete.
package struct ServerFlightParser {
    /// HelloRetryRequest's fixed ServerHello.random (RFC 8446 4.1.3).
    static let helloRetryRandom: [UInt8] = [
        0xCF, 0x21, 0xAD, 0x74, 0xE5, 0x9A, 0x61, 0x11, 0xBE, 0x1D, 0x8C, 0x02, 0x1E, 0x65, 0xB8, 0x91,
        0xC2, 0xA2, 0x11, 0x16, 0x7A, 0xBB, 0x8C, 0x5E, 0x07, 0x9E, 0x09, 0xE2, 0xC8, 0xA8, 0x33, 0x9C,
    ]
    /// Largest record a conforming server sends (2^14 plus expansion).
    static let maxRecordLength = 16_384 + 2_048
    /// Largest handshake message accepted (certificate chains are the big ones).
    static let maxHandshakeLength = 1 << 20

    package private(set) var flight = ServerFlight()
    private var buffer: [UInt8] = []
    private var handshake: [UInt8] = []

    package init() {}

    /// True once nothing more is needed: an alert, a HelloRetryRequest, a TLS 1.3 ServerHello
    /// (everything after it is encrypted), or ServerHelloDone.
    package var isComplete: Bool {
        if flight.alert != nil || flight.sawServerHelloDone { return true }
        if let hello = flight.serverHello, hello.isHelloRetryRequest || hello.version >= .tlsv1_3 { return true }
        return false
    }

    /// Feeds received bytes. Throws on malformed input.
    package mutating func consume(_ bytes: [UInt8]) throws {
        buffer += bytes
        while buffer.count >= 5 && !isComplete {
            var header = ByteReader(buffer[0..<5])
            let type = try header.u8(), version = try header.u16(), length = Int(try header.u16())
            guard [20, 21, 22, 23].contains(type) else {
                throw TLSParseError(.tlsNotARecord, "not a TLS record (content type \(type))")
            }
            guard version >> 8 == 3 else {
                throw TLSParseError(.tlsNotARecord, "not a TLS record (version \(HexCode.format(version, digits: 4)))")
            }
            guard length <= Self.maxRecordLength else { throw TLSParseError(.tlsOversized, "record of \(length) bytes is too long") }
            guard buffer.count >= 5 + length else { return }
            let payload = Array(buffer[5..<(5 + length)])
            buffer.removeFirst(5 + length)
            switch type {
            case 21:
                try consumeAlerts(payload)
            case 22:
                handshake += payload
                guard handshake.count <= Self.maxHandshakeLength + 4 else { throw TLSParseError(.tlsOversized, "handshake too long") }
                try drainHandshake()
            default:
                break  // ChangeCipherSpec (TLS 1.3 compatibility) or encrypted data
            }
        }
    }

    /// Most warning alerts skipped in one flight; more is a server playing for time.
    static let maxWarnings = 16

    /// Reads the alerts of one record (a record may carry several): warnings are noted and
    /// skipped, anything else ends the flight.
    private mutating func consumeAlerts(_ payload: [UInt8]) throws {
        var reader = ByteReader(payload)
        repeat {
            let alert = Alert(level: try reader.u8("alert level"), description: try reader.u8("alert description"))
            guard alert.isSkippableWarning else {
                flight.alert = alert
                return
            }
            flight.warnings.append(alert)
            guard flight.warnings.count <= Self.maxWarnings else {
                throw TLSParseError(.tlsOversized, "more than \(Self.maxWarnings) warning alerts")
            }
        } while !reader.isAtEnd
    }

    private mutating func drainHandshake() throws {
        while handshake.count >= 4 && !isComplete {
            var header = ByteReader(handshake[0..<4])
            let type = try header.u8(), length = try header.u24()
            guard length <= Self.maxHandshakeLength else { throw TLSParseError(.tlsOversized, "handshake message of \(length) bytes") }
            guard handshake.count >= 4 + length else { return }
            let body = Array(handshake[4..<(4 + length)])
            handshake.removeFirst(4 + length)
            switch type {
            case 2: flight.serverHello = try Self.parseServerHello(body)
            case 11: flight.certificates = try Self.parseCertificates(body)
            case 12:
                flight.keyExchange = try Self.parseKeyExchange(
                    body, suite: flight.serverHello?.cipherSuite,
                    version: flight.serverHello?.version ?? .tlsv1_2)
            case 14: flight.sawServerHelloDone = true
            default: break  // CertificateStatus, CertificateRequest...
            }
        }
    }

    static func parseServerHello(_ body: [UInt8]) throws -> ServerHello {
        var reader = ByteReader(body)
        let legacy = ProtocolVersion(rawValue: try reader.u16("ServerHello version"))
        let random = Array(try reader.take(32, "ServerHello random"))
        _ = try reader.vector(lengthBytes: 1, "session id")
        let suite = CipherSuite(try reader.u16("cipher suite"))
        let compression = try reader.u8("compression method")
        var hello = ServerHello(
            legacyVersion: legacy, version: legacy, cipherSuite: suite, compressionMethod: compression,
            isHelloRetryRequest: random == helloRetryRandom, keyShareGroup: nil, extensions: [],
            renegotiationInfo: nil)
        guard !reader.isAtEnd else { return hello }
        var extensions = try reader.vector(lengthBytes: 2, "extensions")
        while !extensions.isAtEnd {
            let type = try extensions.u16("extension type")
            var data = try extensions.vector(lengthBytes: 2, "extension \(type)")
            hello.extensions.append(type)
            switch type {
            case 43: hello.version = ProtocolVersion(rawValue: try data.u16("supported_versions"))
            case 51: hello.keyShareGroup = NamedGroup(try data.u16("key_share group"))
            case 0xFF01:
                var info = try data.vector(lengthBytes: 1, "renegotiation_info")
                hello.renegotiationInfo = Array(info.rest())
            case 16:
                // RFC 7301 3.1: a ProtocolNameList of exactly one non-empty name.
                var list = try data.vector(lengthBytes: 2, "ALPN protocol list")
                var name = try list.vector(lengthBytes: 1, "ALPN protocol name")
                guard list.isAtEnd, !name.isAtEnd else {
                    throw TLSParseError(.tlsMalformed, "the ALPN extension does not hold exactly one non-empty protocol name")
                }
                hello.alpn = Array(name.rest())
            default: break
            }
        }
        return hello
    }

    static func parseCertificates(_ body: [UInt8]) throws -> [[UInt8]] {
        var reader = ByteReader(body)
        var list = try reader.vector(lengthBytes: 3, "certificate list")
        var certificates: [[UInt8]] = []
        while !list.isAtEnd {
            certificates.append(Array(try list.take(try list.u24("certificate length"), "certificate")))
            guard certificates.count <= 64 else { throw TLSParseError(.tlsOversized, "more than 64 certificates") }
        }
        return certificates
    }
}
