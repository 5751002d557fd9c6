import CryptCheckModel

/// ServerKeyExchange contents: DHE prime size or ECDHE group, the PSK identity hint, and the
/// signature scheme, each read where the suite's key exchange puts it.
package struct ServerKeyExchange: Sendable, Hashable {
    /// Size of the DH prime (DHE, DH_anon, DHE_PSK).
    package var dhPrimeBits: Int?
    /// The DH prime itself (public), to recognise well-known groups.
    package var dhPrime: [UInt8]?
    /// The named curve of ECDHE, ECDH_anon and ECDHE_PSK parameters.
    package var ecdheGroup: NamedGroup?
    /// The PSK identity hint of PSK suites (RFC 4279 2, 3; RFC 5489 2), as sent (may be empty).
    /// Server bytes: never shown unescaped.
    package var pskIdentityHint: [UInt8]?
    /// Size of the SRP group prime N (RFC 5054 2.8.1).
    package var srpPrimeBits: Int?
    /// TLS 1.2 only: the signature scheme the server signed the parameters with.
    package var signatureScheme: SignatureScheme?
}

extension ServerFlightParser {
    /// Parses a ServerKeyExchange by the suite's key exchange, each kind in its own layout:
    /// DHE and DH_anon (RFC 5246 7.4.3), ECDHE and ECDH_anon (RFC 8422 5.4), PSK and RSA_PSK
    /// (the identity hint only, RFC 4279 2 and 4), DHE_PSK (the hint, then the DH parameters,
    /// RFC 4279 3), ECDHE_PSK (the hint, then the EC parameters, RFC 5489 2), SRP (RFC 5054
    /// 2.8.1). Signed kinds end with the signature (TLS 1.2: scheme first). Other key exchanges
    /// give an empty value. Throws on anything short, overlong or not in that layout.
    static func parseKeyExchange(_ body: [UInt8], suite: CipherSuite?, version: ProtocolVersion) throws -> ServerKeyExchange {
        var reader = ByteReader(body)
        var result = ServerKeyExchange()
        guard let info = suite?.info else { return result }
        let psk = info.authentication == .psk
        if psk {
            var hint = try reader.vector(lengthBytes: 2, "PSK identity hint")
            result.pskIdentityHint = Array(hint.rest())
        }
        switch info.keyExchange {
        case .dhe, .dhAnon:
            let prime = try Self.nonEmpty(&reader, lengthBytes: 2, "DH p")
            _ = try Self.nonEmpty(&reader, lengthBytes: 2, "DH g")
            _ = try Self.nonEmpty(&reader, lengthBytes: 2, "DH Ys")
            result.dhPrime = prime
            result.dhPrimeBits = Self.bits(prime)
        case .ecdhe, .ecdhAnon:
            let curveType = try reader.u8("EC curve type")
            guard curveType == 3 else {
                throw TLSParseError(.tlsUnsupported, "ServerKeyExchange uses explicit curve parameters (type \(curveType))")
            }
            result.ecdheGroup = NamedGroup(try reader.u16("named curve"))
            _ = try Self.nonEmpty(&reader, lengthBytes: 1, "EC point")
        case .srp:
            let prime = try Self.nonEmpty(&reader, lengthBytes: 2, "SRP N")
            _ = try Self.nonEmpty(&reader, lengthBytes: 2, "SRP g")
            _ = try reader.vector(lengthBytes: 1, "SRP salt")
            _ = try Self.nonEmpty(&reader, lengthBytes: 2, "SRP B")
            result.srpPrimeBits = Self.bits(prime)
        case .psk:
            break  // the hint is all there is
        case .rsa where psk:
            break  // RSA_PSK: the hint too; the RSA key is in the certificate
        default:
            return result  // no ServerKeyExchange defined here (or RSA_EXPORT's key): nothing read
        }
        // Anonymous, PSK and SRP-only parameters are not signed; everything else is.
        if ![.anonymous, .psk, .srp].contains(info.authentication) {
            if version >= .tlsv1_2 { result.signatureScheme = SignatureScheme(try reader.u16("signature scheme")) }
            _ = try reader.vector(lengthBytes: 2, "signature")
        }
        guard reader.isAtEnd else {
            throw TLSParseError(.tlsMalformed, "\(reader.remaining) unexpected bytes after the ServerKeyExchange parameters")
        }
        return result
    }

    /// A length-prefixed field that must not be empty, without leading zero bytes.
    private static func nonEmpty(_ reader: inout ByteReader, lengthBytes: Int, _ what: String) throws -> [UInt8] {
        var field = try reader.vector(lengthBytes: lengthBytes, what)
        guard !field.isAtEnd else { throw TLSParseError(.tlsMalformed, "empty \(what)") }
        return Array(field.rest().drop { $0 == 0 })
    }

    /// Bits of a big-endian number given without leading zero bytes.
    private static func bits(_ number: [UInt8]) -> Int {
        number.isEmpty ? 0 : number.count * 8 - number[0].leadingZeroBitCount
    }
}
