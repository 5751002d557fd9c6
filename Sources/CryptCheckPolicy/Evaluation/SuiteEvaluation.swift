import CryptCheckModel

extension Judge {
    /// The primitives of a cipher suite, each judged in its role.
    func suitePrimitives(_ info: CipherSuiteInfo) -> [PrimitiveJudgement] {
        var result: [PrimitiveJudgement] = []
        switch info.keyExchange {
        case .rsa: result.append(primitive("rsaes-pkcs1-v1_5", role: .keyTransport))
        case .dh, .dhe, .dhAnon: result.append(primitive("dh", role: .keyExchange))
        case .ecdh, .ecdhe, .ecdhAnon: result.append(primitive("ecdh", role: .keyExchange))
        case .psk: result.append(primitive("psk", role: .keyExchange))
        case .srp: result.append(primitive("srp", role: .keyExchange))
        case .krb5: result.append(primitive("krb5", role: .keyExchange))
        case .gost: result.append(primitive("gost-kx", role: .keyExchange))
        case .fortezzaKEA: result.append(primitive("fortezza-kea", role: .keyExchange))
        case .cecpq1: result.append(primitive("cecpq1", role: .keyExchange))
        case .sm9: result.append(primitive("sm9", role: .keyExchange))
        case .null: result.append(primitive("anonymous", role: .keyExchange))
        case .negotiatedSeparately: break
        }
        switch info.authentication {
        case .rsa where info.keyExchange != .rsa:
            result.append(primitive("rsassa-pkcs1-v1_5", role: .authentication))
        case .rsa: break  // RSA key transport authenticates by decryption: judged as key transport
        case .ecdsa: result.append(primitive("ecdsa", role: .authentication))
        case .dsa: result.append(primitive("dsa", role: .authentication))
        case .anonymous where info.keyExchange != .null: result.append(primitive("anonymous", role: .authentication))
        case .anonymous: break
        case .psk where info.keyExchange != .psk: result.append(primitive("psk", role: .authentication))
        case .psk: break
        case .krb5 where info.keyExchange != .krb5: result.append(primitive("krb5", role: .authentication))
        case .srp where info.keyExchange != .srp: result.append(primitive("srp", role: .authentication))
        case .krb5, .srp: break
        case .gost: result.append(primitive("gost-r34.10", role: .authentication))
        case .sm2: result.append(primitive("sm2", role: .authentication))
        case .sm9: result.append(primitive("sm9", role: .authentication))
        case .fortezza: result.append(primitive("fortezza-kea", role: .authentication))
        case .negotiatedSeparately: break
        }
        if let cipher = info.cipher {
            if let aead = info.aeadConstruction, aead == "chacha20-poly1305" {
                result.append(primitive(aead, role: .authenticatedEncryption))
            } else {
                result.append(primitive(cipher.algorithm, role: .cipher, keyBits: cipher.keyBits))
                if let mode = info.mode {
                    result.append(primitive(mode.primitive, role: info.isAEAD ? .authenticatedEncryption : .mode))
                }
            }
        } else {
            result.append(primitive("null-cipher", role: .cipher))
        }
        if let mac = info.mac, mac.primitive != "poly1305" {
            result.append(primitive(mac.primitive, role: .mac))
            if let hash = mac.hash { result.append(primitive(hash, role: .macHash)) }
        }
        return result
    }

    /// How findings name a suite: its registry name and code point.
    static func suiteItem(_ info: CipherSuiteInfo, _ suite: CipherSuite) -> String { "\(info.displayName) (\(suite.hex))" }

    /// A finding for one accepted cipher suite under one protocol version.
    func suiteFinding(_ suite: CipherSuite, version: ProtocolVersion, subject: String) -> Finding {
        guard let info = suite.info else {
            return indeterminate(
                subject: subject, component: .cipherSuite, item: suite.name,
                context: version.name, reason: "the server accepted a suite the registry does not know")
        }
        let item = Self.suiteItem(info, suite)
        var critical: String?
        if info.isAnonymous { critical = "anonymous: the server is not authenticated" }
        if info.isNullCipher { critical = "NULL cipher: traffic is not encrypted" }
        if info.isExport { critical = "export-grade suite: deliberately weakened" }
        let strength = info.cipher.flatMap { self.strength(.symmetric, size: $0.strengthBits) }
        return finding(
            subject: subject, component: .cipherSuite, item: item, context: version.name,
            primitives: suitePrimitives(info), strength: strength, critical: critical,
            remedy: Remedy(.disableCipherSuite, suiteRemediation(info)))
    }

    private func suiteRemediation(_ info: CipherSuiteInfo) -> String {
        var advice = "Disable \(info.displayName)"
        if info.keyExchange == .rsa { advice += "; RSA key transport gives no forward secrecy" }
        advice +=
            ". Prefer TLS 1.3 with TLS_AES_128_GCM_SHA256/TLS_AES_256_GCM_SHA384, or TLS 1.2 "
            + "ECDHE with AES-GCM (e.g. TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256)."
        return advice
    }
}
