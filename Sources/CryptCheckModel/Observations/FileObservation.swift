/// Everything observed in one file on disk. Never holds key material.
package struct FileObservation: Sendable, Hashable, Codable {
    package var path: String
    /// SHA-256 of the file's bytes, lower-case hex.
    package var sha256: String?
    package var items: [FileItem]
    /// Why the file, or part of it, could not be read.
    package var errors: [String]
    /// The stable code of each of `errors`, in the same order (`der.truncated`); `nil` in
    /// observations saved before codes were recorded. A separate array, so that readers of
    /// `errors` as strings keep working.
    package var errorCodes: [ErrorCode]?
    /// PEM-looking example blocks in a documentation or source file that do not parse: listed,
    /// never judged, and not making the scan incomplete (README, "Snippets"). `nil` when none.
    package var unparsedSnippets: [String]?
    /// The BOM asset this "file" stands for (`path` is then `BOM#bom-ref`); `nil` for a file
    /// that was scanned.
    package var declared: DeclaredSource?
    /// A BOM's algorithm asset, judged on its own (`declared` is then set too).
    package var declaredAlgorithm: DeclaredAlgorithm?

    package init(
        path: String, sha256: String? = nil, items: [FileItem] = [], errors: [String] = [],
        errorCodes: [ErrorCode]? = nil, unparsedSnippets: [String]? = nil
    ) {
        precondition(errorCodes == nil || errorCodes?.count == errors.count, "one code per error")
        // No errors, no codes: the key is left out rather than written empty.
        self.path = path
        self.sha256 = sha256
        self.items = items
        self.errors = errors
        self.errorCodes = errors.isEmpty ? nil : errorCodes
        self.unparsedSnippets = unparsedSnippets
    }
}

extension FileObservation {
    /// The code of `errors[index]`; `nil` when the observation has no codes (saved before they
    /// were recorded) or fewer than `errors` (edited by hand).
    package func errorCode(at index: Int) -> ErrorCode? {
        guard let errorCodes, errorCodes.indices.contains(index) else { return nil }
        return errorCodes[index]
    }
}

/// What a file item is.
package enum FileItemKind: String, Sendable, Codable, CaseIterable {
    case certificate
    case privateKey = "private-key"
    case publicKey = "public-key"
    case certificateRequest = "certificate-request"
    case crl
    case pkcs12
    case keystore
    case sshPrivateKey = "ssh-private-key"
    case sshPublicKey = "ssh-public-key"
    case sshCertificate = "ssh-certificate"
}

/// One crypto object inside a file (a bundle holds several; `position` counts from 1).
package struct FileItem: Sendable, Hashable, Codable {
    package var kind: FileItemKind
    package var position: Int
    /// The container format (`PEM`, `DER`, `PKCS#7`, `PKCS#8`, `OpenSSH`, ...).
    package var format: String
    package var certificate: CertificateFacts?
    package var key: KeyFacts?
    /// The signature on a CSR or CRL (a certificate carries its own in `certificate`).
    package var signature: SignatureAlgorithmFacts?
    /// How the item is protected at rest (encrypted key, keystore envelope), if it is.
    package var protection: [ProtectionAlgorithm]
    /// An OpenSSH certificate's own facts (`key` is the certified key, `signature` the CA's).
    package var sshCertificate: SSHCertificateFacts?

    package init(
        kind: FileItemKind, position: Int = 1, format: String, certificate: CertificateFacts? = nil,
        key: KeyFacts? = nil, signature: SignatureAlgorithmFacts? = nil, protection: [ProtectionAlgorithm] = [],
        sshCertificate: SSHCertificateFacts? = nil
    ) {
        self.kind = kind
        self.position = position
        self.format = format
        self.certificate = certificate
        self.key = key
        self.signature = signature
        self.protection = protection
        self.sshCertificate = sshCertificate
    }
}

/// One algorithm of a protection envelope (PBES2 KDF, its PRF, the cipher, a PKCS#12 MAC).
package struct ProtectionAlgorithm: Sendable, Hashable, Codable {
    /// What it does in the envelope: `kdf`, `prf`, `cipher`, `mode`, `mac`, `legacy-pbe`,
    /// `integrity` (`PrimitiveRole`).
    package var role: PrimitiveRole
    package var primitive: Primitive
    package var hash: Primitive?
    package var keyBits: Int?
    package var iterations: Int?
    /// The OID or name as found.
    package var identifier: String?

    package init(
        role: PrimitiveRole, primitive: Primitive, hash: Primitive? = nil, keyBits: Int? = nil,
        iterations: Int? = nil, identifier: String? = nil
    ) {
        self.role = role
        self.primitive = primitive
        self.hash = hash
        self.keyBits = keyBits
        self.iterations = iterations
        self.identifier = identifier
    }

    /// `PBKDF2 (600000 iterations)`, `AES-256`, `HMAC/SHA-256`.
    package var summary: String {
        var text = primitive.displayName
        if let keyBits { text += "-\(keyBits)" }
        if let hash { text += "/\(hash.displayName)" }
        if let iterations { text += " (\(iterations) iterations)" }
        return text
    }
}
