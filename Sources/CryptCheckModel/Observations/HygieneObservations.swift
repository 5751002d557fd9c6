/// What the passive attack checks (DROWN, Logjam) and the hygiene checks need that the rest of
/// an endpoint's observation does not keep: fingerprints of the server's keys and DH primes.
/// Facts only; a `nil` field was not observed (or the observation was saved before it was kept).
package struct HygieneObservation: Sendable, Hashable, Codable {
    /// The key of each distinct leaf certificate the server sent in TLS 1.0–1.2 and SSL 3.0
    /// handshakes, in the order first seen; `nil` when no certificate was read.
    package var serverKeys: [ServerKeyFingerprint]?
    /// The key of the certificate in the SSLv2 SERVER-HELLO; `nil` without SSLv2 or when it
    /// could not be read (then `sslv2KeyFailure` says why).
    package var sslv2ServerKey: ServerKeyFingerprint?
    /// Why the SSLv2 server's key was not read although SSLv2 was accepted.
    package var sslv2KeyFailure: String?
    /// Each distinct DH prime of the DHE key exchanges seen, by its SHA-256.
    package var dhPrimes: [DHPrimeFingerprint]?

    package init(
        serverKeys: [ServerKeyFingerprint]? = nil, sslv2ServerKey: ServerKeyFingerprint? = nil, sslv2KeyFailure: String? = nil,
        dhPrimes: [DHPrimeFingerprint]? = nil
    ) {
        self.serverKeys = serverKeys
        self.sslv2ServerKey = sslv2ServerKey
        self.sslv2KeyFailure = sslv2KeyFailure
        self.dhPrimes = dhPrimes
    }
}

/// A server's public key, named by the SHA-256 of its DER SubjectPublicKeyInfo: the same key in
/// two certificates has one fingerprint. Never holds key material beyond the public key's hash.
package struct ServerKeyFingerprint: Sendable, Hashable, Codable {
    package var key: KeyFacts
    /// SHA-256 of the DER SubjectPublicKeyInfo, lower-case hex.
    package var spkiSHA256: String
    package init(key: KeyFacts, spkiSHA256: String) {
        self.key = key
        self.spkiSHA256 = spkiSHA256
    }
}

/// One finite-field DH prime a server used, by size and the SHA-256 of its big-endian bytes (no
/// leading zero), so that it can be matched against the widely shared primes.
package struct DHPrimeFingerprint: Sendable, Hashable, Codable {
    package var bits: Int
    package var sha256: String
    package init(bits: Int, sha256: String) {
        self.bits = bits
        self.sha256 = sha256
    }
}
