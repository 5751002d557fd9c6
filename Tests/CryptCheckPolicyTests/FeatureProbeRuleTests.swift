import CryptCheckModel
import Foundation
import Testing

@testable import CryptCheckPolicy

/// The feature-probe rule on the ALPN enumeration: a candidate that could not be tested leaves
/// the accepted protocols unknown (indeterminate), whatever the combined offer showed; a
/// complete enumeration is a fact and no finding; an observation saved before the enumeration
/// decodes and is judged as before.
@Suite("Feature probe rule: ALPN candidates")
struct FeatureProbeRuleTests {
    static func enumeration(failed: [ALPNEnumeration.Failure]) -> ALPNEnumeration {
        ALPNEnumeration(
            version: .tlsv1_2, method: .rawHello, accepted: ["h2"], notAccepted: failed.isEmpty ? ["http/1.1", "http/1.0"] : ["http/1.0"],
            failed: failed, combinedOffer: ["h2", "http/1.1"], combinedSelected: "h2")
    }

    static func endpoint(_ alpn: FeatureSupport) -> TLSEndpointObservation {
        TLSEndpointObservation(
            host: "127.0.0.1", port: 443,
            versions: ProtocolVersion.all.map { VersionSupport(version: $0, status: $0 == .tlsv1_2 ? .yes : .no) },
            cipherSuites: [SuiteEnumeration(version: .tlsv1_2, accepted: [CipherSuite(0xC02F)])], features: [alpn])
    }

    func featureFindings(_ alpn: FeatureSupport) -> [Finding] {
        Lists.judge("LS-0001-2022").endpointFindings(Self.endpoint(alpn)).filter { $0.component == .feature }
    }

    @Test func aCandidateThatFailedMakesALPNIndeterminate() throws {
        let failure = ALPNEnumeration.Failure(
            protocolID: "http/1.1", reason: "the server closed the connection without an answer", code: .probeSilentClose)
        let findings = featureFindings(FeatureSupport(feature: .alpn, status: .yes, alpn: Self.enumeration(failed: [failure])))
        let finding = try #require(findings.first)
        #expect(findings.count == 1 && finding.verdict == .indeterminate && finding.item == "alpn", "\(findings)")
        #expect(finding.errorCode == .probeSilentClose)
        #expect(finding.message.contains("http/1.1: the server closed the connection"), "\(finding.message)")
    }

    @Test func aCompleteEnumerationIsAFactNotAFinding() {
        let findings = featureFindings(FeatureSupport(feature: .alpn, status: .yes, alpn: Self.enumeration(failed: [])))
        #expect(findings.isEmpty, "\(findings)")
    }

    @Test func aFailedCombinedOfferIsOneIndeterminateFinding() throws {
        let failure = ALPNEnumeration.Failure(protocolID: "h2", reason: "timed out", code: .connectionTimeout)
        let feature = FeatureSupport(
            feature: .alpn, status: .failed(reason: "the full TLSv1.2 handshake failed", code: .handshakeClosed),
            alpn: Self.enumeration(failed: [failure]))
        let findings = featureFindings(feature)
        #expect(findings.count == 1 && findings.first?.verdict == .indeterminate && findings.first?.errorCode == .handshakeClosed)
    }

    @Test func anObservationSavedBeforeTheEnumerationDecodesAndIsJudgedAsBefore() throws {
        let saved = Data(#"{"feature":"alpn","status":"yes","detail":"h2 selected from h2, http/1.1 under TLSv1.3"}"#.utf8)
        let feature = try JSONDecoder().decode(FeatureSupport.self, from: saved)
        #expect(feature.alpn == nil && feature.status == .yes)
        #expect(featureFindings(feature).isEmpty)
        // Written back, it stays as it was: no member for what was not observed.
        #expect(String(decoding: try JSONEncoder().encode(feature), as: UTF8.self).contains("\"alpn\":") == false)
        let with = FeatureSupport(feature: .alpn, status: .no, alpn: Self.enumeration(failed: []))
        #expect(try JSONDecoder().decode(FeatureSupport.self, from: JSONEncoder().encode(with)) == with)
    }
}
