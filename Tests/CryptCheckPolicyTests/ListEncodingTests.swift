import CryptCheckModel
import Testing

@testable import CryptCheckPolicy

/// The 2013 list transcribed by hand from ../shared/reference/cryptrec.md section 1.2, independent
/// of Lists/cryptrec-ls-0001-2012.yaml: the two must agree entry for entry.
let reference2013: [(Primitive, ListTier, PrimitiveKind)] = [
    ("dsa", .recommended, .signature), ("ecdsa", .recommended, .signature),
    ("rsa-pss", .recommended, .signature), ("rsassa-pkcs1-v1_5", .recommended, .signature),
    ("rsa-oaep", .recommended, .confidentiality), ("dh", .recommended, .keyExchange),
    ("ecdh", .recommended, .keyExchange), ("3des", .recommended, .blockCipher64),
    ("aes", .recommended, .blockCipher128), ("camellia", .recommended, .blockCipher128),
    ("kcipher-2", .recommended, .streamCipher), ("sha-256", .recommended, .hash),
    ("sha-384", .recommended, .hash), ("sha-512", .recommended, .hash),
    ("cbc", .recommended, .encryptionMode), ("cfb", .recommended, .encryptionMode),
    ("ctr", .recommended, .encryptionMode), ("ofb", .recommended, .encryptionMode),
    ("ccm", .recommended, .authenticatedEncryption), ("gcm", .recommended, .authenticatedEncryption),
    ("cmac", .recommended, .mac), ("hmac", .recommended, .mac),
    ("iso-iec-9798-2", .recommended, .entityAuthentication), ("iso-iec-9798-3", .recommended, .entityAuthentication),
    ("psec-kem", .candidate, .keyExchange), ("cipherunicorn-e", .candidate, .blockCipher64),
    ("hierocrypt-l1", .candidate, .blockCipher64), ("misty1", .candidate, .blockCipher64),
    ("cipherunicorn-a", .candidate, .blockCipher128), ("clefia", .candidate, .blockCipher128),
    ("hierocrypt-3", .candidate, .blockCipher128), ("sc2000", .candidate, .blockCipher128),
    ("enocoro-128v2", .candidate, .streamCipher), ("mugi", .candidate, .streamCipher),
    ("multi-s01", .candidate, .streamCipher), ("pc-mac-aes", .candidate, .mac),
    ("iso-iec-9798-4", .candidate, .entityAuthentication),
    ("rsaes-pkcs1-v1_5", .monitored, .confidentiality), ("rc4", .monitored, .streamCipher),
    ("ripemd-160", .monitored, .hash), ("sha-1", .monitored, .hash), ("cbc-mac", .monitored, .mac),
]

@Suite("List encoding")
struct ListEncodingTests {
    @Test func builtInListsLoad() throws {
        #expect(
            try Lists.catalog.ciphersLists.map(\.header.revision).sorted()
                == ["LS-0001-2012", "LS-0001-2012R8", "LS-0001-2022", "LS-0001-2022R2"])
        #expect(try Lists.catalog.strengthRequirements.count == 1)
        #expect(try Lists.catalog.guidelines.first?.profiles.map(\.id) == ["high", "recommended", "exception"])
    }

    @Test func the2013ListHasExactlyTheReferenceEntries() {
        let list = Lists.ciphers("LS-0001-2012R0")
        #expect(list.entries.count == reference2013.count)
        for (primitive, tier, category) in reference2013 {
            let entry = list.entriesByPrimitive[primitive]
            #expect(entry?.tier == tier, "\(primitive)")
            #expect(entry?.category == category, "\(primitive)")
            #expect(entry?.evidence == .confirmed, "\(primitive)")
            #expect(entry?.revision == "LS-0001-2012" && entry?.source.isEmpty == false)
        }
    }

    @Test(arguments: reference2013)
    func everyTechniqueOfThe2013ListEvaluatesToItsTier(primitive: Primitive, tier: ListTier, category: PrimitiveKind) {
        let judgement = Lists.judge("LS-0001-2012R0").primitive(
            primitive, role: PrimitiveRole(rawValue: "test"), keyBits: primitive == "rc4" ? 128 : nil)
        #expect(judgement.status == ListStatus(tier))
        #expect(judgement.citation.revision == "LS-0001-2012")
        #expect(judgement.citation.category == category.rawValue)
        #expect(judgement.citation.evidence == .confirmed)
    }

    @Test func notesAndOpenQuestionsTravelWithEntries() {
        let list = Lists.ciphers("LS-0001-2012R0")
        let tripleDES = list.entriesByPrimitive["3des"]!
        #expect(list.notes(of: tripleDES).map(\.id) == ["note-2", "note-3"])
        #expect(list.notes(of: list.entriesByPrimitive["gcm"]!).first?.text.contains("96-bit") == true)
        let chacha = Lists.ciphers("LS-0001-2022").entriesByPrimitive["chacha20-poly1305"]!
        #expect(chacha.evidence == .unconfirmed && chacha.question != nil)
    }

    @Test func evidenceLevelsFollowTheReferenceTags() throws {
        let list2022 = Lists.ciphers("LS-0001-2022")
        #expect(list2022.entriesByPrimitive["eddsa"]?.evidence == .secondary)
        #expect(list2022.entriesByPrimitive["ml-kem-768"]?.evidence == .secondary)
        #expect(list2022.entriesByPrimitive["ml-kem-512"] == nil)
        #expect(list2022.entriesByPrimitive["3des"]?.evidence == .unconfirmed)
        #expect(list2022.entriesByPrimitive["rc4"] == nil)
        let strength = try Lists.catalog.strengthRequirements[0]
        #expect(strength.levelsEvidence == .secondary)
        // The periods by end of operation are reproduced by a secondary source (cryptrec.md 8.2); the
        // size-to-strength tables were seen nowhere.
        #expect(strength.periods.allSatisfy { $0.evidence == .secondary })
        #expect(strength.families.allSatisfy { $0.evidence == .unconfirmed })
    }
}
