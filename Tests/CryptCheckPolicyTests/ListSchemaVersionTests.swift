import Testing

@testable import CryptCheckPolicy

/// Schema 2 (issue 12): what it adds, and what happens to schema 1 files.
@Suite("List schema versions")
struct ListSchemaVersionTests {
    static func header(schema: Int, kind: String = "ciphers-list") -> String {
        """
        schema: \(schema)
        kind: \(kind)
        id: TEST
        revision: TEST-R1
        title: Test
        published: 2024-01-01
        source: test
        evidence: confirmed

        """
    }

    static let entries = """
        entries:
          - {technique: AES, primitive: aes, tier: recommended, category: block-cipher-128, evidence: confirmed}

        """

    static let absent = """
        absent:
          - {technique: 128-bit RC4, primitive: rc4, evidence: unconfirmed, question: "dropped?"}

        """

    func error(_ text: String) -> ListLoadError? {
        do {
            _ = try ListLoader.parse(text, file: "user.yaml", origin: "user.yaml")
            return nil
        } catch {
            return error as? ListLoadError
        }
    }

    @Test func aSchema1CiphersListStillLoads() throws {
        guard case .ciphers(let list) = try ListLoader.parse(Self.header(schema: 1) + Self.entries, file: "u", origin: "u") else {
            Issue.record("not a ciphers list")
            return
        }
        #expect(list.entries.count == 1 && list.absences.isEmpty)
    }

    @Test func schema2FieldsInASchema1FileAreNamedErrors() throws {
        let absent = try #require(error(Self.header(schema: 1) + Self.entries + Self.absent))
        #expect(absent.code == .unsupportedSchema)
        #expect(absent.description.hasPrefix("user.yaml:12:") && absent.description.contains("'absent' needs schema 2"))
        guard case .ciphers(let list) = try ListLoader.parse(Self.header(schema: 2) + Self.entries + Self.absent, file: "u", origin: "u")
        else {
            Issue.record("not a ciphers list")
            return
        }
        #expect(list.absence(of: "rc4")?.evidence == .unconfirmed && list.absence(of: "rc4")?.question == "dropped?")
    }

    @Test func anAbsentTechniqueCannotAlsoBeListed() {
        let both =
            Self.header(schema: 2) + Self.entries + """
                absent:
                  - {technique: AES, primitive: aes, evidence: unconfirmed}
                """
        #expect(error(both)?.code == .duplicate)
    }

    @Test func anOldGuidelineJudgedByListTiersFailsWithAnExplanation() throws {
        let old =
            Self.header(schema: 1, kind: "tls-guideline") + """
                profiles:
                  - id: recommended
                    name: Recommended
                    rules:
                      - {rule: suite-tiers, tiers: [recommended, candidate], evidence: unconfirmed, derived: true}
                """
        let failure = try #require(error(old))
        #expect(failure.description.hasPrefix("user.yaml:13:"))
        #expect(failure.message.contains("suite-tiers") && failure.message.contains("not by the ciphers list"))
        // A schema 1 guideline without it still loads.
        let plain =
            Self.header(schema: 1, kind: "tls-guideline") + """
                profiles:
                  - id: recommended
                    name: Recommended
                    rules:
                      - {rule: versions-allowed, versions: [TLSv1.2, TLSv1.3], evidence: confirmed}
                """
        #expect(error(plain) == nil)
        let newRule = plain.replacingOccurrences(
            of: "{rule: versions-allowed, versions: [TLSv1.2, TLSv1.3], evidence: confirmed}",
            with: "{rule: suite-classes, evidence: unconfirmed}")
        #expect(error(newRule)?.code == .unsupportedSchema)
    }

    @Test func aSuiteClassNeedsAMatcherAndAKnownProfile() {
        let base =
            Self.header(schema: 2, kind: "tls-guideline") + """
                profiles:
                  - id: recommended
                    name: Recommended
                    rules:
                      - {rule: suite-classes, evidence: unconfirmed}

                """
        #expect(error(base)?.code == .missingField)  // a suite-classes rule with no class naming the profile
        #expect(
            error(base + "suite_classes:\n  - {class: prohibited, profiles: [recommended], name: x, evidence: confirmed}\n")?.code
                == .missingField)
        #expect(
            error(base + "suite_classes:\n  - {class: prohibited, profiles: [high], name: x, cipher: [rc4], evidence: confirmed}\n")?.code
                == .unknownIdentifier)
        #expect(
            error(base + "suite_classes:\n  - {class: prohibited, profiles: [recommended], name: x, cipher: [rc4], evidence: confirmed}\n")
                == nil)
    }
}
