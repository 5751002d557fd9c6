import CryptCheckX509

/// The DER structures a file may hold, each recognised by its full shape (every field's tag
/// and order, and the values that set them apart), never by a prefix. Two structures that
/// share their first fields, such as a v1 TBSCertificate (serial, algorithm, issuer, ...) and
/// a CertificationRequestInfo (version 0, subject, key, [0] attributes), are told apart by the
/// fields that follow; a shape that fits none is "of an unknown kind".
enum DERStructure: String, CaseIterable, Sendable {
    case certificate, certificateRequest, crl, pkcs7, pkcs12
    case subjectPublicKeyInfo, privateKeyInfo, encryptedPrivateKeyInfo
    case rsaPrivateKey, rsaPublicKey, dsaPrivateKey, ecPrivateKey
    /// Domain parameters alone (DH, X9.42 DH, DSA, explicit EC): no key.
    case domainParameters

    /// Every structure whose full shape `node` has. The shapes are disjoint, so this holds at
    /// most one structure; more than one would be reported as ambiguous, never guessed.
    static func candidates(_ node: DER) -> [DERStructure] {
        guard node.tag == DER.sequence, let fields = try? node.children() else { return [] }
        return allCases.filter { $0.matches(node, fields: fields) }
    }

    /// Whether `node` (a SEQUENCE with children `fields`) has this structure's full shape.
    func matches(_ node: DER, fields: [DER]) -> Bool {
        let tags = fields.map(\.tag)
        switch self {
        case .certificate, .certificateRequest, .crl:
            guard tags.count == 3, tags[2] == DER.bitString, Shape.isAlgorithm(fields[1]),
                let inner = try? fields[0].sequence("")
            else { return false }
            return self == .certificate
                ? Shape.isTBSCertificate(inner)
                : self == .certificateRequest ? Shape.isRequestInfo(inner) : Shape.isTBSCertList(inner)
        case .pkcs7:
            return PKCS7Reader.isSignedData(node) && tags.count == 2 && tags[1] == 0xA0
        case .pkcs12:
            return PKCS12Reader.isPFX(node) && (tags.count == 2 || (tags.count == 3 && tags[2] == DER.sequence))
        case .subjectPublicKeyInfo:
            return tags == [DER.sequence, DER.bitString] && Shape.isAlgorithm(fields[0])
        case .encryptedPrivateKeyInfo:
            return tags == [DER.sequence, DER.octetString] && Shape.isAlgorithm(fields[0])
        case .privateKeyInfo:
            // version 0 (RFC 5208) or 1 (RFC 5958), algorithm, key, [0] attributes, [1] public key.
            guard tags.count >= 3, tags.count <= 5, Shape.small(fields[0], in: 0...1),
                tags[1] == DER.sequence, Shape.isAlgorithm(fields[1]), tags[2] == DER.octetString
            else { return false }
            return Shape.ordered(tags.dropFirst(3), among: [0xA0, 0x81, 0xA1])
        case .rsaPrivateKey:
            // version, n, e, d, p, q, dP, dQ, qInv; version 1 adds otherPrimeInfos (RFC 8017 A.1.2).
            guard tags.count == 9 || tags.count == 10, tags[..<9].allSatisfy({ $0 == DER.integer }),
                Shape.small(fields[0], in: 0...1)
            else { return false }
            return tags.count == 9 || (tags[9] == DER.sequence && Shape.small(fields[0], in: 1...1))
        case .dsaPrivateKey:
            // OpenSSL's DSAPrivateKey: version 0, p, q, g, y, x.
            return tags.count == 6 && tags.allSatisfy { $0 == DER.integer } && Shape.small(fields[0], in: 0...0)
        case .rsaPublicKey:
            // modulus, publicExponent: an RSA exponent is odd (PKCS#3 DHParameter's
            // generator, the other two-INTEGER shape, is 2 in every standard group).
            return tags == [DER.integer, DER.integer] && Shape.isOdd(fields[1])
        case .ecPrivateKey:
            // SEC1: version 1, private key, [0] parameters, [1] public key.
            guard tags.count >= 2, tags.count <= 4, Shape.small(fields[0], in: 1...1), tags[1] == DER.octetString else {
                return false
            }
            return Shape.ordered(tags.dropFirst(2), among: [0xA0, 0xA1])
        case .domainParameters:
            // PKCS#3 DHParameter (p, g with g even, [l]), DSA Dss-Parms (p, q, g), X9.42
            // DomainParameters (p, g, q, [j], [validationParms]), SEC1 explicit ECParameters.
            if tags == [DER.integer, DER.integer] { return !Shape.isOdd(fields[1]) }
            if tags.count >= 3, tags.count <= 5, tags[..<3].allSatisfy({ $0 == DER.integer }) {
                return tags.count == 3 || (tags.count == 4 && tags[3] == DER.integer) || tags.last == DER.sequence
            }
            return Shape.isExplicitECParameters(tags, fields)
        }
    }
}

/// Field-level shape tests shared by the structures above.
enum Shape {
    /// An AlgorithmIdentifier: SEQUENCE { OID, parameters OPTIONAL }.
    static func isAlgorithm(_ node: DER) -> Bool {
        guard node.tag == DER.sequence, let fields = try? node.children() else { return false }
        return (1...2).contains(fields.count) && fields[0].tag == DER.oid
    }

    /// A small non-negative INTEGER within `range`.
    static func small(_ node: DER, in range: ClosedRange<Int>) -> Bool {
        guard let value = try? node.int() else { return false }
        return range.contains(value)
    }

    /// An INTEGER whose last byte is odd.
    static func isOdd(_ node: DER) -> Bool { node.tag == DER.integer && (node.value.last ?? 0) & 1 == 1 }

    /// UTCTime or GeneralizedTime.
    static func isTime(_ tag: UInt8) -> Bool { tag == 0x17 || tag == 0x18 }

    /// Optional trailing fields: each tag at most once, in the given order.
    static func ordered(_ tags: ArraySlice<UInt8>, among allowed: [UInt8]) -> Bool {
        var next = 0
        for tag in tags {
            guard let index = allowed[next...].firstIndex(of: tag) else { return false }
            next = index + 1
        }
        return true
    }

    /// TBSCertificate (RFC 5280 4.1): [0] version (absent in v1), serial, signature, issuer,
    /// Validity { Time, Time }, subject, SubjectPublicKeyInfo, then unique IDs and [3] extensions.
    static func isTBSCertificate(_ fields: [DER]) -> Bool {
        var rest = fields[...]
        if rest.first?.tag == 0xA0 { rest = rest.dropFirst() }
        let tags = rest.map(\.tag)
        guard tags.count >= 6, tags[0] == DER.integer, tags[1...5].allSatisfy({ $0 == DER.sequence }),
            isAlgorithm(rest[rest.startIndex + 1]),
            let validity = try? rest[rest.startIndex + 3].children(), validity.count == 2,
            validity.allSatisfy({ isTime($0.tag) }),
            let spki = try? rest[rest.startIndex + 5].children(), spki.count == 2,
            isAlgorithm(spki[0]), spki[1].tag == DER.bitString
        else { return false }
        return ordered(tags.dropFirst(6)[...], among: [0x81, 0xA1, 0x82, 0xA2, 0xA3])
    }

    /// CertificationRequestInfo (RFC 2986 4.1): version 0, subject, SubjectPublicKeyInfo,
    /// [0] attributes (which some encoders omit; OpenSSL accepts that too).
    static func isRequestInfo(_ fields: [DER]) -> Bool {
        let tags = fields.map(\.tag)
        guard tags.count == 3 || (tags.count == 4 && tags[3] == 0xA0), small(fields[0], in: 0...0),
            tags[1] == DER.sequence, tags[2] == DER.sequence,
            let spki = try? fields[2].children(), spki.count == 2, isAlgorithm(spki[0]), spki[1].tag == DER.bitString
        else { return false }
        return true
    }

    /// TBSCertList (RFC 5280 5.1): [version], signature, issuer, thisUpdate, [nextUpdate],
    /// [revokedCertificates], [0] extensions.
    static func isTBSCertList(_ fields: [DER]) -> Bool {
        var rest = fields[...]
        if rest.first?.tag == DER.integer {
            guard small(rest.first!, in: 0...1) else { return false }
            rest = rest.dropFirst()
        }
        let tags = rest.map(\.tag)
        guard tags.count >= 3, isAlgorithm(rest[rest.startIndex]), tags[1] == DER.sequence, isTime(tags[2]) else {
            return false
        }
        var trailing = tags.dropFirst(3)
        if let first = trailing.first, isTime(first) { trailing = trailing.dropFirst() }
        return ordered(trailing, among: [DER.sequence, 0xA0])
    }

    /// SEC1 ECParameters: version 1, FieldID, Curve, base point, order, [cofactor], [hash].
    static func isExplicitECParameters(_ tags: [UInt8], _ fields: [DER]) -> Bool {
        guard tags.count >= 5, tags.count <= 7, small(fields[0], in: 1...3), tags[1] == DER.sequence,
            tags[2] == DER.sequence, tags[3] == DER.octetString, tags[4] == DER.integer,
            let fieldID = try? fields[1].children(), fieldID.first?.tag == DER.oid
        else { return false }
        return tags.count == 5 || tags[5] == DER.integer && (tags.count == 6 || tags[6] == DER.sequence)
    }
}
