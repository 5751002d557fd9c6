import CryptCheckModel
import Foundation
import Testing

@testable import CryptCheckPolicy

/// Issue 16 item 1: each SSH algorithm class judged under both list editions (LS-0001-2022R2 and
/// LS-0001-2012R8), and what is not observed or not known is indeterminate, never a pass.
@Suite("SSH endpoint rules")
struct SSHEndpointRuleTests {
    static let editions = ["LS-0001-2022R2", "LS-0001-2012R8"]

    /// An endpoint that accepted `accepted` (category, name) offered alone, with a completed
    /// key exchange (ecdh-sha2-nistp256) unless `accepted` names key exchanges.
    static func endpoint(
        _ accepted: [(SSHAlgorithmCategory, String)], refused: [(SSHAlgorithmCategory, String)] = []
    ) -> SSHEndpointObservation {
        var endpoint = SSHEndpointObservation(host: "ssh.example", port: 22, outcome: SSHEndpointOutcome(kind: .kexInit))
        endpoint.identification = "SSH-2.0-OpenSSH_9.2p1"
        endpoint.kexInit = SSHKexInitFacts(
            kexAlgorithms: ["ecdh-sha2-nistp256"], hostKeyAlgorithms: [], ciphersClientToServer: [], ciphersServerToClient: [],
            macsClientToServer: [], macsServerToClient: [], compressionClientToServer: [], compressionServerToClient: [])
        var all = accepted
        if !accepted.contains(where: { $0.0 == .keyExchange }) { all.insert((.keyExchange, "ecdh-sha2-nistp256"), at: 0) }
        endpoint.algorithms = all.map { SSHAlgorithmSupport(category: $0.0, name: $0.1, accepted: .yes) }
        endpoint.algorithms += refused.map { SSHAlgorithmSupport(category: $0.0, name: $0.1, accepted: .no) }
        return endpoint
    }

    /// The verdict of the finding about `item` (the only one of its component and item).
    static func verdict(_ item: String, _ component: FindingComponent, in findings: [Finding]) throws -> Verdict {
        let matching = findings.filter { $0.item == item && $0.component == component }
        try #require(matching.count == 1, "\(item): \(findings.map { "\($0.component.rawValue) \($0.item)" })")
        return matching[0].verdict
    }

    static func findings(_ endpoint: SSHEndpointObservation, _ list: String) -> [Finding] {
        Lists.judge(list).sshEndpointFindings(endpoint)
    }

    @Test(arguments: editions) func keyExchanges(list: String) throws {
        let findings = Self.findings(
            Self.endpoint([
                (.keyExchange, "ecdh-sha2-nistp256"), (.keyExchange, "diffie-hellman-group1-sha1"),
                (.keyExchange, "diffie-hellman-group14-sha1"), (.keyExchange, "diffie-hellman-group16-sha512"),
                (.keyExchange, "sntrup761x25519-sha512"),
            ]), list)
        #expect(try Self.verdict("ecdh-sha2-nistp256", .sshKeyExchange, in: findings) == .pass)
        // 1024-bit group and SHA-1: never acceptable.
        let group1 = try #require(findings.first { $0.item == "diffie-hellman-group1-sha1" })
        #expect(group1.verdict == .violation)
        #expect(group1.strength?.size == 1024)
        #expect(group1.primitives.map(\.primitive).contains("sha-1"))
        #expect(try Self.verdict("diffie-hellman-group14-sha1", .sshKeyExchange, in: findings) == .violation)
        #expect(try Self.verdict("diffie-hellman-group16-sha512", .sshKeyExchange, in: findings) == .pass)
        // Streamlined NTRU Prime is on neither edition.
        let hybrid = try #require(findings.first { $0.item == "sntrup761x25519-sha512" })
        #expect(hybrid.verdict == .violation)
        #expect(hybrid.primitives.contains { $0.primitive == "sntrup761" && $0.status == .notListed })
    }

    @Test func mlKEMHybridDependsOnTheEdition() throws {
        let endpoint = Self.endpoint([(.keyExchange, "mlkem768nistp256-sha256")])
        let r2 = try #require(Self.findings(endpoint, "LS-0001-2022R2").first { $0.item == "mlkem768nistp256-sha256" })
        let r8 = try #require(Self.findings(endpoint, "LS-0001-2012R8").first { $0.item == "mlkem768nistp256-sha256" })
        #expect(r2.primitives.contains { $0.primitive == "ml-kem-768" && $0.status == .recommended })
        #expect(r2.verdict == .pass)
        // ML-KEM is not on the 2012 edition.
        #expect(r8.primitives.contains { $0.primitive == "ml-kem-768" && $0.status == .notListed })
        #expect(r8.verdict == .violation)
    }

    @Test(arguments: editions) func ciphers(list: String) throws {
        let findings = Self.findings(
            Self.endpoint([
                (.cipher, "aes128-ctr"), (.cipher, "aes256-gcm@openssh.com"), (.cipher, "arcfour"), (.cipher, "none"),
                (.cipher, "blowfish-cbc"),
            ]), list)
        #expect(try Self.verdict("aes128-ctr", .sshCipher, in: findings) == .pass)
        #expect(try Self.verdict("aes256-gcm@openssh.com", .sshCipher, in: findings) == .pass)
        #expect(try Self.verdict("arcfour", .sshCipher, in: findings) == .violation)
        #expect(try Self.verdict("blowfish-cbc", .sshCipher, in: findings) == .violation)
        let none = try #require(findings.first { $0.item == "none" && $0.component == .sshCipher })
        #expect(none.verdict == .violation)
        #expect(none.severity == .critical)
    }

    @Test func tripleDESDependsOnTheEdition() throws {
        let endpoint = Self.endpoint([(.cipher, "3des-cbc")])
        let r2 = try #require(Self.findings(endpoint, "LS-0001-2022R2").first { $0.item == "3des-cbc" })
        let r8 = try #require(Self.findings(endpoint, "LS-0001-2012R8").first { $0.item == "3des-cbc" })
        #expect(r2.primitives.first?.status == .monitored)
        #expect(r2.verdict == .violation)
        #expect(r8.primitives.first?.status == .recommended)
    }

    @Test(arguments: editions) func macs(list: String) throws {
        let findings = Self.findings(
            Self.endpoint([
                (.cipher, "aes128-ctr"), (.mac, "hmac-sha2-256"), (.mac, "hmac-sha2-512-etm@openssh.com"), (.mac, "hmac-md5"),
                (.mac, "none"),
            ]), list)
        #expect(try Self.verdict("hmac-sha2-256", .sshMAC, in: findings) == .pass)
        #expect(try Self.verdict("hmac-sha2-512-etm@openssh.com", .sshMAC, in: findings) == .pass)
        #expect(try Self.verdict("hmac-md5", .sshMAC, in: findings) == .violation)
        // HMAC-SHA-1: SHA-1 is Monitored; no collision-strength level is claimed for a MAC.
        let sha1 = try #require(Self.findings(Self.endpoint([(.mac, "hmac-sha1")]), list).first { $0.item == "hmac-sha1" })
        #expect(sha1.strength == nil)
        #expect(sha1.primitives.contains { $0.primitive == "sha-1" && $0.role == .macHash })
        let none = try #require(findings.first { $0.item == "none" && $0.component == .sshMAC })
        #expect(none.verdict == .violation)
        #expect(none.severity == .critical)
    }

    @Test func hostKeyAlgorithms() throws {
        let endpoint = Self.endpoint([
            (.hostKey, "rsa-sha2-256"), (.hostKey, "ssh-rsa"), (.hostKey, "ssh-ed25519"), (.hostKey, "ecdsa-sha2-nistp256"),
            (.hostKey, "ssh-dss"),
        ])
        for list in Self.editions {
            let findings = Self.findings(endpoint, list)
            #expect(try Self.verdict("rsa-sha2-256", .sshHostKeyAlgorithm, in: findings) == .pass)
            #expect(try Self.verdict("ecdsa-sha2-nistp256", .sshHostKeyAlgorithm, in: findings) == .pass)
            // SHA-1 signatures.
            #expect(try Self.verdict("ssh-rsa", .sshHostKeyAlgorithm, in: findings) == .violation)
            #expect(try Self.verdict("ssh-dss", .sshHostKeyAlgorithm, in: findings) == .violation)
        }
        // EdDSA is e-Government Recommended in the 2022 edition, only a Candidate in the 2012 one.
        let r2 = try #require(Self.findings(endpoint, "LS-0001-2022R2").first { $0.item == "ssh-ed25519" })
        let r8 = try #require(Self.findings(endpoint, "LS-0001-2012R8").first { $0.item == "ssh-ed25519" })
        #expect(r2.verdict == .pass && r2.listStatus == .recommended)
        #expect(r8.verdict == .pass && r8.listStatus == .candidate && r8.severity == .low)
    }

    @Test(arguments: editions) func hostKeysByLS0003(list: String) throws {
        var endpoint = Self.endpoint([(.hostKey, "rsa-sha2-256"), (.hostKey, "rsa-sha2-512"), (.hostKey, "ecdsa-sha2-nistp256")])
        func key(_ algorithm: String, _ facts: KeyFacts, _ fingerprint: String) -> SSHHostKeyFacts {
            var hostKey = SSHHostKeyFacts(algorithm: algorithm)
            hostKey.key = facts
            hostKey.fingerprint = fingerprint
            hostKey.signatureVerified = true
            return hostKey
        }
        endpoint.hostKeys = [
            key("rsa-sha2-256", KeyFacts(algorithm: .rsa, bits: 1024), "SHA256:small"),
            key("rsa-sha2-512", KeyFacts(algorithm: .rsa, bits: 1024), "SHA256:small"),
            key("ecdsa-sha2-nistp256", KeyFacts(algorithm: .ec, curve: "secp256r1"), "SHA256:p256"),
        ]
        let findings = Self.findings(endpoint, list).filter { $0.component == .sshHostKey }
        // One key shown for two algorithms is judged once.
        #expect(findings.count == 2)
        let rsa = try #require(findings.first { $0.context?.hasPrefix("SHA256:small") == true })
        #expect(rsa.verdict == .violation)
        #expect(rsa.strength?.status == .notAcceptable)
        #expect(rsa.context == "SHA256:small (rsa-sha2-256, rsa-sha2-512)")
        #expect(findings.first { $0.context?.hasPrefix("SHA256:p256") == true }?.verdict == .pass)
    }

    /// A host certificate at an endpoint: the certified key, the CA key (LS-0003), the CA's
    /// signature (its hash) and the validity on the as-of day, under both editions; a weak CA
    /// (RSA-1024, `ssh-rsa` = SHA-1, expired) against a sound one (Ed25519, never expires).
    @Test func aKeyShownPlainAndInACertificateIsJudgedBothWays() throws {
        // sshd offers ssh-ed25519 and ssh-ed25519-cert-v01 with the same key: the certificate's
        // weak CA key must be judged, not hidden behind the plain key's finding.
        var endpoint = Self.endpoint([(.hostKey, "ssh-ed25519"), (.hostKey, "ssh-ed25519-cert-v01@openssh.com")])
        let key = KeyFacts(algorithm: .ed25519, bits: 253, curve: "ed25519")
        var plain = SSHHostKeyFacts(algorithm: "ssh-ed25519")
        plain.keyType = "ssh-ed25519"
        plain.key = key
        plain.fingerprint = "SHA256:same"
        plain.signatureVerified = true
        var certified = plain
        certified.algorithm = "ssh-ed25519-cert-v01@openssh.com"
        certified.keyType = certified.algorithm
        certified.certificate = SSHCertificateFacts(
            certificateType: certified.algorithm, role: "host", serial: 1, keyID: "host", principals: ["ssh.example"],
            principalCount: 1, validAfter: nil, validBefore: nil, criticalOptions: [], extensions: [],
            caKey: KeyFacts(algorithm: .rsa, bits: 1024), caFingerprint: "SHA256:ca",
            signature: SignatureAlgorithmFacts(oid: "ssh-rsa", name: "ssh-rsa", scheme: "rsassa-pkcs1-v1_5", hash: "sha-1"))
        endpoint.hostKeys = [plain, certified]
        let findings = Self.findings(endpoint, "LS-0001-2022R2")
        #expect(findings.filter { $0.component == .sshHostKey }.count == 1)
        let caKey = try #require(findings.first { $0.component == .sshCertificateCAKey })
        #expect(caKey.verdict == .violation)
        #expect(findings.contains { $0.component == .sshCertificateSignature })
    }

    @Test(arguments: editions) func hostCertificates(list: String) throws {
        func certified(
            caKey: KeyFacts, signature: SignatureAlgorithmFacts, validBefore: Date?, fingerprint: String
        ) -> SSHEndpointObservation {
            var endpoint = Self.endpoint([(.hostKey, "ssh-ed25519-cert-v01@openssh.com")])
            var hostKey = SSHHostKeyFacts(algorithm: "ssh-ed25519-cert-v01@openssh.com")
            hostKey.keyType = "ssh-ed25519-cert-v01@openssh.com"
            hostKey.key = KeyFacts(algorithm: .ed25519, bits: 253, curve: "ed25519")
            hostKey.fingerprint = fingerprint
            hostKey.signatureVerified = true
            hostKey.certificate = SSHCertificateFacts(
                certificateType: "ssh-ed25519-cert-v01@openssh.com", role: "host", serial: 1, keyID: "host", principals: ["ssh.example"],
                principalCount: 1, validAfter: nil, validBefore: validBefore, criticalOptions: [], extensions: [], caKey: caKey,
                caFingerprint: "SHA256:ca-\(fingerprint)", signature: signature)
            endpoint.hostKeys = [hostKey]
            return endpoint
        }
        func verdicts(_ endpoint: SSHEndpointObservation) throws -> [FindingComponent: Finding] {
            let findings = Self.findings(endpoint, list).filter {
                [.sshCertificateKey, .sshCertificateCAKey, .sshCertificateSignature, .sshCertificateValidity].contains($0.component)
            }
            try #require(findings.count == 4, "\(findings.map { "\($0.component.rawValue) \($0.item)" })")
            return Dictionary(findings.map { ($0.component, $0) }, uniquingKeysWith: { first, _ in first })
        }
        let weak = try verdicts(
            certified(
                caKey: KeyFacts(algorithm: .rsa, bits: 1024),
                signature: SignatureAlgorithmFacts(oid: "ssh-rsa", name: "ssh-rsa", scheme: "rsassa-pkcs1-v1_5", hash: "sha-1"),
                validBefore: Lists.day("2026-01-01"),
                fingerprint: "weak"))
        let sound = try verdicts(
            certified(
                caKey: KeyFacts(algorithm: .ed25519, bits: 253, curve: "ed25519"),
                signature: SignatureAlgorithmFacts(oid: "ssh-ed25519", name: "ssh-ed25519", scheme: "eddsa", hash: nil),
                validBefore: nil,
                fingerprint: "sound"))
        // The certified key is the same Ed25519 key in both: recommended in 2022, a candidate in 2012.
        for judged in [weak, sound] {
            let key = try #require(judged[.sshCertificateKey])
            #expect(key.verdict == .pass)
            #expect(key.listStatus == (list == "LS-0001-2022R2" ? .recommended : .candidate))
        }
        #expect(weak[.sshCertificateCAKey]?.verdict == .violation)
        #expect(weak[.sshCertificateCAKey]?.strength?.status == .notAcceptable)
        #expect(weak[.sshCertificateSignature]?.verdict == .violation)
        #expect(weak[.sshCertificateSignature]?.primitives.contains { $0.primitive == "sha-1" } == true)
        #expect(weak[.sshCertificateValidity]?.verdict == .violation)
        #expect(weak[.sshCertificateValidity]?.message.contains("expired on 2026-01-01") == true)
        #expect(sound[.sshCertificateCAKey]?.verdict == .pass)
        #expect(sound[.sshCertificateSignature]?.verdict == .pass)
        #expect(sound[.sshCertificateValidity]?.verdict == .pass)
        #expect(sound[.sshCertificateCAKey]?.context == "sound (ssh-ed25519-cert-v01@openssh.com) CA SHA256:ca-sound")
    }

    @Test func aHostKeyWhoseSignatureDidNotVerifyIsIndeterminate() throws {
        var endpoint = Self.endpoint([(.hostKey, "rsa-sha2-256")])
        var hostKey = SSHHostKeyFacts(algorithm: "rsa-sha2-256")
        hostKey.key = KeyFacts(algorithm: .rsa, bits: 3072)
        hostKey.fingerprint = "SHA256:x"
        hostKey.signatureVerified = false
        endpoint.hostKeys = [hostKey]
        let finding = try #require(Self.findings(endpoint, "LS-0001-2022R2").first { $0.component == .sshHostKey })
        #expect(finding.verdict == .indeterminate)
    }

    @Test(arguments: editions) func groupExchangePrimes(list: String) throws {
        var endpoint = Self.endpoint([(.keyExchange, "diffie-hellman-group-exchange-sha256")])
        func group(_ bits: Int?) -> SSHGroupExchangeFacts {
            var facts = SSHGroupExchangeFacts(
                keyExchange: "diffie-hellman-group-exchange-sha256", minimum: 1024, preferred: 2048, maximum: 8192)
            facts.primeBits = bits
            if bits == nil { facts.failure = "timed out" }
            return facts
        }
        var refused = group(nil)
        refused.failure = "the server closed the connection on the request"
        refused.failureCode = .sshWireClosed
        endpoint.groupExchange = [refused, group(1024), group(2048), group(2048), group(nil)]
        let findings = Self.findings(endpoint, list).filter { $0.component == .sshGroupExchange }
        #expect(findings.map(\.verdict) == [.violation, .pass, .indeterminate])
        // The method itself carries no size: its primes are judged one by one.
        let method = try #require(Self.findings(endpoint, list).first { $0.item == "diffie-hellman-group-exchange-sha256" })
        #expect(method.strength == nil || method.strength?.family == .hash)
    }

    @Test func compressionIsReportedNotJudged() throws {
        let findings = Self.findings(Self.endpoint([(.compression, "none"), (.compression, "zlib@openssh.com")]), "LS-0001-2022R2")
        #expect(findings.filter { $0.component == .sshCompression }.map(\.verdict) == [.notApplicable, .notApplicable])
    }

    @Test(arguments: editions) func unknownOrUndeterminedNeverPasses(list: String) throws {
        var endpoint = Self.endpoint([(.cipher, "future-cipher@example.com")])
        endpoint.algorithms.append(
            SSHAlgorithmSupport(category: .mac, name: "hmac-sha2-256", accepted: .failed(reason: "timed out", code: .connectionTimeout)))
        let findings = Self.findings(endpoint, list)
        let unknown = try #require(findings.first { $0.item == "future-cipher@example.com" })
        #expect(unknown.verdict == .indeterminate)
        let failed = try #require(findings.first { $0.item == "hmac-sha2-256" })
        #expect(failed.verdict == .indeterminate)
        #expect(failed.errorCode == .connectionTimeout)
    }

    @Test func refusedAlgorithmsGiveNoFinding() {
        let findings = Self.findings(Self.endpoint([], refused: [(.cipher, "3des-cbc"), (.mac, "hmac-md5")]), "LS-0001-2022R2")
        #expect(!findings.contains { $0.item == "3des-cbc" || $0.item == "hmac-md5" })
    }

    @Test func anEndpointWithoutAKeyExchangeIsIndeterminate() throws {
        let unreachable = SSHEndpointObservation(
            host: "ssh.example", port: 2222,
            outcome: SSHEndpointOutcome(kind: .unreachable, detail: "connection refused", code: .connectionRefused))
        let findings = Self.findings(unreachable, "LS-0001-2022R2")
        #expect(findings.count == 1)
        #expect(findings[0].verdict == .indeterminate)
        #expect(findings[0].subject == "ssh://ssh.example:2222")
        #expect(findings[0].errorCode == .connectionRefused)
        #expect(findings[0].message.hasPrefix("no SSH key exchange: the endpoint could not be reached"))
        // KEXINIT read, but no key exchange completed: nothing it accepts was observed.
        var listsOnly = Self.endpoint([])
        listsOnly.algorithms = [SSHAlgorithmSupport(category: .keyExchange, name: "ecdh-sha2-nistp256", accepted: .no)]
        let none = Self.findings(listsOnly, "LS-0001-2022R2")
        #expect(none.contains { $0.component == .endpoint && $0.verdict == .indeterminate })
    }

    @Test func aCutShortEnumerationIsIndeterminateWithItsCode() throws {
        var endpoint = Self.endpoint([(.cipher, "aes128-ctr")])
        endpoint.failures = ["the endpoint's time budget (120 seconds) ran out"]
        endpoint.failureCodes = [.connectionBudgetExhausted]
        let finding = try #require(Self.findings(endpoint, "LS-0001-2022R2").first { $0.component == .probe })
        #expect(finding.verdict == .indeterminate)
        #expect(finding.errorCode == .connectionBudgetExhausted)
    }

    @Test func theEvaluatorJudgesSSHEndpointsAndTheSetRoundTrips() throws {
        let endpoint = Self.endpoint([(.cipher, "aes128-ctr")])
        let set = ObservationSet(tool: "test", observedAt: Date(timeIntervalSince1970: 0), sshEndpoints: [endpoint])
        let evaluation = Evaluator.evaluate(set, policies: [Lists.policy("LS-0001-2022R2")])
        #expect(evaluation.findings.contains { $0.subject == "ssh://ssh.example:22" && $0.component == .sshCipher })
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        #expect(try decoder.decode(ObservationSet.self, from: encoder.encode(set)) == set)
        // A set without SSH endpoints has no member for them, and one without the member reads as none.
        let plain = ObservationSet(tool: "test", observedAt: Date(timeIntervalSince1970: 0))
        let json = String(decoding: try encoder.encode(plain), as: UTF8.self)
        #expect(!json.contains("sshEndpoints"))
        #expect(try decoder.decode(ObservationSet.self, from: Data(json.utf8)).sshEndpoints.isEmpty)
    }
}
