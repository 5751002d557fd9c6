internal import COpenSSL
import CryptCheckModel
import Foundation

/// What the certificate hygiene checks read with OpenSSL: a leaf's extensions (subjectAltName,
/// TLS feature, CRL distribution points, authorityInfoAccess, keyUsage, extendedKeyUsage,
/// embedded SCTs), a stapled OCSP response, and a handshake that asks for both. Nothing is
/// fetched and no signature (of the OCSP response or of an SCT) is verified.
package enum CertificateHygieneReader {
    /// A leaf's hygiene facts; `subject` and `isSelfSigned` come from the caller's own reading
    /// of the certificate (`CertificateFacts`), the suites from the scan.
    package static func leaf(der: [UInt8], subject: String, isSelfSigned: Bool) throws -> LeafCertificateHygiene {
        Providers.ensureLoaded()
        ERR_clear_error()
        guard let certificate = decodeCertificate(der) else { throw OpenSSLError.drain("parsing the leaf certificate") }
        defer { X509_free(certificate) }
        let fingerprint = try Digest.sha256Hex(der)

        let alternativeNames: [String]? = try extensionValue(certificate, NID_subject_alt_name, "subjectAltName") { stack in
            defer { GENERAL_NAMES_free(stack) }
            return X509Certificate.generalNames(stack)
        }
        let mustStaple =
            try extensionValue(certificate, NID_tlsfeature, "TLS feature") { stack -> Bool in
                defer { TLS_FEATURE_free(stack) }
                return (0..<max(0, OPENSSL_sk_num(stack))).contains { index in
                    guard let raw = OPENSSL_sk_value(stack, index) else { return false }
                    return ASN1_INTEGER_get(raw.assumingMemoryBound(to: ASN1_INTEGER.self)) == 5  // status_request
                }
            } ?? false
        let crlURIs =
            try extensionValue(certificate, NID_crl_distribution_points, "CRL distribution points") { stack -> [String] in
                defer { CRL_DIST_POINTS_free(stack) }
                var uris: [String] = []
                for index in 0..<max(0, OPENSSL_sk_num(stack)) {
                    guard let raw = OPENSSL_sk_value(stack, index) else { continue }
                    let point = raw.assumingMemoryBound(to: DIST_POINT.self).pointee
                    guard let name = point.distpoint?.pointee, name.type == 0, let full = name.name.fullname else { continue }
                    uris += uriValues(X509Certificate.generalNames(full))
                }
                return uris
            } ?? []
        let access =
            try extensionValue(certificate, NID_info_access, "authorityInfoAccess") { stack -> (ocsp: [String], caIssuers: [String]) in
                defer { AUTHORITY_INFO_ACCESS_free(stack) }
                var ocsp: [String] = []
                var caIssuers: [String] = []
                for index in 0..<max(0, OPENSSL_sk_num(stack)) {
                    guard let raw = OPENSSL_sk_value(stack, index) else { continue }
                    let description = raw.assumingMemoryBound(to: ACCESS_DESCRIPTION.self).pointee
                    guard let location = description.location else { continue }
                    let names = withSingleName(location)
                    switch OBJ_obj2nid(description.method) {
                    case NID_ad_OCSP: ocsp += uriValues(names)
                    case NID_ad_ca_issuers: caIssuers += uriValues(names)
                    default: break
                    }
                }
                return (ocsp, caIssuers)
            } ?? (ocsp: [], caIssuers: [])
        let flags = X509_get_extension_flags(certificate)
        guard flags & UInt32(EXFLAG_INVALID) == 0 else {
            throw OpenSSLError(
                operation: "reading the leaf's extensions", queue: ["an extension is malformed or repeated"], code: .x509Malformed)
        }
        let keyUsage: [String]? = flags & UInt32(EXFLAG_KUSAGE) == 0 ? nil : keyUsageNames(X509_get_key_usage(certificate))
        let extendedKeyUsage: [String]? = try extensionValue(certificate, NID_ext_key_usage, "extendedKeyUsage") { stack in
            defer { EXTENDED_KEY_USAGE_free(stack) }
            return (0..<max(0, OPENSSL_sk_num(stack))).compactMap { index in
                OPENSSL_sk_value(stack, index).map { objectName(OpaquePointer($0)) }
            }
        }
        var sctFailure: String?
        var scts: [SignedCertificateTimestampFacts] = []
        do {
            scts =
                try extensionValue(certificate, NID_ct_precert_scts, "embedded SCT list") { stack in
                    defer { SCT_LIST_free(stack) }
                    return timestamps(stack)
                } ?? []
        } catch {
            sctFailure = "\(error)"
        }
        return LeafCertificateHygiene(
            sha256Fingerprint: fingerprint, subject: subject, isSelfSigned: isSelfSigned, subjectAltNames: alternativeNames,
            mustStaple: mustStaple, crlURIs: crlURIs, ocspURIs: access.ocsp, caIssuersURIs: access.caIssuers, keyUsage: keyUsage,
            extendedKeyUsage: extendedKeyUsage, embeddedSCTs: scts, embeddedSCTFailure: sctFailure)
    }

    /// The decoded extension `nid` of `certificate` given to `read`; `nil` when absent; an
    /// error when it is there but cannot be decoded, or is repeated.
    private static func extensionValue<T>(
        _ certificate: OpaquePointer, _ nid: Int32, _ what: String, _ read: (OpaquePointer) throws -> T
    ) throws -> T? {
        var critical: Int32 = 0
        guard let value = X509_get_ext_d2i(certificate, nid, &critical, nil) else {
            if critical == -1 { return nil }
            throw OpenSSLError(
                operation: "reading the leaf's \(what)",
                queue: [critical == -2 ? "the extension is repeated" : "the extension is malformed"],
                code: .x509Malformed)
        }
        return try read(OpaquePointer(value))
    }

    private static func decodeCertificate(_ der: [UInt8]) -> OpaquePointer? {
        der.withUnsafeBufferPointer { buffer -> OpaquePointer? in
            var cursor = buffer.baseAddress
            return d2i_X509(nil, &cursor, buffer.count)
        }
    }

    /// The names of one GENERAL_NAME, as `TYPE:value`.
    private static func withSingleName(_ name: UnsafeMutablePointer<GENERAL_NAME>) -> [String] {
        guard let stack = GENERAL_NAMES_new() else { return [] }
        defer { OPENSSL_sk_free(stack) }  // the name belongs to its ACCESS_DESCRIPTION
        _ = OPENSSL_sk_push(stack, name)
        return X509Certificate.generalNames(stack)
    }

    private static func uriValues(_ names: [String]) -> [String] {
        names.filter { $0.hasPrefix("URI:") }.map { String($0.dropFirst(4)) }
    }

    private static func keyUsageNames(_ bits: UInt32) -> [String] {
        let names: [(Int32, String)] = [
            (KU_DIGITAL_SIGNATURE, "digitalSignature"), (KU_NON_REPUDIATION, "nonRepudiation"), (KU_KEY_ENCIPHERMENT, "keyEncipherment"),
            (KU_DATA_ENCIPHERMENT, "dataEncipherment"), (KU_KEY_AGREEMENT, "keyAgreement"), (KU_KEY_CERT_SIGN, "keyCertSign"),
            (KU_CRL_SIGN, "cRLSign"), (KU_ENCIPHER_ONLY, "encipherOnly"), (KU_DECIPHER_ONLY, "decipherOnly"),
        ]
        return names.filter { bits & UInt32($0.0) != 0 }.map(\.1)
    }

    /// OpenSSL's short name of a known purpose (`serverAuth`), else the dotted OID.
    private static func objectName(_ object: OpaquePointer) -> String {
        let nid = OBJ_obj2nid(object)
        if nid != NID_undef, let name = OBJ_nid2sn(nid) { return String(cString: name) }
        var buffer = [CChar](repeating: 0, count: 128)
        let length = OBJ_obj2txt(&buffer, Int32(buffer.count), object, 1)
        guard length > 0 else { return "?" }
        return String(decoding: buffer.prefix(Int(min(length, 127))).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Each SCT of a list as its log ID and timestamp (the signature is not checked).
    private static func timestamps(_ stack: OpaquePointer, source: sct_source_t? = nil) -> [SignedCertificateTimestampFacts] {
        var result: [SignedCertificateTimestampFacts] = []
        for index in 0..<max(0, cc_sk_SCT_num(stack)) {
            guard let sct = cc_sk_SCT_value(stack, index) else { continue }
            if let source, SCT_get_source(sct) != source { continue }
            var logID: UnsafeMutablePointer<UInt8>?
            let length = SCT_get0_log_id(sct, &logID)
            let id = logID.map { Hex.lower(UnsafeBufferPointer(start: $0, count: length)) } ?? ""
            let milliseconds = SCT_get_timestamp(sct)
            result.append(SignedCertificateTimestampFacts(logID: id, timestamp: Date(timeIntervalSince1970: Double(milliseconds) / 1000)))
        }
        return result
    }

    // MARK: Stapled OCSP response

    /// Reads a stapled OCSP response (DER) for `leaf`, with the chain the server sent (to find
    /// the issuer the CertID hashes), judged expired or not at `time`.
    package static func staple(_ der: [UInt8], chain: [[UInt8]], at time: Date) -> StapledOCSPResponse {
        Providers.ensureLoaded()
        ERR_clear_error()
        var result = StapledOCSPResponse()
        guard
            let response = der.withUnsafeBufferPointer({ buffer -> OpaquePointer? in
                var cursor = buffer.baseAddress
                return d2i_OCSP_RESPONSE(nil, &cursor, buffer.count)
            })
        else {
            result.failure = "the stapled bytes are not an OCSP response"
            return result
        }
        defer { OCSP_RESPONSE_free(response) }
        let status = OCSP_response_status(response)
        result.responseStatus = OCSP_response_status_str(Int(status)).map { String(cString: $0) } ?? "status \(status)"
        guard status == OCSP_RESPONSE_STATUS_SUCCESSFUL else { return result }
        guard let basic = OCSP_response_get1_basic(response) else {
            result.failure = "the OCSP response has no basic response"
            return result
        }
        defer { OCSP_BASICRESP_free(basic) }
        result.producedAt = date(OCSP_resp_get0_produced_at(basic))
        let count = OCSP_resp_count(basic)
        guard count > 0 else {
            result.failure = "the OCSP response holds no single response"
            return result
        }
        let certificates = chain.compactMap(decodeCertificate)
        defer { certificates.forEach { X509_free($0) } }
        // The single response for the leaf, else the first (then it does not match).
        var chosen = OCSP_resp_get0(basic, 0)
        var match: (Bool?, String?) = (false, "no single response names the leaf")
        if let leaf = certificates.first {
            for index in 0..<count {
                guard let single = OCSP_resp_get0(basic, index) else { continue }
                let verdict = names(single, leaf: leaf, chain: certificates)
                if index == 0 || verdict.0 != false {
                    chosen = single
                    match = verdict
                    if verdict.0 == true { break }
                }
            }
        } else {
            match = (nil, "the server sent no certificate to compare with")
        }
        result.matchesLeaf = match.0
        result.matchNote = match.1
        guard let single = chosen else { return result }
        var reason: Int32 = 0
        var revoked: UnsafeMutablePointer<ASN1_GENERALIZEDTIME>?
        var thisUpdate: UnsafeMutablePointer<ASN1_GENERALIZEDTIME>?
        var nextUpdate: UnsafeMutablePointer<ASN1_GENERALIZEDTIME>?
        switch OCSP_single_get0_status(single, &reason, &revoked, &thisUpdate, &nextUpdate) {
        case V_OCSP_CERTSTATUS_GOOD: result.certificateStatus = .good
        case V_OCSP_CERTSTATUS_REVOKED: result.certificateStatus = .revoked
        case V_OCSP_CERTSTATUS_UNKNOWN: result.certificateStatus = .unknown
        default: result.failure = "the single response's status could not be read"
        }
        result.revokedAt = revoked.flatMap(date)
        result.thisUpdate = thisUpdate.flatMap(date)
        result.nextUpdate = nextUpdate.flatMap(date)
        if let start = result.thisUpdate {
            let leeway: TimeInterval = 300
            let end = result.nextUpdate
            result.expired = start > time.addingTimeInterval(leeway) || (end.map { $0 < time.addingTimeInterval(-leeway) } ?? false)
        }
        // A list that is there and cannot be decoded is a failure of its own, never "no SCTs";
        // it says nothing about the response's status, so it is not `failure`.
        ERR_clear_error()
        var critical: Int32 = 0
        if let list = OCSP_SINGLERESP_get1_ext_d2i(single, NID_ct_cert_scts, &critical, nil) {
            let stack = OpaquePointer(list)
            result.scts = timestamps(stack)
            SCT_LIST_free(stack)
        } else if critical == -2 {
            result.sctFailure = "the single response repeats its SCT list extension"
        } else if critical != -1 {
            result.sctFailure = "\(OpenSSLError.drain("decoding the SCT list of the single response's extension"))"
        }
        return result
    }

    /// Whether `single`'s CertID names `leaf`: serial and issuer name hash always, issuer key
    /// hash when the issuer is in `chain`; `nil` when only the key hash is left unchecked.
    private static func names(_ single: OpaquePointer, leaf: OpaquePointer, chain: [OpaquePointer]) -> (Bool?, String?) {
        guard let certID = OCSP_SINGLERESP_get0_id(single) else { return (false, "the single response has no CertID") }
        var nameHash: UnsafeMutablePointer<ASN1_OCTET_STRING>?
        var algorithm: OpaquePointer?
        var keyHash: UnsafeMutablePointer<ASN1_OCTET_STRING>?
        var serial: UnsafeMutablePointer<ASN1_INTEGER>?
        guard OCSP_id_get0_info(&nameHash, &algorithm, &keyHash, &serial, certID) == 1, let serial,
            let algorithm, let digest = EVP_get_digestbyname(OBJ_nid2sn(OBJ_obj2nid(algorithm)))
        else { return (false, "the CertID could not be read") }
        guard ASN1_INTEGER_cmp(serial, X509_get0_serialNumber(leaf)) == 0 else {
            return (false, "the CertID's serial number is not the leaf's")
        }
        var buffer = [UInt8](repeating: 0, count: 64)  // EVP_MAX_MD_SIZE
        var length: UInt32 = 0
        guard X509_NAME_digest(X509_get_issuer_name(leaf), digest, &buffer, &length) == 1,
            octets(nameHash) == Array(buffer.prefix(Int(length)))
        else { return (false, "the CertID's issuer name hash is not that of the leaf's issuer") }
        guard
            let issuer = chain.dropFirst().first(where: { X509_check_issued($0, leaf) == X509_V_OK })
        else { return (nil, "serial and issuer name match; the issuer was not sent, so its key hash was not checked") }
        guard X509_pubkey_digest(issuer, digest, &buffer, &length) == 1, octets(keyHash) == Array(buffer.prefix(Int(length))) else {
            return (false, "the CertID's issuer key hash is not that of the leaf's issuer")
        }
        return (true, nil)
    }

    private static func octets(_ string: UnsafeMutablePointer<ASN1_OCTET_STRING>?) -> [UInt8] {
        guard let string, let data = ASN1_STRING_get0_data(string) else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: Int(ASN1_STRING_length(string))))
    }

    private static func date(_ time: UnsafePointer<ASN1_GENERALIZEDTIME>?) -> Date? {
        guard let time else { return nil }
        var parts = tm()
        guard ASN1_TIME_to_tm(time, &parts) == 1 else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(timegm(&parts)))
    }

    private static func date(_ time: UnsafeMutablePointer<ASN1_GENERALIZEDTIME>) -> Date? { date(UnsafePointer(time)) }

    // MARK: The handshake

    /// What one handshake that sent status_request and signed_certificate_timestamp got.
    package struct Stapling: Sendable {
        /// The server's chain as sent, leaf first (DER).
        package let certificates: [[UInt8]]
        /// The negotiated suite's code point.
        package let suite: UInt16
        /// The stapled OCSP response (DER); `nil`: none was stapled.
        package let ocspResponse: [UInt8]?
        /// The SCTs of the TLS extension; `nil` when OpenSSL could not read the lists (`sctFailure`).
        package let tlsExtensionSCTs: [SignedCertificateTimestampFacts]?
        package let sctFailure: String?
    }

    /// A full handshake limited to `version` (wire value) offering `cipherSuites`, asking for an
    /// OCSP staple and SCTs (CT validation permissive: nothing is verified, nothing refused).
    package static func stapling(
        version: UInt16, serverName: String?, cipherSuites: [UInt16]?, send: ([UInt8]) throws -> Void, receive: () throws -> [UInt8]
    ) throws -> Stapling {
        try FullHandshake.handshake(
            version: version, serverName: serverName, cipherSuites: cipherSuites, prepare: askForStapleAndSCTs, send: send,
            receive: receive, inspect: staplingSeen)
    }

    /// Sends status_request and signed_certificate_timestamp (CT validation permissive).
    private static func askForStapleAndSCTs(_ ssl: OpaquePointer) throws {
        guard SSL_enable_ct(ssl, Int32(SSL_CT_VALIDATION_PERMISSIVE)) == 1 else {
            throw OpenSSLError.drain("asking for signed certificate timestamps")
        }
        guard cc_SSL_request_ocsp_status(ssl) == 1 else { throw OpenSSLError.drain("asking for OCSP stapling") }
    }

    /// What a completed handshake of `stapling` got.
    private static func staplingSeen(_ ssl: OpaquePointer) -> Stapling {
        var pointer: UnsafePointer<UInt8>?
        let length = cc_SSL_get_ocsp_response(ssl, &pointer)
        let staple = length > 0 ? pointer.map { Array(UnsafeBufferPointer(start: $0, count: length)) } : nil
        let suite = SSL_get_current_cipher(ssl).map { UInt16(truncatingIfNeeded: SSL_CIPHER_get_protocol_id($0)) } ?? 0
        ERR_clear_error()
        let scts = SSL_get0_peer_scts(ssl).map { timestamps($0, source: SCT_SOURCE_TLS_EXTENSION) }
        let failure = scts == nil ? "OpenSSL could not read the SCT lists: \(OpenSSLError.drain("reading SCTs"))" : nil
        return Stapling(
            certificates: FullHandshake.peerChain(ssl), suite: suite, ocspResponse: staple, tlsExtensionSCTs: scts, sctFailure: failure)
    }
}
