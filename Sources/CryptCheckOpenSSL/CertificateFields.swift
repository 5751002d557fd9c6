internal import COpenSSL

/// What OpenSSL reads from the names and extensions of one TBSCertificate.
package struct CertificateFieldFacts: Sendable, Hashable {
    /// Subject and issuer as one-line RFC 2253 strings.
    package var subject: String
    package var issuer: String
    /// basicConstraints cA=TRUE.
    package var isCA: Bool
    /// Self-issued, its authority key identifier names itself, and the signature algorithm
    /// fits its own key: OpenSSL's `EXFLAG_SS` (the signature is not checked).
    package var isSelfSigned: Bool
    /// DNS names, IP addresses, e-mail addresses and URIs of subjectAltName.
    package var subjectAlternativeNames: [String]
}

/// Reads a certificate's names and extensions with OpenSSL, one field at a time.
///
/// `d2i_X509` in OpenSSL 3.0 spends about 85 µs per certificate decoding the public key
/// through the provider decoders, a key the scanner reads itself from the same DER. This
/// decodes only what the facts need from OpenSSL (the names, the extensions and the serial
/// number) and derives `isCA` and `isSelfSigned` exactly as `ossl_x509v3_cache_extensions`
/// does, so the facts match those of a full `X509` (the tests compare both on every fixture).
package enum CertificateFields {
    /// Each argument is the complete DER TLV of that TBSCertificate field; `extensions` is the
    /// `SEQUENCE OF Extension` inside the `[3]` wrapper, or nil when there is none.
    package static func read(
        serialNumber: ArraySlice<UInt8>, issuer: ArraySlice<UInt8>, subject: ArraySlice<UInt8>,
        publicKeyAlgorithm: ArraySlice<UInt8>, signatureAlgorithm: ArraySlice<UInt8>,
        extensions: ArraySlice<UInt8>?
    ) throws -> CertificateFieldFacts {
        ERR_clear_error()
        // Issuers repeat across a tree's certificates and are kept; most subjects are met once.
        let subjectName = subject.elementsEqual(issuer) ? DecodedNames.shared.name(issuer) : DecodedNames.decode(subject)
        guard let subjectName else { throw OpenSSLError.drain("parsing the subject name") }
        guard let issuerName = DecodedNames.shared.name(issuer) else { throw OpenSSLError.drain("parsing the issuer name") }
        guard let serial = decode(serialNumber, d2i_ASN1_INTEGER, free: ASN1_INTEGER_free) else {
            throw OpenSSLError.drain("parsing the serial number")
        }
        defer { ASN1_INTEGER_free(serial) }
        var stack: OpaquePointer?
        if let extensions {
            guard let decoded = decode(extensions, d2i_X509_EXTENSIONS, free: cc_sk_X509_EXTENSION_pop_free) else {
                throw OpenSSLError.drain("parsing the extensions")
            }
            stack = decoded
        }
        defer { if let stack { cc_sk_X509_EXTENSION_pop_free(stack) } }

        // Each lookup below is X509_get_ext_d2i's: absent is fine, undecodable or repeated
        // makes the certificate's extensions invalid, which OpenSSL never calls self-signed.
        var valid = true
        func lookup(_ nid: Int32) -> UnsafeMutableRawPointer? {
            guard let stack else { return nil }
            var critical: Int32 = 0
            let value = X509V3_get_d2i(stack, nid, &critical, nil)
            if value == nil && critical != -1 { valid = false }
            return value
        }
        let constraints = lookup(NID_basic_constraints)?.assumingMemoryBound(to: BASIC_CONSTRAINTS.self)
        defer { BASIC_CONSTRAINTS_free(constraints) }
        let keyIdentifier = lookup(NID_subject_key_identifier)?.assumingMemoryBound(to: ASN1_OCTET_STRING.self)
        defer { ASN1_OCTET_STRING_free(keyIdentifier) }
        let authority = lookup(NID_authority_key_identifier)?.assumingMemoryBound(to: AUTHORITY_KEYID.self)
        defer { AUTHORITY_KEYID_free(authority) }
        let alternativeNames = lookup(NID_subject_alt_name).map { OpaquePointer($0) }
        defer { if let alternativeNames { GENERAL_NAMES_free(alternativeNames) } }
        ERR_clear_error()

        let selfIssued = withExtendedLifetime((subjectName, issuerName)) {
            X509_NAME_cmp(subjectName.pointer, issuerName.pointer) == 0
        }
        let selfSigned =
            valid && selfIssued
            && withExtendedLifetime(issuerName) {
                authorityMatches(authority, keyIdentifier: keyIdentifier, serial: serial, issuer: issuerName.pointer)
            }
            && signatureFitsKey(signatureAlgorithm: signatureAlgorithm, publicKeyAlgorithm: publicKeyAlgorithm)
        return CertificateFieldFacts(
            subject: subjectName.text, issuer: issuerName.text,
            isCA: (constraints?.pointee.ca ?? 0) != 0, isSelfSigned: selfSigned,
            subjectAlternativeNames: alternativeNames.map(X509Certificate.generalNames) ?? [])
    }

    /// X509_check_akid(x, akid) == X509_V_OK for a certificate that would issue itself.
    private static func authorityMatches(
        _ authority: UnsafeMutablePointer<AUTHORITY_KEYID>?,
        keyIdentifier: UnsafeMutablePointer<ASN1_OCTET_STRING>?,
        serial: UnsafeMutablePointer<ASN1_INTEGER>, issuer: OpaquePointer
    ) -> Bool {
        guard let authority = authority?.pointee else { return true }
        if let wanted = authority.keyid, let keyIdentifier,
            ASN1_OCTET_STRING_cmp(wanted, keyIdentifier) != 0
        {
            return false
        }
        if let wanted = authority.serial, ASN1_INTEGER_cmp(serial, wanted) != 0 { return false }
        if let stack = authority.issuer {
            for index in 0..<max(0, OPENSSL_sk_num(stack)) {
                guard let raw = OPENSSL_sk_value(stack, index) else { continue }
                let name = raw.assumingMemoryBound(to: GENERAL_NAME.self).pointee
                if name.type == GEN_DIRNAME {
                    return X509_NAME_cmp(name.d.directoryName, issuer) == 0
                }
            }
        }
        return true
    }

    /// check_sig_alg_match: the signature algorithm is one made with this kind of key.
    private static func signatureFitsKey(signatureAlgorithm: ArraySlice<UInt8>, publicKeyAlgorithm: ArraySlice<UInt8>) -> Bool {
        guard let signature = decode(signatureAlgorithm, d2i_X509_ALGOR, free: X509_ALGOR_free) else { ERR_clear_error(); return false }
        defer { X509_ALGOR_free(signature) }
        guard let key = decode(publicKeyAlgorithm, d2i_X509_ALGOR, free: X509_ALGOR_free) else { ERR_clear_error(); return false }
        defer { X509_ALGOR_free(key) }
        let signatureNID = OBJ_obj2nid(signature.pointee.algorithm)
        let keyNID = OBJ_obj2nid(key.pointee.algorithm)
        var signingKeyNID: Int32 = 0
        guard OBJ_find_sigid_algs(signatureNID, nil, &signingKeyNID) == 1, keyNID != NID_undef else { return false }
        let keyType = EVP_PKEY_type(keyNID)
        return keyNID == signingKeyNID
            || (keyType != NID_undef && keyType == EVP_PKEY_type(signingKeyNID))
            || (keyType == EVP_PKEY_RSA && signatureNID == NID_rsassaPss)
    }

    /// Decodes one field with OpenSSL; the bytes must be exactly one complete encoding
    /// (a value followed by more bytes is freed with `free` and rejected).
    static func decode<T>(
        _ bytes: ArraySlice<UInt8>,
        _ d2i: (UnsafeMutablePointer<T?>?, UnsafeMutablePointer<UnsafePointer<UInt8>?>?, Int) -> T?,
        free: (T) -> Void
    ) -> T? {
        bytes.withUnsafeBufferPointer { buffer in
            var cursor = buffer.baseAddress
            guard let value = d2i(nil, &cursor, buffer.count) else { return nil }
            guard let start = buffer.baseAddress, cursor == start + buffer.count else {
                free(value)
                return nil
            }
            return value
        }
    }
}
