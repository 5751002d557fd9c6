import CryptCheckModel
import Testing

@testable import CryptCheckPolicy

@Suite("Strength windows at 2030-12-31 / 2031-01-01")
struct StrengthBoundaryTests {
    static let lastDay = "2030-12-31"
    static let firstDay = "2031-01-01"

    func keyVerdict(_ key: KeyFacts, on day: String) -> Finding {
        Lists.judge("LS-0001-2012R0", asOf: day).keyFinding(key, subject: "k", component: .privateKey, context: nil)
    }

    @Test(arguments: [(1024, false, false), (2048, true, false), (3072, true, true)])
    func rsa(bits: Int, passes2030: Bool, passes2031: Bool) {
        let key = KeyFacts(algorithm: .rsa, bits: bits)
        let before = keyVerdict(key, on: Self.lastDay), after = keyVerdict(key, on: Self.firstDay)
        #expect((before.verdict == .pass) == passes2030)
        #expect((after.verdict == .pass) == passes2031)
        #expect(before.strength?.requiredBits == 112 && after.strength?.requiredBits == 128)
        if bits == 1024 { #expect(before.strength?.strengthBits == 80 && before.severity == .high) }
    }

    @Test(arguments: [("secp224r1", 224, true, false), ("secp256r1", 256, true, true), ("secp384r1", 384, true, true)])
    func ecc(curve: String, bits: Int, passes2030: Bool, passes2031: Bool) {
        let key = KeyFacts(algorithm: .ec, bits: bits, curve: curve)
        #expect((keyVerdict(key, on: Self.lastDay).verdict == .pass) == passes2030)
        #expect((keyVerdict(key, on: Self.firstDay).verdict == .pass) == passes2031)
    }

    @Test(arguments: [(1024, false, false), (2048, true, false), (3072, true, true)])
    func dh(bits: Int, passes2030: Bool, passes2031: Bool) {
        func verdict(_ day: String) -> Verdict {
            let endpoint = TLSEndpointObservation(
                host: "127.0.0.1", port: 443, versions: [VersionSupport(version: .tlsv1_2, status: .yes)],
                dhParameters: [DHParameterFacts(primeBits: bits)])
            return Lists.judge("LS-0001-2012R0", asOf: day).endpointFindings(endpoint)
                .first { $0.component == .dhParameters }!.verdict
        }
        #expect((verdict(Self.lastDay) == .pass) == passes2030)
        #expect((verdict(Self.firstDay) == .pass) == passes2031)
    }

    @Test func montgomeryCurvesUseTheirExplicitStrength() {
        let finding = keyVerdict(KeyFacts(algorithm: .x25519), on: Self.firstDay)
        #expect(finding.strength?.strengthBits == 128 && finding.strength?.meets == true)
        #expect(finding.evidence == .unconfirmed && finding.derived)
    }
}
