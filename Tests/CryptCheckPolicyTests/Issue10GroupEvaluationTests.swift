import CryptCheckModel
import Testing

@testable import CryptCheckPolicy

/// Issue 10 items 3 and 7 in the judge: a DHE-only server with a fixed prime has no groups to
/// observe (not applicable, the prime judged by size); groups that should have been seen and
/// were not stay indeterminate; an incomplete suite enumeration says why.
@Suite("Issue 10: group and DH evaluation")
struct Issue10GroupEvaluationTests {
    /// A TLS 1.2-only endpoint accepting `suites`, with these groups and DH parameters.
    static func endpoint(
        suites: [UInt16], groups: GroupEnumeration?, dh: [DHParameterFacts] = [],
        failure: String? = nil
    ) -> TLSEndpointObservation {
        TLSEndpointObservation(
            host: "127.0.0.1", port: 443,
            versions: ProtocolVersion.all.map { VersionSupport(version: $0, status: $0 == .tlsv1_2 ? .yes : .no) },
            cipherSuites: [
                SuiteEnumeration(
                    version: .tlsv1_2, accepted: suites.map { CipherSuite($0) }, preference: .server,
                    complete: failure == nil, failure: failure)
            ],
            groups: groups, dhParameters: dh)
    }

    /// The group findings of `endpoint` under LS-0001-2022.
    static func groupFindings(_ endpoint: TLSEndpointObservation) -> [Finding] {
        Lists.judge("LS-0001-2022").endpointFindings(endpoint).filter { $0.component == .group }
    }

    @Test func aFixedPrimeIsNotApplicableAndThePrimeIsStillJudged() {
        let fixed = Self.endpoint(
            suites: [0x009E], groups: GroupEnumeration(accepted: [], dheGroupSelection: .fixedPrime),
            dh: [DHParameterFacts(primeBits: 1024)])
        let groups = Self.groupFindings(fixed)
        #expect(groups.count == 1 && groups.allSatisfy { $0.verdict == .notApplicable }, "\(groups.map(\.message))")
        let dh = Lists.judge("LS-0001-2022").endpointFindings(fixed).filter { $0.component == .dhParameters }
        #expect(dh.map(\.verdict) == [.violation])  // 1024 bits: the prime itself still fails
    }

    @Test func groupsThatWereNotSeenStayIndeterminate() {
        // DHE only, but how the server picks its group is unknown (a saved scan from before).
        for groups in [nil, GroupEnumeration(accepted: [])] as [GroupEnumeration?] {
            let findings = Self.groupFindings(Self.endpoint(suites: [0x009E], groups: groups))
            #expect(findings.map(\.verdict) == [.indeterminate], "\(String(describing: groups))")
        }
        // ECDHE accepted, yet no group seen: indeterminate, not an empty pass.
        let ecdhe = Self.groupFindings(Self.endpoint(suites: [0xC02F], groups: GroupEnumeration(accepted: [])))
        #expect(ecdhe.map(\.verdict) == [.indeterminate])
        // FFDHE groups the server took from the client's list are judged like any group.
        let followed = Self.groupFindings(
            Self.endpoint(
                suites: [0x009E],
                groups: GroupEnumeration(
                    accepted: [NamedGroup(0x0100), NamedGroup(0x0101)], dheGroupSelection: .clientGroups)))
        #expect(followed.count == 2 && !followed.contains { $0.verdict == .indeterminate || $0.verdict == .notApplicable })
    }

    @Test func anIncompleteSuiteEnumerationSaysWhy() {
        let endpoint = Self.endpoint(
            suites: [0xC02F], groups: GroupEnumeration(accepted: [NamedGroup(0x0017)]),
            failure: "cipher suites (TLSv1.2): timed out waiting for the server")
        let finding = Lists.judge("LS-0001-2022").endpointFindings(endpoint).first {
            $0.component == .cipherSuite && $0.item == "cipher suites"
        }
        #expect(finding?.verdict == .indeterminate)
        #expect(finding?.message.contains("timed out waiting for the server") == true, "\(String(describing: finding?.message))")
    }
}
