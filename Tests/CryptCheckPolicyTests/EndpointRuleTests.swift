import CryptCheckModel
import Foundation
import Testing

@testable import CryptCheckPolicy

/// The TLS endpoint rule registry: well-described rules, documented in ARCHITECTURE.md in
/// registry order, each in the file named after it; and the scopes that decide which run.
@Suite("TLS endpoint rules")
struct EndpointRuleTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func everyRuleHasAUniqueIdADescriptionAndACitation() {
        let ids = EndpointRule.all.map(\.id)
        #expect(Set(ids).count == ids.count)
        for rule in EndpointRule.all {
            #expect(rule.id.wholeMatch(of: /[a-z0-9]+(-[a-z0-9]+)*/) != nil, "\(rule.id) is not kebab-case")
            #expect(!rule.description.trimmingCharacters(in: .whitespaces).isEmpty, "\(rule.id) has no description")
            #expect(!rule.citation.trimmingCharacters(in: .whitespaces).isEmpty, "\(rule.id) has no citation")
            #expect(!rule.description.contains("\n"), "\(rule.id): the description is one line")
        }
        #expect(EndpointRule.all.filter { $0.scope == .noHandshake }.map(\.id) == ["no-handshake"])
    }

    /// The rows of the rule table in ARCHITECTURE.md: (id, file).
    static func documentedRules() throws -> [(id: String, file: String)] {
        let text = try String(contentsOf: root.appending(path: "ARCHITECTURE.md"), encoding: .utf8)
        let begin = try #require(text.range(of: "<!-- endpoint-rules:begin -->"))
        let end = try #require(text.range(of: "<!-- endpoint-rules:end -->"))
        return text[begin.upperBound..<end.lowerBound].split(separator: "\n").compactMap { line in
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 2, cells[0].hasPrefix("`"), cells[1].hasPrefix("`") else { return nil }
            return (cells[0].trimmingCharacters(in: ["`"]), cells[1].trimmingCharacters(in: ["`"]))
        }
    }

    @Test func architectureListsEveryRuleInRegistryOrderInItsOwnFile() throws {
        let documented = try Self.documentedRules()
        #expect(documented.map(\.id) == EndpointRule.all.map(\.id))
        let folder = Self.root.appending(path: "Sources/CryptCheckPolicy/Evaluation/EndpointRules")
        for (id, file) in documented {
            let source = try String(contentsOf: folder.appending(path: file), encoding: .utf8)
            let defines = source.contains("id: \"\(id)\"")
            #expect(defines, "\(file) does not define \(id)")
        }
    }

    @Test func anEndpointWithoutAHandshakeGetsOnlyTheNoHandshakeRule() {
        let judge = Lists.judge("LS-0001-2022")
        let unreachable = TLSEndpointObservation(
            host: "127.0.0.1", port: 1,
            outcome: TLSEndpointOutcome(kind: .unreachable, detail: "refused", code: .connectionRefused))
        let findings = judge.endpointFindings(unreachable)
        #expect(findings.map(\.component) == [.endpoint])
        #expect(findings == EndpointRule.noHandshake.check(judge, unreachable))
        let complete = UnobservedFactsTests.complete()
        #expect(EndpointRule.noHandshake.check(judge, complete).isEmpty)
        let all = judge.endpointFindings(complete)
        #expect(!all.isEmpty && !all.contains { $0.component == .endpoint })
    }
}
