import CryptCheckModel

/// Facts several endpoint rules derive from the same observation.
extension TLSEndpointObservation {
    /// The versions the server accepted.
    var acceptedVersions: [ProtocolVersion] { versions.filter { $0.status == .yes }.map(\.version) }

    /// Whether the server signs anything under TLS 1.2: with signed (EC)DHE suites, or when the
    /// suites are not known.
    var signsUnderTLS12: Bool {
        let tls12Suites = cipherSuites.first { $0.version == .tlsv1_2 }
        return acceptedVersions.contains(.tlsv1_2)
            && (tls12Suites.map {
                $0.accepted.contains { $0.info?.signsKeyExchange ?? true }
            } ?? true)
    }
}
