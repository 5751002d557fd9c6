import CryptCheckModel
import Foundation
import Testing

@testable import CryptCheckPolicy

/// Issue 12, item 2: which revision a run judges against, and how each edition is pinned.
@Suite("Editions in force and pinned revisions")
struct EditionTests {
    /// The ciphers list the default selection (no `--list`) judges against on `day`.
    func defaultList(on day: String) throws -> String {
        try PolicySelection.policies(selected: [], catalog: Lists.catalog, asOf: Lists.day(day))[0].list.header.revision
    }

    /// The revision `--list name` selects on `day`.
    func selected(_ name: String, on day: String) throws -> String {
        var catalog = Lists.catalog
        return try PolicySelection.resolve([name], into: &catalog, asOf: Lists.day(day))[0].header.revision
    }

    @Test func theDefaultIsTheRevisionInForceThatDay() throws {
        #expect(try defaultList(on: "2023-03-07") == "LS-0001-2012")
        #expect(try defaultList(on: "2023-03-08") == "LS-0001-2012R8")
        #expect(try defaultList(on: "2023-03-29") == "LS-0001-2012R8")
        #expect(try defaultList(on: "2023-03-30") == "LS-0001-2022")
        #expect(try defaultList(on: "2026-03-29") == "LS-0001-2022")
        #expect(try defaultList(on: "2026-03-30") == "LS-0001-2022R2")
    }

    @Test func aSeriesIDMeansItsRevisionInForce() throws {
        #expect(try selected("LS-0001-2022", on: "2023-03-30") == "LS-0001-2022")
        #expect(try selected("LS-0001-2022", on: "2026-03-29") == "LS-0001-2022")
        #expect(try selected("LS-0001-2022", on: "2026-03-30") == "LS-0001-2022R2")
        #expect(try selected("ls-0001-2022", on: "2026-11-30") == "LS-0001-2022R2")
        // A superseded series: its last revision published on or before the day.
        #expect(try selected("LS-0001-2012", on: "2023-03-07") == "LS-0001-2012")
        #expect(try selected("LS-0001-2012", on: "2023-03-08") == "LS-0001-2012R8")
        #expect(try selected("LS-0001-2012", on: "2026-11-30") == "LS-0001-2012R8")
    }

    @Test func aSeriesWithNothingInForceIsAnErrorThatSaysSo() {
        var catalog = Lists.catalog
        #expect {
            try PolicySelection.resolve(["LS-0001-2022"], into: &catalog, asOf: Lists.day("2023-03-29"))
        } throws: { error in
            let text = String(describing: error)
            return text.contains("no revision of LS-0001-2022 was in force on 2023-03-29") && text.contains("LS-0001-2022R0")
        }
    }

    @Test func bothEditionsAndTheOriginal2013ListArePinnable() throws {
        for day in ["2013-03-01", "2024-06-01", "2026-11-30"] {
            #expect(try selected("LS-0001-2022R0", on: day) == "LS-0001-2022")
            #expect(try selected("ls-0001-2022r0", on: day) == "LS-0001-2022")
            #expect(try selected("LS-0001-2022R2", on: day) == "LS-0001-2022R2")
            #expect(try selected("LS-0001-2012R0", on: day) == "LS-0001-2012")
            #expect(try selected("LS-0001-2012R8", on: day) == "LS-0001-2012R8")
        }
        #expect(ListCatalog.pinName(of: Lists.ciphers("LS-0001-2022R0").header) == "LS-0001-2022R0")
        #expect(ListCatalog.pinName(of: Lists.ciphers("LS-0001-2022R2").header) == "LS-0001-2022R2")
        #expect(ListCatalog.pinName(of: try Lists.catalog.guidelines[0].header) == "GL-3001-3.0.1")
    }

    @Test func theFirstEditionIsR2WithoutThePostQuantumTable() {
        let first = Lists.ciphers("LS-0001-2022R0"), r2 = Lists.ciphers("LS-0001-2022R2")
        #expect(first.header.published == Lists.day("2023-03-30") && r2.header.published == Lists.day("2026-03-30"))
        let postQuantum: Set<Primitive> = ["ml-kem-768", "ml-kem-1024", "ml-dsa", "slh-dsa"]
        #expect(Set(r2.entries.map(\.primitive)).subtracting(first.entries.map(\.primitive)) == postQuantum)
        #expect(Set(first.entries.map(\.primitive)).isSubset(of: r2.entries.map(\.primitive)))
        #expect(first.notes.map(\.id) == r2.notes.map(\.id).filter { $0 != "note-pqc" })
        #expect(first.absences == r2.absences)
    }

    @Test func r2sEncodingIsReconciledWithItsCounts() {
        let r2 = Lists.ciphers("LS-0001-2022R2")
        let postQuantum = r2.entries.filter { $0.noteIDs.contains("note-pqc") }
        let classical = r2.entries.filter { $0.tier == .recommended && !$0.noteIDs.contains("note-pqc") }
        // 31 classical counted, 32 encoded: the entries that could be the surplus say so.
        #expect(classical.count == 32)
        let surplus = classical.filter { $0.question?.contains("Count surplus") == true }
        #expect(Set(surplus.map(\.primitive)) == ["sha-512/256", "cfb", "ofb", "chacha20-poly1305", "iso-iec-9798-2", "iso-iec-9798-3"])
        #expect(surplus.allSatisfy { $0.evidence == .unconfirmed })
        // 6 post-quantum counted, 4 encoded: the signature entries are unconfirmed and say so.
        #expect(postQuantum.count == 4)
        for entry in postQuantum where entry.category == .signature {
            #expect(entry.evidence == .unconfirmed && entry.question?.contains("6 post-quantum") == true, "\(entry.primitive)")
        }
        let candidates = r2.entries.filter { $0.tier == .candidate }
        #expect(candidates.count == 13 && candidates.allSatisfy { $0.question?.contains("9 candidate") == true })
        #expect(r2.entries.filter { $0.tier == .monitored }.count == 4)
    }

    @Test func anAbsenceCitesItsOwnEvidenceNotTheHeaders() throws {
        for name in ["LS-0001-2022R0", "LS-0001-2022R2"] {
            let judge = Judge(policy: Lists.policy(name))
            let rc4 = judge.primitive("rc4", role: .cipher, keyBits: 128)
            #expect(rc4.status == .notListed)
            #expect(rc4.citation.evidence == .unconfirmed, "\(name)")
            #expect(rc4.citation.question?.contains("RC4") == true)
            #expect(judge.primitive("ripemd-160", role: PrimitiveRole(rawValue: "hash")).citation.evidence == .unconfirmed)
            // A technique no edition listed rests on the document's evidence.
            let idea = judge.primitive("idea", role: .cipher)
            #expect(idea.status == .notListed && idea.citation.evidence == Lists.ciphers(name).header.evidence)
            #expect(idea.citation.question == nil)
            let suite = judge.suiteFinding(CipherSuite(0x0005), version: .tlsv1_2, subject: "e")
            #expect(suite.listStatus == .notListed && suite.evidence == .unconfirmed)
        }
        // The 2013 list, which has RC4, records no absence.
        #expect(Lists.ciphers("LS-0001-2012R0").absences.isEmpty)
    }

    @Test func curveCoverageIsUnconfirmedAndSoIsAnUncoveredCurve() {
        for name in ["LS-0001-2012R0", "LS-0001-2012R8", "LS-0001-2022R0", "LS-0001-2022R2"] {
            let list = Lists.ciphers(name)
            #expect(list.curves.allSatisfy { $0.evidence == .unconfirmed && $0.derived }, "\(name)")
            let judge = Judge(policy: Lists.policy(name))
            let uncovered = judge.primitive("ecdh", role: .keyExchange, curve: "secp256k1")
            #expect(uncovered.status == .notListed && uncovered.citation.evidence == .unconfirmed && uncovered.citation.derived)
            #expect(judge.primitive("ecdh", role: .keyExchange, curve: "secp256r1").citation.evidence == .unconfirmed)
        }
    }

    @Test func evidenceTagsFollowSection8Point4() throws {
        let r8 = Lists.ciphers("LS-0001-2012R8")
        #expect(r8.header.evidence == .secondary)
        #expect(r8.entries.allSatisfy { $0.evidence != .confirmed })
        let tripleDES = try #require(r8.entriesByPrimitive["3des"])
        #expect(r8.notes(of: tripleDES).first { $0.id == "note-3" }?.evidence == .unconfirmed)
        #expect(Lists.ciphers("LS-0001-2022R2").entriesByPrimitive["gcm"]?.evidence == .secondary)
        #expect(Lists.ciphers("LS-0001-2022R0").entriesByPrimitive["gcm"]?.evidence == .secondary)
        let guideline = try Lists.catalog.guidelines[0]
        #expect(guideline.header.evidence == .secondary)
        for profile in guideline.profiles {
            let hashRules = profile.rules.compactMap { rule -> (Set<Primitive>, ProfileRule)? in
                if case .certificateHashesForbidden(let hashes) = rule.kind { (hashes, rule) } else { nil }
            }
            #expect(hashRules.first { $0.0 == ["sha-1"] }?.1.evidence == .secondary, "\(profile.id)")
            let weaker = hashRules.first { $0.0 == ["md5", "md4", "md2"] }?.1
            #expect(weaker?.evidence == .unconfirmed && weaker?.derived == true, "\(profile.id)")
        }
    }
}
