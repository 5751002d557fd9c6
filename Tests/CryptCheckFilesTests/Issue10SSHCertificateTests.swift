import CryptCheckModel
import CryptCheckX509
import Foundation
import Testing

@testable import CryptCheckFiles
@testable import CryptCheckPolicy

/// Issue 10 item 15: OpenSSH certificates are read (certified key, CA key, signature,
/// validity, serial, role, key id, principals) and judged; hostile blobs cost bounded work.
@Suite("OpenSSH certificates")
struct Issue10SSHCertificateTests {
    static let catalog: ListCatalog = try! ListCatalog.builtIn()

    func item(_ file: String) throws -> FileItem {
        guard case .parsed(let items, let errors) = Fixtures.parse(file) else {
            throw FormatError(.unknown, "\(file) was not recognised as cryptographic material")
        }
        #expect(errors.isEmpty, "\(errors)")
        return try #require(items.first)
    }

    func findings(_ file: String, asOf: String = "2026-11-30") throws -> [Finding] {
        guard case .ciphers(let list) = try! Self.catalog.document(named: "LS-0001-2022R2", asOf: .distantFuture)! else {
            throw FormatError(.unknown, "no list")
        }
        let policy = Policy(
            list: list, strength: try! Self.catalog.strengthRequirements.first, guideline: try! Self.catalog.guidelines.first,
            asOf: PolicySelection.parseDay(asOf)!, targetProfile: "recommended")
        guard case .parsed(let items, let errors) = Fixtures.parse(file) else { throw FormatError(.unknown, "not parsed") }
        return Judge(policy: policy).fileFindings(FileObservation(path: file, items: items, errors: errors.map(\.message)))
    }

    func finding(_ findings: [Finding], _ component: FindingComponent) throws -> Finding {
        try #require(findings.first { $0.component == component }, "\(component) in \(findings.map(\.component))")
    }

    @Test func readsEveryField() throws {
        let item = try item("ssh-certs/rsa-sha1-user-cert.pub")
        #expect(item.kind == .sshCertificate && item.format == "OpenSSH")
        #expect(item.key == KeyFacts(algorithm: .rsa, bits: 2048))
        let certificate = try #require(item.sshCertificate)
        #expect(certificate.certificateType == "ssh-rsa-cert-v01@openssh.com")
        #expect(certificate.role == "user" && certificate.serial == 42 && certificate.keyID == "alice@example.test")
        #expect(certificate.principals == ["alice", "deploy"] && certificate.principalCount == 2)
        #expect(certificate.validAfter == ISO8601DateFormatter().date(from: "2025-01-01T00:00:00Z"))
        #expect(certificate.validBefore == ISO8601DateFormatter().date(from: "2035-01-01T00:00:00Z"))
        #expect(certificate.caKey == KeyFacts(algorithm: .rsa, bits: 3072))
        #expect(certificate.caFingerprint.hasPrefix("SHA256:") && certificate.caFingerprint.count == 7 + 43)
        #expect(certificate.signature.name == "ssh-rsa" && certificate.signature.hash == "sha-1")
        #expect(certificate.extensions.contains("permit-pty"))

        let host = try #require(try self.item("ssh-certs/ecdsa-host-cert.pub").sshCertificate)
        #expect(host.role == "host" && host.validAfter == nil && host.validBefore == nil)
        #expect(host.caKey.algorithm == .ed25519 && host.signature.scheme == "eddsa")
    }

    /// The CA fingerprint is the one ssh-keygen prints, when ssh-keygen is there to ask.
    @Test func caFingerprintMatchesSSHKeygen() throws {
        let file = Fixtures.root.appendingPathComponent("ssh-certs/rsa-sha512-user-cert.pub").path
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/ssh-keygen") else { return }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/ssh-keygen")
        process.arguments = ["-L", "-f", file]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let certificate = try #require(try item("ssh-certs/rsa-sha512-user-cert.pub").sshCertificate)
        #expect(output.contains("Signing CA: RSA \(certificate.caFingerprint) (using rsa-sha2-512)"), "\(output)")
    }

    @Test func sha1SignatureIsAViolationAndSHA512Passes() throws {
        let sha1 = try finding(try findings("ssh-certs/rsa-sha1-user-cert.pub"), .sshCertificateSignature)
        #expect(sha1.verdict == .violation)
        let sha512 = try findings("ssh-certs/rsa-sha512-user-cert.pub")
        #expect(try finding(sha512, .sshCertificateSignature).verdict == .pass)
        #expect(try finding(sha512, .sshCertificateKey).verdict == .pass)
        #expect(try finding(sha512, .sshCertificateCAKey).verdict == .pass)
        #expect(!sha512.contains { $0.verdict == .indeterminate })
    }

    @Test func expiryIsJudged() throws {
        let expired = try finding(try findings("ssh-certs/expired-cert.pub"), .sshCertificateValidity)
        #expect(expired.verdict == .violation && expired.message.contains("expired on 2021-01-01"))
        let forever = try finding(try findings("ssh-certs/ecdsa-host-cert.pub"), .sshCertificateValidity)
        #expect(forever.verdict == .pass && forever.item.contains("forever"))
        let early = try finding(try findings("ssh-certs/ed25519-user-cert.pub", asOf: "2024-06-01"), .sshCertificateValidity)
        #expect(early.verdict == .violation)
    }

    // MARK: byte level

    /// An SSH wire-format certificate with the given fields (defaults: a valid Ed25519 one).
    static func blob(
        type: String = "ssh-ed25519-cert-v01@openssh.com", principals: [[UInt8]] = [Array("root".utf8)],
        keyID: [UInt8] = Array("id".utf8), validBefore: UInt64 = .max,
        signatureType: String = "ssh-ed25519", principalsLength: UInt32? = nil
    ) -> [UInt8] {
        func string(_ bytes: [UInt8]) -> [UInt8] { uint32(UInt32(bytes.count)) + bytes }
        func uint32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (24 - 8 * $0)) } }
        func uint64(_ value: UInt64) -> [UInt8] { uint32(UInt32(value >> 32)) + uint32(UInt32(truncatingIfNeeded: value)) }
        let caKey = string(Array("ssh-ed25519".utf8)) + string([UInt8](repeating: 7, count: 32))
        let principalList = principals.flatMap { string($0) }
        var out = string(Array(type.utf8)) + string([UInt8](repeating: 1, count: 32))  // nonce
        out += string([UInt8](repeating: 2, count: 32))  // the certified Ed25519 key
        out += uint64(1) + uint32(1) + string(keyID)
        out += principalsLength.map { uint32($0) + principalList } ?? string(principalList)
        out += uint64(0) + uint64(validBefore) + string([]) + string([]) + string([]) + string(caKey)
        out += string(string(Array(signatureType.utf8)) + string([UInt8](repeating: 9, count: 64)))
        return out
    }

    @Test func syntheticBlobIsRead() throws {
        let (key, certificate) = try SSHCertificateReader.read(Self.blob())
        #expect(key.algorithm == .ed25519 && certificate.principals == ["root"] && certificate.validBefore == nil)
    }

    @Test func everyTruncationFailsCleanly() {
        let blob = Self.blob()
        for length in 0..<blob.count {
            #expect(throws: (any Error).self) { try SSHCertificateReader.read(Array(blob.prefix(length))) }
        }
    }

    @Test func hostileLengthsAreRefused() {
        #expect(throws: (any Error).self) { try SSHCertificateReader.read(Self.blob(principalsLength: .max)) }
        #expect(throws: (any Error).self) { try SSHCertificateReader.read(Self.blob(principalsLength: 0x8000_0000)) }
        #expect(throws: (any Error).self) { try SSHCertificateReader.read(Self.blob(type: "ssh-foo-cert-v01@openssh.com")) }
    }

    @Test func manyPrincipalsAreCountedNotAllKept() throws {
        let many = Array(repeating: [UInt8](), count: 100_000)
        let (_, certificate) = try SSHCertificateReader.read(Self.blob(principals: many))
        #expect(certificate.principalCount == 100_000 && certificate.principals.count == SSHCertificateFacts.principalLimit)
    }

    @Test func principalsAndKeyIDAreEscaped() throws {
        let (_, certificate) = try SSHCertificateReader.read(
            Self.blob(
                principals: [[0x1B, 0x5B, 0x33, 0x31, 0x6D, 0x61], [0xFF, 0x5C]], keyID: [0x69, 0x0A, 0x64, 0xE2, 0x80, 0xAE]))
        #expect(certificate.principals == ["\\x1B[31ma", "\\xFF\\\\"])
        #expect(certificate.keyID == "i\\x0Ad\\u{202E}")
    }

    @Test func mismatchedSignatureIsIndeterminate() throws {
        let (key, certificate) = try SSHCertificateReader.read(Self.blob(signatureType: "rsa-sha2-256"))
        guard case .ciphers(let list) = try! Self.catalog.document(named: "LS-0001-2022R2", asOf: .distantFuture)! else { return }
        let policy = Policy(
            list: list, strength: try! Self.catalog.strengthRequirements.first, guideline: try! Self.catalog.guidelines.first,
            asOf: PolicySelection.parseDay("2026-11-30")!, targetProfile: "recommended")
        let findings = Judge(policy: policy).sshCertificateFindings(certificate, key: key, subject: "x", context: "y")
        #expect(findings.first { $0.component == .sshCertificateSignature }?.verdict == .indeterminate)
        let unknown = try SSHCertificateReader.read(Self.blob(signatureType: "ssh-foo"))
        let unknownFindings = Judge(policy: policy).sshCertificateFindings(
            unknown.certificate, key: unknown.key, subject: "x", context: "y")
        #expect(unknownFindings.first { $0.component == .sshCertificateSignature }?.verdict == .indeterminate)
    }

    /// A `-cert.pub` line whose blob names its own type but is broken is a broken file, not
    /// "no cryptographic material".
    @Test func brokenCertificateLineIsAnError() {
        let blob = Self.blob()
        let encoded = Data(blob.prefix(blob.count - 20)).base64EncodedString()
        let line = Array("ssh-ed25519-cert-v01@openssh.com \(encoded) user@host\n".utf8)
        guard case .parsed(let items, let errors) = FileParser.parse(line, fileName: "id-cert.pub", options: ParseOptions()) else {
            Issue.record("not recognised")
            return
        }
        #expect(items.isEmpty && errors.count == 1)
    }
}
