import Testing

@testable import CryptCheckPolicy

@Suite("Malformed list files fail with file:line:column")
struct MalformedListTests {
    static let header = """
        schema: 1
        kind: ciphers-list
        id: TEST
        revision: TEST-R1
        title: Test list
        published: 2024-01-01
        source: test
        evidence: confirmed

        """

    func loadError(_ text: String) -> ListLoadError? {
        do {
            _ = try ListLoader.parse(text, file: "test.yaml", origin: "test.yaml")
            return nil
        } catch let error as ListLoadError {
            return error
        } catch {
            return nil
        }
    }

    @Test func unknownPrimitiveIsLocated() throws {
        let text =
            Self.header + """
                entries:
                  - {technique: AES, primitive: aes, tier: recommended, category: block-cipher-128, evidence: confirmed}
                  - {technique: AES-512, primitive: aes-512, tier: recommended, category: block-cipher-128, evidence: confirmed}
                """
        let error = try #require(loadError(text))
        #expect(error.code == .unknownIdentifier)
        #expect(error.line == 11 && error.column == 37)
        #expect(error.description.hasPrefix("test.yaml:11:37: unknown primitive identifier 'aes-512'"))
    }

    @Test func missingFieldNamesTheField() throws {
        let text =
            Self.header + """
                entries:
                  - technique: AES
                    primitive: aes
                    category: block-cipher-128
                    evidence: confirmed
                """
        let error = try #require(loadError(text))
        #expect(error.code == .missingField && error.message.contains("'tier'"))
        #expect(error.line == 10 && error.column == 5)
    }

    @Test func badDateIsLocated() throws {
        let text = Self.header.replacingOccurrences(of: "2024-01-01", with: "2024-02-30") + "entries: []\n"
        let error = try #require(loadError(text))
        #expect(error.code == .badDate && error.line == 6 && error.column == 12)
    }

    @Test func yamlSyntaxErrorIsLocated() throws {
        let error = try #require(loadError(Self.header + "entries:\n  - {technique: AES, primitive: aes\n"))
        #expect(error.code == .syntax && error.line >= 10)
    }

    @Test func misspelledFieldIsRejected() throws {
        let text =
            Self.header + """
                entries:
                  - {technique: AES, primitive: aes, tier: recommended, category: block-cipher-128, evidnce: confirmed}
                """
        let error = try #require(loadError(text))
        #expect(error.code == .unknownField && error.message.contains("evidnce"))
    }

    @Test func badTierAndDuplicatesAreRejected() throws {
        let badTier =
            Self.header + """
                entries:
                  - {technique: AES, primitive: aes, tier: great, category: block-cipher-128, evidence: confirmed}
                """
        #expect(loadError(badTier)?.code == .badValue)
        let duplicate =
            Self.header + """
                entries:
                  - {technique: AES, primitive: aes, tier: recommended, category: block-cipher-128, evidence: confirmed}
                  - {technique: AES, primitive: aes, tier: candidate, category: block-cipher-128, evidence: confirmed}
                """
        #expect(loadError(duplicate)?.code == .duplicate)
        #expect(
            loadError(Self.header.replacingOccurrences(of: "schema: 1", with: "schema: 3") + "entries: []\n")?.code == .unsupportedSchema)
    }

    @Test func validMinimalListLoads() throws {
        let text =
            Self.header + """
                entries:
                  - {technique: AES, primitive: aes, tier: recommended, category: block-cipher-128, evidence: confirmed}
                """
        guard case .ciphers(let list) = try ListLoader.parse(text, file: "t", origin: "t") else {
            Issue.record("not a ciphers list")
            return
        }
        #expect(list.entries.count == 1 && list.header.revision == "TEST-R1")
    }
}
