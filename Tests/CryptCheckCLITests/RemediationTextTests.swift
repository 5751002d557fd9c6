import CryptCheckModel
import CryptCheckPolicy
import Foundation
import Testing

@testable import CryptCheckReport

/// Issue 13 item 1: a Japanese report words each fix from the remediation code the policy
/// attached, never by guessing from the component, and never falls back to the English text.
@Suite("Remediations and component names in the report's language")
struct RemediationTextTests {
    @Test(arguments: RemediationCode.known)
    func everyKnownCodeHasAJapaneseText(code: RemediationCode) throws {
        let japanese = try #require(ReportText.japaneseRemediations[code], "\(code) has no Japanese text")
        let finding = Finding(
            subject: "example.org:443", component: .cipherSuite, item: "TLS_RSA_WITH_AES_128_CBC_SHA (0x002F)",
            list: "LS-0001-2022", listStatus: .notListed, verdict: .violation, severity: .high, evidence: .confirmed,
            derived: false, message: "m", remediation: "English text.", remediationCode: code)
        let text = ReportText(language: .ja).remediation(finding)
        #expect(text == japanese(finding))
        #expect(text != "English text." && text?.contains { !$0.isASCII } == true, "\(code): \(text ?? "nil")")
        #expect(ReportText(language: .en).remediation(finding) == "English text.")
    }

    @Test func theKnownCodesAreDistinctAndTheirTableHasNoOthers() {
        #expect(Set(RemediationCode.known).count == RemediationCode.known.count)
        #expect(Set(ReportText.japaneseRemediations.keys) == Set(RemediationCode.known))
    }

    /// A Japanese report names every known component in Japanese.
    @Test(arguments: FindingComponent.known)
    func everyKnownComponentHasAJapaneseName(component: FindingComponent) throws {
        let name = try #require(ReportText.componentNames[component], "\(component) has no Japanese name")
        #expect(ReportText(language: .ja).component(component) == name)
        #expect(ReportText(language: .en).component(component) == component.rawValue)
    }

    /// Every finding of the demo report that says what to do names a known code.
    @Test func everyRemediationInTheDemoReportHasAKnownCode() throws {
        let result = try DemoReport.run(["--format", "json"])
        let report = try JSONRenderer.decoder().decode(Report.self, from: Data(result.stdout.utf8))
        let fixes = report.findings.filter { $0.remediation != nil }
        #expect(!fixes.isEmpty)
        for finding in fixes {
            let code = try #require(finding.remediationCode, "\(finding.component) \(finding.item): no code")
            #expect(code.isKnown, "\(code)")
        }
        let codes = Set(fixes.compactMap(\.remediationCode))
        #expect(codes.count > 5, "\(codes)")
    }
}
