import CryptCheckModel
import CryptCheckStore
import Foundation
import Testing

/// `ScanDiff` on observations built by hand: what a side did not see is never "gone".
@Suite("Scan diff")
struct ScanDiffTests {
    static func side(_ name: String, _ endpoints: [TLSEndpointObservation], unscanned: [UnscannedTarget] = []) -> DiffSide {
        DiffSide(
            source: name, scanId: nil,
            observations: ObservationSet(
                tool: "cryptcheck test", observedAt: Date(timeIntervalSince1970: 0), endpoints: endpoints, unscanned: unscanned),
            findings: [])
    }

    static func endpoint(suites: [UInt16], complete: Bool) -> TLSEndpointObservation {
        TLSEndpointObservation(
            host: "127.0.0.1", port: 443, versions: [VersionSupport(version: .tlsv1_2, status: .yes)],
            cipherSuites: [SuiteEnumeration(version: .tlsv1_2, accepted: suites.map(CipherSuite.init(rawValue:)), complete: complete)])
    }

    @Test func aSuiteMissingFromAnIncompleteEnumerationIsMarkedSo() {
        let diff = ScanDiff(
            Self.side("a", [Self.endpoint(suites: [0x002F, 0xC02F], complete: true)]),
            Self.side("b", [Self.endpoint(suites: [0xC02F], complete: false)]))
        #expect(diff.changed)
        let change = diff.targets.first?.changes
        #expect(change?.count == 1, "\(String(describing: change))")
        #expect(change?.first?.removed == ["TLS_RSA_WITH_AES_128_CBC_SHA"] && change?.first?.incompleteIn == ["B"])
        let text = DiffTextRenderer.render(diff, japanese: false)
        #expect(text.contains("the enumeration did not finish in B"), "\(text)")
    }

    @Test func sameObservationsAreNoChangeAndAnUnscannedTargetIsNeverResolved() {
        let a = Self.side("a", [Self.endpoint(suites: [0xC02F], complete: true)])
        #expect(!ScanDiff(a, a).changed)
        #expect(ScanDiff(a, a).targets.map(\.status) == ["unchanged"])
        let b = Self.side("b", [], unscanned: [UnscannedTarget(target: "127.0.0.1:443", reason: "not scanned: interrupted")])
        let diff = ScanDiff(a, b)
        #expect(diff.changed)
        #expect(diff.targets.map(\.status) == ["not-scanned-in-b"] && diff.targets.first?.reason == "not scanned: interrupted")
        #expect(diff.targets.first?.verdictB == "indeterminate")
        #expect(ScanDiff(b, a).targets.map(\.status) == ["not-scanned-in-a"])
    }
}
