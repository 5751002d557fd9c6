import CryptCheckModel

/// What a probe offers. The builder encodes it as an SSLv3/TLS ClientHello record.
package struct ClientHelloSpec: Sendable {
    /// The highest version offered (TLS 1.3 is offered through supported_versions).
    package var version: ProtocolVersion
    package var cipherSuites: [CipherSuite]
    package var serverName: String?
    package var groups: [NamedGroup]
    package var signatureSchemes: [SignatureScheme]
    /// signature_algorithms_cert (RFC 8446 4.2.3), sent when set: lets a probe restrict what the
    /// server signs with, without restricting the certificate chain it may send.
    package var certificateSignatureSchemes: [SignatureScheme]?
    /// TLS 1.3 groups to send a key share for; an empty list asks for a HelloRetryRequest.
    package var keyShareGroups: [NamedGroup]
    package var compressionMethods: [UInt8] = [0]
    /// Append TLS_FALLBACK_SCSV (RFC 7507) to the suites.
    package var fallbackSCSV = false
    /// Offer secure renegotiation (RFC 5746) with the extension (TLS) or the SCSV (SSLv3).
    package var renegotiationInfo = true
    /// Extensions sent after the usual ones, as (type, body): what an active check needs
    /// (heartbeat, RFC 6520).
    package var extraExtensions: [(type: UInt16, body: [UInt8])] = []
    /// The legacy session ID to send instead of the usual one (none before TLS 1.3, random in
    /// it): what a check offers back with a ticket.
    package var sessionID: [UInt8]?
    /// The body of the session_ticket extension (RFC 5077): empty asks for a ticket, a ticket
    /// the server issued offers it back.
    package var sessionTicket: [UInt8] = []

    package init(
        version: ProtocolVersion, cipherSuites: [CipherSuite], serverName: String? = nil,
        groups: [NamedGroup] = ClientHelloSpec.defaultGroups,
        signatureSchemes: [SignatureScheme] = ClientHelloSpec.defaultSignatureSchemes,
        keyShareGroups: [NamedGroup] = []
    ) {
        self.version = version
        self.cipherSuites = cipherSuites
        self.serverName = serverName
        self.groups = groups
        self.signatureSchemes = signatureSchemes
        self.keyShareGroups = keyShareGroups
    }

    /// Every classic curve and FFDHE group of the registry with a standard code point.
    package static let defaultGroups: [NamedGroup] = NamedGroupRegistry.all
        .filter { $0.isStandard && ($0.kind == .ellipticCurve || $0.kind == .ffdhe) }.map(\.group)

    /// Every standard signature scheme a classic server may use.
    package static let defaultSignatureSchemes: [SignatureScheme] = SignatureSchemeRegistry.all
        .filter { $0.isStandard && !$0.components.contains(where: { ["ml-dsa", "slh-dsa", "anonymous"].contains($0.rawValue) }) }
        .map { SignatureScheme($0.code) }
}

/// Encodes ClientHello records.
package enum ClientHelloBuilder {
    /// The ClientHello record (content type 22) for `spec`. `random` fills the client random
    /// and session id; tests pass fixed bytes.
    package static func record(_ spec: ClientHelloSpec, random: [UInt8]) -> [UInt8] {
        let handshake = message(spec, random: random)
        var record = ByteWriter()
        record.u8(22)
        record.u16(spec.version == .sslv3 ? 0x0300 : 0x0301)
        record.vector(lengthBytes: 2) { $0.append(handshake) }
        return record.bytes
    }

    static func message(_ spec: ClientHelloSpec, random: [UInt8]) -> [UInt8] {
        let tls13 = spec.version >= .tlsv1_3
        var body = ByteWriter()
        body.u16(min(spec.version, .tlsv1_2).rawValue)
        body.append(random.prefix(32))
        body.vector(lengthBytes: 1) { id in
            if let sessionID = spec.sessionID {
                id.append(sessionID)
            } else if tls13 {
                id.append(random.dropFirst(32).prefix(32))
            }
        }
        body.vector(lengthBytes: 2) { suites in
            for suite in spec.cipherSuites { suites.u16(suite.rawValue) }
            if spec.version == .sslv3 && spec.renegotiationInfo { suites.u16(CipherSuite.emptyRenegotiationInfoSCSV.rawValue) }
            if spec.fallbackSCSV { suites.u16(CipherSuite.fallbackSCSV.rawValue) }
        }
        body.vector(lengthBytes: 1) { $0.append(spec.compressionMethods) }
        if spec.version > .sslv3 {
            body.vector(lengthBytes: 2) { extensions(&$0, spec) }
        }
        var message = ByteWriter()
        message.u8(1)
        message.vector(lengthBytes: 3) { $0.append(body.bytes) }
        return message.bytes
    }

    private static func extensions(_ out: inout ByteWriter, _ spec: ClientHelloSpec) {
        func ext(_ type: UInt16, _ body: (inout ByteWriter) -> Void) {
            out.u16(type)
            out.vector(lengthBytes: 2, body)
        }
        if let name = spec.serverName, !name.isEmpty, !EndpointTarget.isIPLiteral(name) {  // RFC 6066 3: never an address
            ext(0) { list in
                list.vector(lengthBytes: 2) { entry in
                    entry.u8(0)
                    entry.vector(lengthBytes: 2) { $0.append(Array(name.utf8)) }
                }
            }
        }
        if !spec.groups.isEmpty {
            ext(10) { list in list.vector(lengthBytes: 2) { for group in spec.groups { $0.u16(group.rawValue) } } }
            ext(11) { $0.vector(lengthBytes: 1) { $0.u8(0) } }
        }
        if spec.version >= .tlsv1_2, !spec.signatureSchemes.isEmpty {
            ext(13) { list in list.vector(lengthBytes: 2) { for scheme in spec.signatureSchemes { $0.u16(scheme.rawValue) } } }
            if let schemes = spec.certificateSignatureSchemes, !schemes.isEmpty {
                ext(50) { list in list.vector(lengthBytes: 2) { for scheme in schemes { $0.u16(scheme.rawValue) } } }
            }
        }
        if spec.renegotiationInfo { ext(0xFF01) { $0.vector(lengthBytes: 1) { _ in } } }
        ext(23) { _ in }  // extended_master_secret
        ext(22) { _ in }  // encrypt_then_mac
        ext(35) { $0.append(spec.sessionTicket) }  // session_ticket
        for extra in spec.extraExtensions { ext(extra.type) { $0.append(extra.body) } }
        if spec.version >= .tlsv1_3 {
            ext(43) { $0.vector(lengthBytes: 1) { $0.u16(ProtocolVersion.tlsv1_3.rawValue) } }
            ext(45) { $0.vector(lengthBytes: 1) { $0.u8(1) } }  // psk_dhe_ke
            ext(51) { shares in
                shares.vector(lengthBytes: 2) { list in
                    for group in spec.keyShareGroups {
                        guard let share = KeyShare.publicValue(for: group) else { continue }
                        list.u16(group.rawValue)
                        list.vector(lengthBytes: 2) { $0.append(share) }
                    }
                }
            }
        }
    }
}

/// Public values a server accepts as key shares without our holding any secret: the
/// generator point for NIST curves, a fixed non-degenerate value for X25519/X448, g for FFDHE.
/// The probe never completes the handshake, so no shared secret is ever needed.
enum KeyShare {
    static func publicValue(for group: NamedGroup) -> [UInt8]? {
        switch group.rawValue {
        case 0x0017: p256Generator
        case 0x0018: p384Generator
        case 0x001D: [9] + [UInt8](repeating: 0, count: 31)  // the X25519 base point u = 9
        case 0x001E: [5] + [UInt8](repeating: 0, count: 55)  // the X448 base point u = 5
        case 0x0100...0x0104:
            // g = 2, left-padded to the prime's size
            group.info?.ffdheBits.map { [UInt8](repeating: 0, count: $0 / 8 - 1) + [2] }
        default: nil
        }
    }

    // Decoded once: every TLS 1.3 ClientHello of a scan carries one.
    private static let p256Generator =
        [0x04] + hex("6B17D1F2E12C4247F8BCE6E563A440F277037D812DEB33A0F4A13945D898C296")
        + hex("4FE342E2FE1A7F9B8EE7EB4A7C0F9E162BCE33576B315ECECBB6406837BF51F5")
    private static let p384Generator =
        [0x04] + hex("AA87CA22BE8B05378EB1C71EF320AD746E1D3B628BA79B9859F741E082542A385502F25DBF55296C3A545E3872760AB7")
        + hex("3617DE4A96262C6F5D9E98BF9292DC29F8F41DBD289A147CE9DA3113B5F0B8C00A60B1CE1D7E819D7A431D7C90EA0E5F")

    private static func hex(_ text: String) -> [UInt8] {
        let digits = Array(text.utf8)
        return stride(from: 0, to: digits.count, by: 2).map { offset in
            UInt8(String(decoding: digits[offset..<offset + 2], as: UTF8.self), radix: 16)!
        }
    }
}
