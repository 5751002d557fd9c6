import CryptCheckModel
import CryptCheckPolicy
import CryptCheckReport
import Foundation
import TestSupport
import Testing

@Suite("Command line")
struct CLITests {
    static func day(_ text: String) -> Date { PolicySelection.parseDay(text)! }

    static let mixed = ObservationSet(
        tool: "test", observedAt: day("2026-11-01"),
        endpoints: [
            TLSEndpointObservation(
                host: "127.0.0.1", port: 8443,
                versions: ProtocolVersion.all.map { VersionSupport(version: $0, status: [.tlsv1_0, .tlsv1_2].contains($0) ? .yes : .no) },
                cipherSuites: [
                    SuiteEnumeration(version: .tlsv1_0, accepted: [CipherSuite(0x002F)]),
                    SuiteEnumeration(version: .tlsv1_2, accepted: [CipherSuite(0xC02F), CipherSuite(0x000A)], preference: .server),
                ],
                groups: GroupEnumeration(accepted: [NamedGroup(0x0017), NamedGroup(0x001D)]),
                dhParameters: [DHParameterFacts(primeBits: 1024)],
                signatureSchemes: [SchemeEnumeration(accepted: [SignatureScheme(0x0401), SignatureScheme(0x0201)])],
                certificateChains: [
                    CertificateChain(
                        certificates: [
                            CertificateFacts(
                                subject: "CN=localhost", issuer: "CN=Demo CA", notBefore: day("2025-01-01"), notAfter: day("2027-01-01"),
                                publicKey: KeyFacts(algorithm: .rsa, bits: 2048),
                                signature: SignatureAlgorithmFacts(
                                    oid: "1.2.840.113549.1.1.11", name: "sha256WithRSAEncryption",
                                    scheme: "rsassa-pkcs1-v1_5", hash: "sha-256"),
                                sha256Fingerprint: String(repeating: "0f", count: 32))
                        ], trusted: true, hostnameMatches: true)
                ],
                features: [FeatureSupport(feature: .compression, status: .no)])
        ],
        files: [
            FileObservation(
                path: "/srv/keys/legacy.key",
                items: [
                    FileItem(
                        kind: .privateKey, format: "PEM",
                        key: KeyFacts(algorithm: .rsa, bits: 1024))
                ])
        ])

    static let clean = ObservationSet(
        tool: "test", observedAt: day("2026-11-01"),
        files: [
            FileObservation(
                path: "/srv/keys/good.key",
                items: [
                    FileItem(
                        kind: .privateKey, format: "PEM",
                        key: KeyFacts(algorithm: .ec, bits: 384, curve: "secp384r1"))
                ])
        ])

    func write(_ set: ObservationSet, to directory: URL, name: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try JSONRenderer.render(set).write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test func evaluateOfASavedFileMatchesInProcessJudgement() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try write(Self.mixed, to: directory, name: "obs.json")
        let result = try CLI.run(["evaluate", path, "--format", "json", "--as-of", "2026-11-30", "--list", "LS-0001-2012"])
        #expect(result.status == 1)
        let report = try JSONRenderer.decoder().decode(Report.self, from: Data(result.stdout.utf8))
        #expect(report.schema == Report.currentSchema)
        let fromCLI = report.evaluation
        var catalog = try ListCatalog.builtIn()
        let selected = try PolicySelection.resolve(["LS-0001-2012"], into: &catalog, asOf: Self.day("2026-11-30"))
        let policies = try PolicySelection.policies(selected: selected, catalog: catalog, asOf: Self.day("2026-11-30"))
        let inProcess = Evaluator.evaluate(Self.mixed, policies: policies)
        #expect(fromCLI.findings == inProcess.findings)
        #expect(fromCLI.profiles == inProcess.profiles)
        #expect(fromCLI == inProcess)
        #expect(inProcess.findings.contains { $0.item.contains("TLS_RSA_WITH_3DES_EDE_CBC_SHA") && $0.verdict == .violation })
    }

    @Test func exitCodesTellTheTruth() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let clean = try write(Self.clean, to: directory, name: "clean.json")
        let mixed = try write(Self.mixed, to: directory, name: "mixed.json")
        #expect(try CLI.run(["evaluate", clean, "--as-of", "2026-11-30"]).status == 0)
        #expect(try CLI.run(["evaluate", mixed, "--as-of", "2026-11-30"]).status == 1)
        // The mixed sample's worst violations are high (1024-bit DH, RSA-1024, SHA-1): none is critical.
        #expect(try CLI.run(["evaluate", mixed, "--as-of", "2026-11-30", "--fail-on", "high"]).status == 1)
        #expect(try CLI.run(["evaluate", mixed, "--as-of", "2026-11-30", "--fail-on", "critical"]).status == 0)
        let broken = directory.appendingPathComponent("broken.json").path
        try "{\"schema\": \"cryptcheck-observations/1\", \"tool\": 3".write(toFile: broken, atomically: true, encoding: .utf8)
        let incomplete = try CLI.run(["evaluate", clean, broken, "--as-of", "2026-11-30"])
        #expect(incomplete.status == 2)
        #expect(incomplete.stderr.contains("broken.json"))
        #expect(incomplete.stdout.contains("/srv/keys/good.key"))
        #expect(try CLI.run(["evaluate", clean, "--as-of", "2026-02-30"]).status == 64)
        #expect(try CLI.run(["evaluate", clean, "--list", "LS-9999"]).status == 64)
        #expect(try CLI.run(["evaluate", clean, "--fail-on", "sometimes"]).status == 64)
    }

    @Test func failOnThresholdFiltersBySeverity() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let onlyMonitored = ObservationSet(
            tool: "t", observedAt: Self.day("2026-11-01"),
            endpoints: [
                TLSEndpointObservation(
                    host: "127.0.0.1", port: 1,
                    versions: ProtocolVersion.all.map { VersionSupport(version: $0, status: $0 == .tlsv1_2 ? .yes : .no) },
                    cipherSuites: [SuiteEnumeration(version: .tlsv1_2, accepted: [CipherSuite(0x009C)])],
                    signatureSchemes: [SchemeEnumeration(accepted: [])],
                    certificateChains: Self.mixed.endpoints[0].certificateChains,
                    features: [FeatureSupport(feature: .compression, status: .no)])
            ])
        let path = try write(onlyMonitored, to: directory, name: "m.json")
        #expect(try CLI.run(["evaluate", path, "--as-of", "2026-11-30", "--list", "LS-0001-2012"]).status == 1)
        #expect(try CLI.run(["evaluate", path, "--as-of", "2026-11-30", "--list", "LS-0001-2012", "--fail-on", "high"]).status == 0)
    }

    @Test func textOutputShowsVerdictsEvidenceAndFixes() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try write(Self.mixed, to: directory, name: "obs.json")
        let text = try CLI.run(["evaluate", path, "--as-of", "2026-11-30"]).stdout
        #expect(text.contains("LS-0001-2022R2"))
        #expect(text.contains("127.0.0.1:8443"))
        #expect(text.contains("TLS_RSA_WITH_3DES_EDE_CBC_SHA (0x000A)"))
        #expect(text.contains("evidence: unconfirmed"))
        #expect(text.contains("fix: "))
        #expect(text.contains("GL-3001 profiles"))
        #expect(text.contains("Summary:"))
    }

    @Test func userListFileIsUsedAndCitedByItsRevision() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let list = directory.appendingPathComponent("house.yaml").path
        try """
        schema: 1
        kind: ciphers-list
        id: HOUSE
        revision: HOUSE-1
        title: House list
        published: 2020-01-01
        source: test
        evidence: confirmed
        entries:
          - {technique: ECDH, primitive: ecdh, tier: recommended, category: key-exchange, evidence: confirmed}
          - {technique: RSASSA-PKCS1-v1_5, primitive: rsassa-pkcs1-v1_5, tier: recommended, category: signature, evidence: confirmed}
          - {technique: AES, primitive: aes, tier: monitored, category: block-cipher-128, evidence: confirmed}
          - {technique: GCM, primitive: gcm, tier: recommended, category: authenticated-encryption, evidence: confirmed}
        curves:
          - {curve: secp256r1, evidence: confirmed, derived: true, note: "P-256"}
        """.write(toFile: list, atomically: true, encoding: .utf8)
        let path = try write(Self.mixed, to: directory, name: "obs.json")
        let result = try CLI.run(["evaluate", path, "--list", list, "--format", "json", "--as-of", "2026-11-30"])
        let evaluation = try JSONRenderer.decoder().decode(Evaluation.self, from: Data(result.stdout.utf8))
        #expect(evaluation.lists.first?.revision == "HOUSE-1" && evaluation.lists.first?.origin == list)
        let suite = try #require(evaluation.findings.first { $0.item.contains("(0xC02F)") })
        #expect(suite.list == "HOUSE-1" && suite.listStatus == .monitored && suite.decidingPrimitive == "aes")
        let broken = directory.appendingPathComponent("broken.yaml").path
        try "schema: 1\nkind: ciphers-list\n".write(toFile: broken, atomically: true, encoding: .utf8)
        let failure = try CLI.run(["evaluate", path, "--list", broken])
        #expect(failure.status == 64 && failure.stderr.contains("broken.yaml:1:1: missing field 'id'"))
    }

    @Test func listsValidateReportsFileLineColumn() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let bad = directory.appendingPathComponent("bad.yaml").path
        try """
        schema: 1
        kind: ciphers-list
        id: X
        revision: X-1
        title: t
        published: 2024-13-01
        source: s
        evidence: confirmed
        entries: []
        """.write(toFile: bad, atomically: true, encoding: .utf8)
        let result = try CLI.run(["lists", "validate", bad])
        #expect(result.status == 1)
        #expect(result.stderr.contains("bad.yaml:6:12: '2024-13-01' is not a valid date"))
        let good = try CLI.run(["lists", "validate", "Lists/cryptrec-ls-0001-2012.yaml"])
        if FileManager.default.fileExists(atPath: "Lists/cryptrec-ls-0001-2012.yaml") {
            #expect(good.status == 0 && good.stdout.contains("ok (ciphers-list LS-0001-2012)"))
        }
    }

    @Test func listsDiffPrintsTheRealDifferences() throws {
        let result = try CLI.run(["lists", "diff", "LS-0001-2012R0", "LS-0001-2022R2"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("+ EdDSA [eddsa]: recommended"))
        #expect(result.stdout.contains("- 128-bit RC4 [rc4]: was monitored"))
        #expect(result.stdout.contains("~ 3-key Triple DES [3des]: tier: recommended -> monitored"))
        #expect(result.stdout.contains("+ ML-KEM-768"))
        let json = try CLI.run(["lists", "diff", "LS-0001-2012", "LS-0001-2012", "--format", "json"])
        let diff = try JSONDecoder().decode(ListDiff.self, from: Data(json.stdout.utf8))
        #expect(diff.isEmpty)
    }

    @Test func listsOverviewAndShowWorkFromAnyDirectory() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["lists", "show", "LS-0001-2012"]
        process.currentDirectoryURL = directory
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(output.contains("電子政府推奨暗号リスト") && output.contains("3-key Triple DES"))
        let overview = try CLI.run(["lists"])
        #expect(overview.stdout.contains("LS-0003-2022R1") && overview.stdout.contains("GL-3001-3.0.1"))
    }
}
