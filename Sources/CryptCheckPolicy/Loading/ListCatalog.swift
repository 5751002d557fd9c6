import Foundation

/// All list documents available to a run: the built-in ones plus user files.
public struct ListCatalog: Sendable {
    public private(set) var documents: [ListDocument]

    /// The lists compiled into the binary from `Lists/` at build time.
    public static func builtIn() throws -> ListCatalog { try loadedBuiltIn.get() }

    /// Parsed once per process: a report judges the same lists on two dates.
    private static let loadedBuiltIn = Result { try parseBuiltIn() }

    private static func parseBuiltIn() throws -> ListCatalog {
        var documents: [ListDocument] = []
        for file in EmbeddedLists.files {
            let text = String(decoding: file.bytes, as: UTF8.self)
            documents.append(try ListLoader.parse(text, file: "Lists/\(file.name)", origin: "built-in:\(file.name)"))
        }
        return ListCatalog(documents: documents)
    }

    public init(documents: [ListDocument]) { self.documents = documents }

    /// Adds a user file; a document with the same revision replaces the built-in one.
    public mutating func add(_ document: ListDocument) {
        documents.removeAll { $0.header.revision == document.header.revision && $0.kind == document.kind }
        documents.append(document)
    }

    /// A document by revision (`LS-0001-2012R8`) or, failing that, by document ID, preferring the
    /// original revision whose name equals the ID; or by the file path it was loaded from.
    public func document(named name: String) -> ListDocument? {
        let key = name.uppercased()
        return documents.first { $0.header.revision.uppercased() == key }
            ?? documents.first { $0.header.id.uppercased() == key }
            ?? documents.first { $0.header.origin == name || $0.header.origin == "built-in:\(name)" }
    }

    public var ciphersLists: [CiphersList] {
        documents.compactMap { if case .ciphers(let list) = $0 { list } else { nil } }
    }

    public var strengthRequirements: [StrengthRequirements] {
        documents.compactMap { if case .strength(let value) = $0 { value } else { nil } }
    }

    public var guidelines: [TLSGuideline] {
        documents.compactMap { if case .guideline(let value) = $0 { value } else { nil } }
    }
}
