import CryptCheckModel
import Testing

@testable import CryptCheckPolicy

/// A finding left indeterminate by an operational failure carries the failure's code; one
/// from an observation saved before codes carries none.
@Suite("Indeterminate findings carry the failure's code")
struct ErrorCodeFindingTests {
    static let judge = Lists.judge("LS-0001-2022")

    @Test func failedProbesGiveTheirCode() {
        var endpoint = UnobservedFactsTests.complete()
        endpoint.versions[0].status = .failed(reason: "timed out waiting for the server", code: .connectionTimeout)
        endpoint.versions[1].status = .failed(reason: "saved before codes")
        endpoint.cipherSuites[0] = SuiteEnumeration(
            version: .tlsv1_2, accepted: [CipherSuite(0xC02B)], complete: false, failure: "reset", failureCode: .connectionReset)
        endpoint.features = [FeatureSupport(feature: .compression, status: .failed(reason: "malformed", code: .tlsTruncated))]
        endpoint.failures = ["budget", "old"]
        endpoint.failureCodes = [.connectionBudgetExhausted, .unknown]
        let indeterminate = Self.judge.endpointFindings(endpoint).filter { $0.verdict == .indeterminate }
        func code(_ component: FindingComponent, _ item: String) -> ErrorCode?? {
            indeterminate.first { $0.component == component && $0.item == item }.map(\.errorCode)
        }
        #expect(code(.protocolVersion, ProtocolVersion.all[0].name) == .some(.connectionTimeout))
        #expect(code(.protocolVersion, ProtocolVersion.all[1].name) == .some(nil))
        #expect(code(.cipherSuite, "cipher suites") == .some(.connectionReset))
        #expect(code(.feature, "compression") == .some(.tlsTruncated))
        #expect(indeterminate.filter { $0.component == .probe }.map(\.errorCode) == [.connectionBudgetExhausted, .unknown])
        // Everything else that is indeterminate is so for another reason than a failure (an
        // attack left undecided by a failed probe carries its code).
        #expect(
            !indeterminate.contains {
                $0.errorCode != nil
                    && !([.protocolVersion, .cipherSuite, .feature, .probe, .attack] as [FindingComponent]).contains($0.component)
            })
    }

    @Test func fileErrorsAndUnreachableEndpointsGiveTheirCode() {
        let file = FileObservation(path: "/k.pem", errors: ["truncated", "bad base64"], errorCodes: [.pemNoEndLine, .pemBadBase64])
        #expect(Self.judge.fileFindings(file).map(\.errorCode) == [.pemNoEndLine, .pemBadBase64])
        let old = FileObservation(path: "/k.pem", errors: ["truncated"])
        #expect(Self.judge.fileFindings(old).map(\.errorCode) == [nil])
        let unreachable = TLSEndpointObservation(
            host: "127.0.0.1", port: 1,
            outcome: TLSEndpointOutcome(kind: .unreachable, detail: "refused", code: .connectionRefused))
        #expect(Self.judge.endpointFindings(unreachable).map(\.errorCode) == [.connectionRefused])
    }
}
