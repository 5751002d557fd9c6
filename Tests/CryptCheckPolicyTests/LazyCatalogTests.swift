import CryptCheckModel
import Foundation
import Testing

@testable import CryptCheckPolicy

/// The built-in catalog reads each document's header at start-up and its body when first needed;
/// the header read from the leading fields must be the header the whole document gives.
@Suite("Built-in documents: header first, body on demand")
struct LazyCatalogTests {
    @Test func headersReadFirstAreTheDocumentsHeaders() throws {
        let catalog = try ListCatalog.builtIn()
        let documents = try catalog.documents
        #expect(catalog.headers == documents.map(\.header))
        #expect(catalog.headers.count == EmbeddedLists.files.count)
        for file in EmbeddedLists.files {
            let text = String(decoding: file.bytes, as: UTF8.self)
            let (kind, header) = try ListLoader.header(text, file: file.name, origin: "built-in:\(file.name)")
            let whole = try ListLoader.parse(text, file: file.name, origin: "built-in:\(file.name)")
            #expect(kind == whole.kind)
            #expect(header == whole.header)
        }
    }

    /// A header field after the body is not seen by the header reader: the file fails with a
    /// missing field instead of giving a header the body would contradict.
    @Test func aHeaderFieldAfterTheBodyIsAnError() throws {
        let text = """
            schema: 2
            kind: strength-requirements
            id: LS-0003-2022
            revision: LS-0003-2022
            title: t
            levels: []
            published: 2022-03-01
            source: s
            evidence: confirmed
            """
        #expect(throws: ListLoadError.self) { try ListLoader.header(text, file: "late.yaml", origin: "late.yaml") }
    }

    /// Selecting by date parses only what the policy needs, and gives what the whole catalog gives.
    @Test func policiesFromTheLazyCatalogEqualThoseFromParsedDocuments() throws {
        let lazy = try ListCatalog.builtIn()
        let parsed = ListCatalog(documents: try lazy.documents)
        for day in ["2013-06-01", "2023-06-01", "2026-11-30"] {
            let asOf = try #require(PolicySelection.parseDay(day))
            let fromLazy = try PolicySelection.policies(selected: [], catalog: lazy, asOf: asOf)
            let fromParsed = try PolicySelection.policies(selected: [], catalog: parsed, asOf: asOf)
            #expect(fromLazy.map(\.list.header) == fromParsed.map(\.list.header))
            #expect(fromLazy.map { $0.strength?.header } == fromParsed.map { $0.strength?.header })
            #expect(fromLazy.map { $0.guideline?.header } == fromParsed.map { $0.guideline?.header })
        }
    }
}
