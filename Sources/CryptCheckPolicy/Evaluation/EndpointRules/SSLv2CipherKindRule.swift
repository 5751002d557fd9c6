import CryptCheckModel

extension EndpointRule {
    /// Each SSLv2 cipher kind the server offered, judged like a suite.
    static let sslv2CipherKind = EndpointRule(
        id: "sslv2-cipher-kind",
        description: "Each SSLv2 cipher kind the server offers is judged by its primitives and key size (SSLv2 itself is prohibited)",
        citation: "RFC 6176 (SSLv2 prohibited); LS-0001 (primitives); LS-0003 (symmetric key strength)",
        scope: .handshake,
        check: { judge, endpoint in
            endpoint.sslv2CipherKinds.map { judge.sslv2KindFinding($0, subject: endpoint.endpoint) }
        })
}

extension Judge {
    /// An SSLv2 cipher kind the server offered: SSLv2 itself is prohibited, but each kind is
    /// judged too, so the report shows what the server would actually encrypt with.
    func sslv2KindFinding(_ kind: SSLv2CipherKind, subject: String) -> Finding {
        let item = "\(kind.name) (\(kind.hex))"
        guard let info = kind.info else {
            return indeterminate(
                subject: subject, component: .cipherSuite, item: item, context: ProtocolVersion.sslv2.name,
                reason: "the server offered an SSLv2 cipher kind the registry does not know")
        }
        var primitives = [primitive("rsaes-pkcs1-v1_5", role: .keyTransport)]
        if let cipher = info.cipher {
            primitives.append(primitive(cipher.algorithm, role: .cipher, keyBits: cipher.keyBits))
            if let mode = info.mode { primitives.append(primitive(mode.primitive, role: .mode)) }
        } else {
            primitives.append(primitive("null-cipher", role: .cipher))
        }
        if let hash = info.macHash { primitives.append(primitive(hash, role: .macHash)) }
        var critical = "SSLv2 is prohibited (RFC 6176)"
        if info.isExport { critical = "export-grade SSLv2 cipher kind: deliberately weakened" }
        if info.cipher == nil { critical = "NULL cipher: traffic is not encrypted" }
        return finding(
            subject: subject, component: .cipherSuite, item: item, context: ProtocolVersion.sslv2.name,
            primitives: primitives, strength: info.cipher.flatMap { strength(.symmetric, size: $0.strengthBits) },
            critical: critical, remedy: Remedy(.disableSSLv2, "Disable SSLv2 entirely."))
    }
}
