import CryptCheckModel
import Foundation
import Testing

@testable import CryptCheckPolicy

/// The attacks recognised from what a scan saw: each says "vulnerable" on an observation with
/// its prerequisite, "not vulnerable" on its twin without it, and "not decided" when what it
/// needs was not observed, never a pass.
@Suite("Passive attack findings")
struct PassiveAttackTests {
    /// TLS 1.2 only, one suite per version as given, compression refused.
    static func endpoint(
        _ suites: [ProtocolVersion: [UInt16]], refused: [ProtocolVersion] = [], host: String = "127.0.0.1"
    ) -> TLSEndpointObservation {
        var endpoint = UnobservedFactsTests.complete()
        endpoint.host = host
        endpoint.versions = ProtocolVersion.all.map { version in
            VersionSupport(version: version, status: suites[version] != nil ? .yes : .no)
        }
        endpoint.cipherSuites = suites.keys.sorted().map { SuiteEnumeration(version: $0, accepted: suites[$0]!.map(CipherSuite.init)) }
        endpoint.features = [FeatureSupport(feature: .compression, status: .no)]
        return endpoint
    }

    static let modern = endpoint([.tlsv1_2: [0xC02B], .tlsv1_3: [0x1301]])

    static func attack(_ name: String, _ endpoint: TLSEndpointObservation, list: String = "LS-0001-2022") throws -> Finding {
        let findings = Lists.judge(list).endpointFindings(endpoint)
        return try #require(findings.first { $0.component == .attack && $0.item == name }, "\(findings.map(\.item))")
    }

    @Test func sweet32CitesTripleDESMonitoredWithItsBlockLimit() throws {
        let vulnerable = try Self.attack("SWEET32", Self.endpoint([.tlsv1_2: [0xC02B, 0x000A]]))
        #expect(vulnerable.verdict == .violation)
        #expect(vulnerable.message.hasPrefix("SWEET32: vulnerable: 64-bit block ciphers are accepted"), "\(vulnerable.message)")
        #expect(vulnerable.message.contains("TLS_RSA_WITH_3DES_EDE_CBC_SHA (0x000A) under TLSv1.2"))
        let tripleDES = try #require(vulnerable.primitives.first { $0.primitive == "3des" })
        #expect(tripleDES.status == .monitored && vulnerable.listStatus == .monitored)
        #expect(tripleDES.citation.notes.contains { $0.contains("2^20 blocks") }, "\(tripleDES.citation.notes)")
        #expect(vulnerable.message.contains("3-key Triple DES: monitored (unconfirmed)"), "\(vulnerable.message)")
        #expect(vulnerable.basis?.listID == "SWEET32" && vulnerable.derived)
        // Never weaker than the suite's own finding.
        let suite = try #require(
            Lists.judge("LS-0001-2022").endpointFindings(Self.endpoint([.tlsv1_2: [0x000A]])).first {
                $0.component == .cipherSuite && $0.item.contains("0x000A")
            })
        #expect(vulnerable.severity >= suite.severity)
        let twin = try Self.attack("SWEET32", Self.modern)
        #expect(twin.verdict == .pass, "\(twin.message)")
        #expect(
            twin.message.hasPrefix("SWEET32: not vulnerable: no such suite is accepted (every suite accepted under TLSv1.2 was enumerated"))
    }

    @Test func anIncompleteOrMissingEnumerationIsNeverAPass() throws {
        var cut = Self.modern
        cut.cipherSuites[0].complete = false
        cut.cipherSuites[0].failure = "the connection was reset"
        cut.cipherSuites[0].failureCode = .connectionReset
        for name in ["SWEET32", "RC4 biases", "FREAK", "LUCKY13", "Logjam"] {
            let finding = try Self.attack(name, cut)
            #expect(finding.verdict == .indeterminate, "\(name): \(finding.message)")
            #expect(finding.message == "\(name): not decided: suite enumeration under TLSv1.2 is incomplete")
            #expect(finding.errorCode == .connectionReset)
        }
        var failed = Self.modern
        failed.versions[1].status = .failed(reason: "timed out", code: .connectionTimeout)  // SSLv3
        for name in ["POODLE (SSLv3)", "BEAST"] {
            let finding = try Self.attack(name, failed)
            #expect(
                finding.verdict == .indeterminate && finding.message == "\(name): not decided: whether SSLv3 is accepted was not observed")
        }
        var missing = Self.modern
        missing.cipherSuites.removeAll { $0.version == .tlsv1_2 }
        #expect(
            try Self.attack("RC4 biases", missing).message
                == "RC4 biases: not decided: the suites accepted under TLSv1.2 were not enumerated")
        // A suite found vulnerable stays so, whatever else is missing.
        var partly = Self.endpoint([.tlsv1_2: [0x0005]])
        partly.cipherSuites[0].complete = false
        #expect(try Self.attack("RC4 biases", partly).verdict == .violation)
    }

    /// LUCKY13 is a timing side channel of the implementation: with CBC-HMAC suites the list
    /// itself accepts, the scan can neither show it works nor rule it out, so it is undecided (never
    /// a pass, never a violation the list does not make); with a suite that is a violation anyway,
    /// it is one too.
    @Test func lucky13OnSuitesTheListAcceptsIsUndecidedNeverAPass() throws {
        let cbc = Self.endpoint([.tlsv1_2: [0xC02B, 0xC023]])
        let suite = try #require(
            Lists.judge("LS-0001-2022").endpointFindings(cbc).first { $0.component == .cipherSuite && $0.item.contains("0xC023") })
        #expect(suite.verdict == .pass, "\(suite.message)")
        let lucky = try Self.attack("LUCKY13", cbc)
        #expect(lucky.verdict == .indeterminate && lucky.errorCode == .attackNotObservable, "\(lucky.message)")
        #expect(lucky.message.hasPrefix("LUCKY13: not decided: CBC suites with HMAC are accepted"), "\(lucky.message)")
        #expect(lucky.message.contains("cannot be observed by a scan") && lucky.remediation != nil)
        #expect(try Self.attack("LUCKY13", Self.endpoint([.tlsv1_2: [0xC02B, 0x002F]])).verdict == .violation)
    }

    @Test func rc4FreakPoodleBeastAndLucky13AgainstTheirTwins() throws {
        let cases: [(String, TLSEndpointObservation, TLSEndpointObservation)] = [
            ("RC4 biases", Self.endpoint([.tlsv1_2: [0x0005]]), Self.endpoint([.tlsv1_2: [0x009C]])),
            ("FREAK", Self.endpoint([.tlsv1_0: [0x0003, 0x002F]]), Self.endpoint([.tlsv1_0: [0x002F]])),
            ("POODLE (SSLv3)", Self.endpoint([.sslv3: [0x002F]]), Self.endpoint([.sslv3: [0x0005]])),
            ("BEAST", Self.endpoint([.tlsv1_0: [0x002F], .tlsv1_2: [0xC02B]]), Self.endpoint([.tlsv1_2: [0x002F]])),
            ("LUCKY13", Self.endpoint([.tlsv1_2: [0x002F]]), Self.endpoint([.tlsv1_2: [0x009C]])),
        ]
        for (name, vulnerable, twin) in cases {
            let bad = try Self.attack(name, vulnerable)
            #expect(bad.verdict == .violation && bad.message.hasPrefix("\(name): vulnerable: "), "\(name): \(bad.message)")
            #expect(!bad.primitives.isEmpty && bad.remediation != nil)
            let good = try Self.attack(name, twin)
            #expect(good.verdict == .pass && good.message.hasPrefix("\(name): not vulnerable: "), "\(name): \(good.message)")
        }
        // FREAK names export RSA key transport; the export suite is critical.
        let freak = try Self.attack("FREAK", Self.endpoint([.tlsv1_0: [0x0003]]))
        #expect(freak.severity == .critical && freak.primitives.contains { $0.role == .keyTransport })
        // SSLv2 cipher kinds count for RC4 and SWEET32.
        var sslv2 = Self.modern
        sslv2.versions[0].status = .yes
        sslv2.sslv2CipherKinds = [SSLv2CipherKind(0x0700C0)]
        let sweet = try Self.attack("SWEET32", sslv2)
        #expect(
            sweet.verdict == .violation && sweet.message.contains("SSL_CK_DES_192_EDE3_CBC_WITH_MD5 (0x0700C0) under SSLv2"),
            "\(sweet.message)")
        #expect(try Self.attack("RC4 biases", sslv2).verdict == .pass)
    }

    @Test func crimeFollowsTheCompressionProbe() throws {
        var endpoint = Self.modern
        let cases: [(FeatureStatus?, Verdict, String)] = [
            (.yes, .violation, "CRIME: vulnerable: the server accepted DEFLATE compression of TLS records"),
            (.no, .pass, "CRIME: not vulnerable: the server refused compression in a hello that offered DEFLATE"),
            (.failed(reason: "reset", code: .connectionReset), .indeterminate, "CRIME: not decided: the compression probe failed: reset"),
            (nil, .indeterminate, "CRIME: not decided: TLS compression was not probed"),
        ]
        for (status, verdict, message) in cases {
            endpoint.features = status.map { [FeatureSupport(feature: .compression, status: $0)] } ?? []
            let finding = try Self.attack("CRIME", endpoint)
            #expect(finding.verdict == verdict && finding.message == message, "\(finding.message)")
        }
        endpoint.features = [FeatureSupport(feature: .compression, status: .yes)]
        #expect(try Self.attack("CRIME", endpoint).remediationCode == .disableCompression)
    }

    @Test func logjamNamesTheSharedPrime() throws {
        var dhe = Self.endpoint([.tlsv1_2: [0x009E]])
        dhe.dhParameters = [DHParameterFacts(primeBits: 1024)]
        dhe.hygiene = HygieneObservation(
            dhPrimes: [DHPrimeFingerprint(bits: 1024, sha256: "3f35a3f5f6c4376a744acad409bb22f8d897f949d2311d885adaa890981b67a0")])
        let shared = try Self.attack("Logjam", dhe)
        #expect(shared.verdict == .violation, "\(shared.message)")
        #expect(shared.message.contains("a 1024-bit DH prime is used, the shared prime rfc2409-group2"), "\(shared.message)")
        #expect(shared.strength?.size == 1024)
        // Saved before the hashes were kept: the size alone still decides.
        dhe.hygiene = nil
        #expect(try Self.attack("Logjam", dhe).message.contains("a 1024-bit DH prime is used, of the server's own"))
        dhe.dhParameters = [DHParameterFacts(primeBits: 2048, knownGroup: "ffdhe2048")]
        let twin = try Self.attack("Logjam", dhe)
        #expect(twin.verdict == .pass && twin.message.hasSuffix("larger than 1024 bits: 2048-bit (ffdhe2048)"), "\(twin.message)")
        dhe.dhParameters = []
        #expect(
            try Self.attack("Logjam", dhe).message
                == "Logjam: not decided: DHE suites are accepted, but the DH primes they use were not observed")
        let export = try Self.attack("Logjam", Self.endpoint([.tlsv1_0: [0x0014]]))
        #expect(export.verdict == .violation && export.message.contains("export DHE suites are accepted"))
        #expect(try Self.attack("Logjam", Self.modern).verdict == .pass)
    }

    static let key = ServerKeyFingerprint(key: KeyFacts(algorithm: .rsa, bits: 2048), spkiSHA256: String(repeating: "a1", count: 32))
    static let otherKey = ServerKeyFingerprint(key: KeyFacts(algorithm: .rsa, bits: 2048), spkiSHA256: String(repeating: "b2", count: 32))

    /// An SSLv2 endpoint with `key`, and a TLS endpoint without SSLv2 using `tlsKey`.
    static func pair(sslv2Key: ServerKeyFingerprint?, tlsKey: ServerKeyFingerprint?) -> ObservationSet {
        var old = endpoint([.tlsv1_2: [0xC02B]], host: "old.example")
        old.versions[0].status = .yes
        old.sslv2CipherKinds = [SSLv2CipherKind(0x010080)]
        old.hygiene = HygieneObservation(serverKeys: [otherKey], sslv2ServerKey: sslv2Key)
        var new = modern
        new.host = "new.example"
        new.hygiene = tlsKey.map { HygieneObservation(serverKeys: [$0]) }
        var set = ObservationSet(tool: "test", observedAt: Date(timeIntervalSince1970: 0))
        set.endpoints = [old, new]
        return set
    }

    static func drown(_ set: ObservationSet, subject: String) -> [Finding] {
        Evaluator.evaluate(set, policies: [Lists.policy("LS-0001-2022")]).findings.filter {
            $0.subject == subject && $0.item == "DROWN"
        }
    }

    @Test func drownComparesKeysAcrossTheScan() throws {
        let shared = Self.drown(Self.pair(sslv2Key: Self.key, tlsKey: Self.key), subject: "new.example:443")
        #expect(shared.map(\.verdict) == [.pass, .violation], "\(shared.map(\.message))")
        #expect(shared[0].message == "DROWN: not vulnerable: SSLv2 is refused here")
        #expect(shared[1].context == "key shared with old.example:443")
        #expect(
            shared[1].message.hasPrefix(
                "DROWN: vulnerable: its RSA key (SPKI SHA-256 \(Self.key.spkiSHA256)) is also used by old.example:443"))
        #expect(shared[1].severity == .critical && shared[1].remediationCode == .disableSSLv2)
        // The twin: another key; nothing shared, the endpoint's own finding only.
        #expect(Self.drown(Self.pair(sslv2Key: Self.key, tlsKey: Self.otherKey), subject: "new.example:443").map(\.verdict) == [.pass])
        // The SSLv2 key was not read, or this endpoint's keys were not kept: never a pass.
        let unread = Self.drown(Self.pair(sslv2Key: nil, tlsKey: Self.key), subject: "new.example:443")
        #expect(unread.map(\.verdict) == [.pass, .indeterminate])
        #expect(unread[1].message == "DROWN: not decided: old.example:443 accepts SSLv2, but the key it uses there was not read")
        let unkept = Self.drown(Self.pair(sslv2Key: Self.key, tlsKey: nil), subject: "new.example:443")
        #expect(unkept.map(\.verdict) == [.pass, .indeterminate])
        // The SSLv2 endpoint itself.
        let old = Self.drown(Self.pair(sslv2Key: Self.otherKey, tlsKey: Self.key), subject: "old.example:443")
        #expect(old.map(\.verdict) == [.violation])
        #expect(
            old[0].message.hasPrefix("DROWN: vulnerable: SSLv2 is accepted with the RSA key this endpoint also uses for TLS"),
            "\(old[0].message)")
        var probeFailed = Self.modern
        probeFailed.versions[0].status = .failed(reason: "reset", code: .connectionReset)
        #expect(try Self.attack("DROWN", probeFailed).message == "DROWN: not decided: whether SSLv2 is accepted was not observed")
    }

    @Test func hygieneObservationsRoundTripAndOldOnesHaveNone() throws {
        var endpoint = Self.modern
        endpoint.hygiene = HygieneObservation(
            serverKeys: [Self.key], sslv2ServerKey: Self.otherKey, dhPrimes: [DHPrimeFingerprint(bits: 2048, sha256: "00")])
        let data = try JSONEncoder().encode(endpoint)
        #expect(try JSONDecoder().decode(TLSEndpointObservation.self, from: data) == endpoint)
        let plain = try JSONEncoder().encode(Self.modern)
        #expect(!String(decoding: plain, as: UTF8.self).contains("hygiene"))
    }
}
