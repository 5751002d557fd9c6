import CryptCheckModel
import Foundation

/// A file's observation (`FileObservation`: path, hash, every item with its kind, format, key,
/// signature, certificate facts and protection, and the errors) as JSON bytes without
/// Foundation's JSONEncoder, for the streamed scan output. Same keys, sorted order and values
/// as the `Codable` encoding, which the tests compare for every fixture; a field added to the
/// model and not written here makes them fail. Never any key material: the model holds none.
enum FileObservationJSON {
    static func write(_ file: FileObservation, to out: inout JSONOutput, indent: Int) {
        var object = out.beginObject(indent: indent)
        if let declared = file.declared {
            out.member("declared", of: &object)
            var source = out.beginObject(indent: indent + 2)
            out.member("bom", declared.bom, of: &source)
            out.member("ref", declared.ref, of: &source)
            if let served = declared.served {
                out.member("served", of: &source)
                out.bool(served)
            }
            out.end(source)
        }
        if let algorithm = file.declaredAlgorithm {
            out.member("declaredAlgorithm", of: &object)
            write(algorithm, to: &out, indent: indent + 2)
        }
        if let codes = file.errorCodes {
            out.member("errorCodes", of: &object)
            out.array(codes, indent: indent + 2) { out, code, _ in out.string(code.rawValue) }
        }
        out.member("errors", of: &object)
        out.array(file.errors, indent: indent + 2) { out, error, _ in out.string(error) }
        out.member("items", of: &object)
        out.array(file.items, indent: indent + 2) { out, item, indent in write(item, to: &out, indent: indent) }
        out.member("path", file.path, of: &object)
        out.member("sha256", file.sha256, of: &object)
        if let snippets = file.unparsedSnippets {
            out.member("unparsedSnippets", of: &object)
            out.array(snippets, indent: indent + 2) { out, snippet, _ in out.string(snippet) }
        }
        out.end(object)
    }

    static func write(_ algorithm: DeclaredAlgorithm, to out: inout JSONOutput, indent: Int) {
        var object = out.beginObject(indent: indent)
        out.member("curve", algorithm.curve, of: &object)
        if let key = algorithm.key {
            out.member("key", of: &object)
            write(key, to: &out, indent: indent + 2)
        }
        if let bits = algorithm.keyBits {
            out.member("keyBits", of: &object)
            out.int(bits)
        }
        out.member("name", algorithm.name, of: &object)
        out.member("primitives", of: &object)
        out.array(algorithm.primitives, indent: indent + 2) { out, declared, indent in
            var entry = out.beginObject(indent: indent)
            out.member("primitive", declared.primitive.rawValue, of: &entry)
            out.member("role", declared.role.rawValue, of: &entry)
            out.end(entry)
        }
        if let signature = algorithm.signature {
            out.member("signature", of: &object)
            write(signature, to: &out, indent: indent + 2)
        }
        out.end(object)
    }

    static func write(_ item: FileItem, to out: inout JSONOutput, indent: Int) {
        var object = out.beginObject(indent: indent)
        if let certificate = item.certificate {
            out.member("certificate", of: &object)
            write(certificate, to: &out, indent: indent + 2)
        }
        out.member("format", item.format, of: &object)
        if let key = item.key {
            out.member("key", of: &object)
            write(key, to: &out, indent: indent + 2)
        }
        out.member("kind", item.kind.rawValue, of: &object)
        out.member("position", of: &object)
        out.int(item.position)
        out.member("protection", of: &object)
        out.array(item.protection, indent: indent + 2) { out, protection, indent in write(protection, to: &out, indent: indent) }
        if let signature = item.signature {
            out.member("signature", of: &object)
            write(signature, to: &out, indent: indent + 2)
        }
        if let ssh = item.sshCertificate {
            out.member("sshCertificate", of: &object)
            write(ssh, to: &out, indent: indent + 2)
        }
        out.end(object)
    }

    static func write(_ ssh: SSHCertificateFacts, to out: inout JSONOutput, indent: Int) {
        var object = out.beginObject(indent: indent)
        out.member("caFingerprint", ssh.caFingerprint, of: &object)
        out.member("caKey", of: &object)
        write(ssh.caKey, to: &out, indent: indent + 2)
        out.member("certificateType", ssh.certificateType, of: &object)
        out.member("criticalOptions", of: &object)
        out.array(ssh.criticalOptions, indent: indent + 2) { out, option, _ in out.string(option) }
        out.member("extensions", of: &object)
        out.array(ssh.extensions, indent: indent + 2) { out, name, _ in out.string(name) }
        out.member("keyID", ssh.keyID, of: &object)
        out.member("principalCount", of: &object)
        out.int(ssh.principalCount)
        out.member("principals", of: &object)
        out.array(ssh.principals, indent: indent + 2) { out, principal, _ in out.string(principal) }
        out.member("role", ssh.role, of: &object)
        out.member("serial", of: &object)
        out.decimal(UInt(ssh.serial))  // a JSON number, as the encoder writes a UInt64
        out.member("signature", of: &object)
        write(ssh.signature, to: &out, indent: indent + 2)
        if let validAfter = ssh.validAfter {
            out.member("validAfter", of: &object)
            date(validAfter, to: &out)
        }
        if let validBefore = ssh.validBefore {
            out.member("validBefore", of: &object)
            date(validBefore, to: &out)
        }
        out.end(object)
    }

    static func write(_ certificate: CertificateFacts, to out: inout JSONOutput, indent: Int) {
        var object = out.beginObject(indent: indent)
        out.member("isCA", of: &object)
        out.bool(certificate.isCA)
        out.member("isSelfSigned", of: &object)
        out.bool(certificate.isSelfSigned)
        out.member("issuer", certificate.issuer, of: &object)
        out.member("notAfter", of: &object)
        date(certificate.notAfter, to: &out)
        out.member("notBefore", of: &object)
        date(certificate.notBefore, to: &out)
        out.member("publicKey", of: &object)
        write(certificate.publicKey, to: &out, indent: indent + 2)
        out.member("serialNumber", certificate.serialNumber, of: &object)
        out.member("sha256Fingerprint", certificate.sha256Fingerprint, of: &object)
        out.member("signature", of: &object)
        write(certificate.signature, to: &out, indent: indent + 2)
        out.member("subject", certificate.subject, of: &object)
        out.member("subjectAlternativeNames", of: &object)
        out.array(certificate.subjectAlternativeNames, indent: indent + 2) { out, name, _ in out.string(name) }
        out.end(object)
    }

    static func write(_ key: KeyFacts, to out: inout JSONOutput, indent: Int) {
        var object = out.beginObject(indent: indent)
        out.member("algorithm", key.algorithm.rawValue, of: &object)
        if let bits = key.bits {
            out.member("bits", of: &object)
            out.int(bits)
        }
        out.member("curve", key.curve, of: &object)
        if let explicit = key.explicitCurveParameters {
            out.member("explicitCurveParameters", of: &object)
            out.bool(explicit)
        }
        out.member("oid", key.oid, of: &object)
        out.end(object)
    }

    static func write(_ signature: SignatureAlgorithmFacts, to out: inout JSONOutput, indent: Int) {
        var object = out.beginObject(indent: indent)
        out.member("hash", signature.hash?.rawValue, of: &object)
        out.member("mgf1Hash", signature.mgf1Hash?.rawValue, of: &object)
        out.member("name", signature.name, of: &object)
        out.member("oid", signature.oid, of: &object)
        out.member("scheme", signature.scheme?.rawValue, of: &object)
        out.end(object)
    }

    static func write(_ protection: ProtectionAlgorithm, to out: inout JSONOutput, indent: Int) {
        var object = out.beginObject(indent: indent)
        out.member("hash", protection.hash?.rawValue, of: &object)
        out.member("identifier", protection.identifier, of: &object)
        if let iterations = protection.iterations {
            out.member("iterations", of: &object)
            out.int(iterations)
        }
        if let keyBits = protection.keyBits {
            out.member("keyBits", of: &object)
            out.int(keyBits)
        }
        out.member("primitive", protection.primitive.rawValue, of: &object)
        out.member("role", protection.role.rawValue, of: &object)
        out.end(object)
    }

    /// `YYYY-MM-DDTHH:MM:SSZ`, as the encoder's `.iso8601` strategy writes whole seconds
    /// (certificate times have no fraction), by arithmetic rather than a date formatter.
    static func date(_ date: Date, to out: inout JSONOutput) {
        let (year, month, day) = UTCCalendar.day(of: date)
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let ofDay = ((seconds % 86_400) + 86_400) % 86_400
        out.byte(0x22)
        digits(year, 4, to: &out)
        out.byte(0x2D)
        digits(month, 2, to: &out)
        out.byte(0x2D)
        digits(day, 2, to: &out)
        out.byte(0x54)
        digits(ofDay / 3600, 2, to: &out)
        out.byte(0x3A)
        digits(ofDay / 60 % 60, 2, to: &out)
        out.byte(0x3A)
        digits(ofDay % 60, 2, to: &out)
        out.byte(0x5A)
        out.byte(0x22)
    }

    /// `value` in decimal, zero-padded to `width` digits (a negative year keeps its sign).
    private static func digits(_ value: Int, _ width: Int, to out: inout JSONOutput) {
        if value < 0 { out.byte(0x2D) }
        out.decimal(value.magnitude, minimumDigits: width)
    }
}
