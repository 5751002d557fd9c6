import CryptCheckModel
import CryptCheckPolicy
import Testing

@testable import CryptCheckReport

/// The render cache keeps findings that repeat across files and stops looking up a component
/// whose findings have not repeated (a certificate's validity names its own dates).
@Suite("The finding render cache leaves components that do not repeat")
struct FindingRenderCacheTests {
    static func finding() throws -> Finding {
        let builder = EvaluationBuilder(policies: try StreamedScanTests.policies())
        return try #require(builder.findings(for: ScanJSONWriterTests.fullFile("cache")).first)
    }

    @Test func aComponentWhoseFindingsNeverRepeatIsBypassed() throws {
        let cache = FindingRenderCache<Int>()
        var unique = try Self.finding()
        unique.component = FindingComponent(rawValue: "unique")
        var repeated = try Self.finding()
        repeated.component = FindingComponent(rawValue: "repeated")
        for index in 0..<FindingRenderCache<Int>.trialLookups {
            unique.message = "expired on day \(index)"
            let key = FindingRenderCache<Int>.Key(finding: unique, variant: 0)
            #expect(cache.lookup(key) == nil)
            cache.store(key, index)
            let same = FindingRenderCache<Int>.Key(finding: repeated, variant: 0)
            if cache.lookup(same) == nil { cache.store(same, index) }
        }
        #expect(cache.bypasses(FindingComponent(rawValue: "unique")))
        #expect(!cache.bypasses(FindingComponent(rawValue: "repeated")))
        // The subject is not part of the key: a finding of another file is found.
        repeated.subject = "/another/file"
        #expect(cache.lookup(FindingRenderCache<Int>.Key(finding: repeated, variant: 0)) == 0)
    }
}
