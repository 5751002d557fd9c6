/// Where a declared thing comes from: an asset of a CycloneDX BOM that a vendor wrote, not
/// something cryptcheck observed. Endpoints and files carrying one are judged as if observed
/// and every finding about them is marked declared.
package struct DeclaredSource: Sendable, Hashable, Codable {
    /// The BOM file, as given on the command line.
    package var bom: String
    /// The asset's `bom-ref`, or its JSON path in the BOM when it has none.
    package var ref: String
    /// A certificate a protocol asset uses (`cryptoRefArray`): served in handshakes, so judged
    /// as a server's certificate, not as one at rest. `nil` otherwise.
    package var served: Bool?

    package init(bom: String, ref: String, served: Bool? = nil) {
        self.bom = bom
        self.ref = ref
        self.served = served
    }

    /// How findings name the asset: `vendor.cdx.json#crypto/algorithm/aes-128-gcm`.
    package var name: String { "\(bom)#\(ref)" }
}

/// An algorithm asset of a BOM, as the registry understands it: a signature algorithm, a key
/// algorithm, or primitives with the key size and curve the BOM gives. `nil` fields were not
/// declared.
package struct DeclaredAlgorithm: Sendable, Hashable, Codable {
    /// The asset's name as written in the BOM (shown as the finding's item).
    package var name: String
    /// A signature algorithm (scheme and hash), judged as a certificate's signature is.
    package var signature: SignatureAlgorithmFacts?
    /// A public-key algorithm with its size or curve, judged as a key is.
    package var key: KeyFacts?
    /// Other primitives (cipher, mode, hash, MAC, KDF), each in its role.
    package var primitives: [DeclaredPrimitive]
    /// The declared key size (`parameterSetIdentifier`, or a size in the name): a cipher's key,
    /// an RSA modulus for key transport, a DH prime.
    package var keyBits: Int?
    /// The declared curve (`EllipticCurve` identifier) of an ECDH key exchange.
    package var curve: String?

    package init(
        name: String, signature: SignatureAlgorithmFacts? = nil, key: KeyFacts? = nil, primitives: [DeclaredPrimitive] = [],
        keyBits: Int? = nil, curve: String? = nil
    ) {
        self.name = name
        self.signature = signature
        self.key = key
        self.primitives = primitives
        self.keyBits = keyBits
        self.curve = curve
    }
}

/// One primitive of a declared algorithm in its role.
package struct DeclaredPrimitive: Sendable, Hashable, Codable {
    package var role: PrimitiveRole
    package var primitive: Primitive

    package init(role: PrimitiveRole, primitive: Primitive) {
        self.role = role
        self.primitive = primitive
    }
}
