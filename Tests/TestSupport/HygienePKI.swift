import Foundation

public struct OpenSSLToolFailure: Error, CustomStringConvertible {
    public let description: String
}

/// A test CA in a temporary directory (removed when the value goes), leaves it issues with the
/// extensions a test asks for, and OCSP responses `openssl ocsp` makes for them.
public final class HygienePKI {
    public let directory: URL
    public let caCert: String
    public let caKey: String

    public init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("cryptcheck-hygiene-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        caCert = directory.appendingPathComponent("ca.pem").path
        caKey = directory.appendingPathComponent("ca.key").path
        try Self.openssl([
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", caKey, "-out", caCert,
            "-subj", "/CN=Hygiene Test CA", "-days", "30", "-addext", "basicConstraints=critical,CA:TRUE", "-addext",
            "keyUsage=critical,keyCertSign,cRLSign",
        ])
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    public static func openssl(_ arguments: [String], input: Data? = nil) throws {
        let result = try ToolRunner.run("/usr/bin/openssl", arguments, input: input)
        guard result.status == 0 else { throw OpenSSLToolFailure(description: "openssl \(arguments.first ?? ""): \(result.output)") }
    }

    /// A leaf for `localhost` issued by the CA with the extension lines of `extensions`
    /// (openssl x509v3 config syntax); an RSA key when `rsa`, else EC P-256.
    public func leaf(_ name: String, extensions: [String], rsa: Bool = false) throws -> (cert: String, key: String) {
        let base = directory.appendingPathComponent(name).path
        try (["[ext]", "basicConstraints=CA:FALSE"] + extensions).joined(separator: "\n").appending("\n")
            .write(toFile: base + ".cnf", atomically: true, encoding: .utf8)
        let algorithm = rsa ? ["-newkey", "rsa:2048"] : ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"]
        try Self.openssl(["req"] + algorithm + ["-nodes", "-keyout", base + ".key", "-out", base + ".csr", "-subj", "/CN=localhost"])
        try Self.openssl([
            "x509", "-req", "-in", base + ".csr", "-CA", caCert, "-CAkey", caKey, "-set_serial",
            String(UInt32.random(in: 1000...UInt32.max)),
            "-out", base + ".pem", "-days", "10", "-extfile", base + ".cnf", "-extensions", "ext",
        ])
        return (base + ".pem", base + ".key")
    }

    /// A DER OCSP response about `leaf` signed by the CA, valid one day from now: `revoked`
    /// says so (revoked yesterday).
    public func ocsp(for leaf: String, revoked: Bool = false) throws -> String {
        let serial = try ToolRunner.run("/usr/bin/openssl", ["x509", "-in", leaf, "-noout", "-serial"]).output
            .trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "serial=", with: "")
        let index = directory.appendingPathComponent("index-\(UUID().uuidString).txt").path
        let line =
            revoked
            ? "R\t300101000000Z\t200101000000Z\t\(serial)\tunknown\t/CN=localhost\n"
            : "V\t300101000000Z\t\t\(serial)\tunknown\t/CN=localhost\n"
        try line.write(toFile: index, atomically: true, encoding: .utf8)
        let output = index + ".der"
        try Self.openssl([
            "ocsp", "-index", index, "-rsigner", caCert, "-rkey", caKey, "-CA", caCert, "-issuer", caCert, "-cert", leaf, "-respout",
            output,
            "-ndays", "1",
        ])
        return output
    }

    /// A syntactically valid SignedCertificateTimestampList (RFC 6962 3.3) of one SCT from log
    /// ID 0x11…11. SYNTHETIC: its signature is 8 bytes of 0x5A, signed by no log.
    public static let syntheticSCTList = syntheticSCTList(logID: 0x11)

    /// The embedded-SCT extension line: the extension's value is an OCTET STRING holding the list.
    public static var embeddedSCTExtension: String {
        "1.3.6.1.4.1.11129.2.4.2=DER:04" + String(format: "%02X", syntheticSCTList.count)
            + syntheticSCTList.map { String(format: "%02X", $0) }.joined()
    }

    /// A serverinfo file for `openssl s_server -serverinfo`: extension 18 with the synthetic list.
    public func sctServerInfo() throws -> String {
        let data = [0, 18, UInt8(Self.syntheticSCTList.count >> 8), UInt8(Self.syntheticSCTList.count & 0xFF)] + Self.syntheticSCTList
        let path = directory.appendingPathComponent("sct.serverinfo").path
        try
            "-----BEGIN SERVERINFO FOR SIGNED CERTIFICATE TIMESTAMP-----\n\(Data(data).base64EncodedString(options: .lineLength64Characters))\n-----END SERVERINFO FOR SIGNED CERTIFICATE TIMESTAMP-----\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    public static let fullExtensions = [
        "keyUsage=critical,digitalSignature", "extendedKeyUsage=serverAuth", "subjectAltName=DNS:localhost,IP:127.0.0.1",
        "crlDistributionPoints=URI:http://crl.example.test/ca.crl",
        "authorityInfoAccess=OCSP;URI:http://ocsp.example.test,caIssuers;URI:http://ca.example.test/ca.cer",
    ]
}
