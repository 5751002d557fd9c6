import Foundation
import Synchronization

/// All list documents available to a run: the built-in ones plus user files.
public struct ListCatalog: Sendable {
    public private(set) var documents: [ListDocument]

    /// The lists compiled into the binary from `Lists/` at build time.
    public static func builtIn() throws -> ListCatalog { try loadedBuiltIn.get() }

    /// Parsed once per process: a report judges the same lists on two dates.
    private static let loadedBuiltIn = Result { try parseBuiltIn() }

    /// The files are parsed side by side (YAML parsing is most of a short run's start-up: a
    /// TLS scan of one server takes a tenth of a second), and kept in their embedded order; the
    /// first file that fails is the error.
    private static func parseBuiltIn() throws -> ListCatalog {
        let files = EmbeddedLists.files
        let parsed = Mutex([Result<ListDocument, any Error>?](repeating: nil, count: files.count))
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            let file = files[index]
            let text = String(decoding: file.bytes, as: UTF8.self)
            let result = Result { try ListLoader.parse(text, file: "Lists/\(file.name)", origin: "built-in:\(file.name)") }
            parsed.withLock { $0[index] = result }
        }
        return ListCatalog(documents: try parsed.withLock { results in try results.map { try $0!.get() } })
    }

    public init(documents: [ListDocument]) { self.documents = documents }

    /// Adds a user file; a document with the same revision replaces the built-in one.
    public mutating func add(_ document: ListDocument) {
        documents.removeAll { $0.header.revision == document.header.revision && $0.kind == document.kind }
        documents.append(document)
    }

    /// The suffix that pins the first edition of a series, whose official revision name is the
    /// series ID itself (`LS-0001-2022R0` is the first edition of LS-0001-2022).
    public static let firstEditionSuffix = "R0"

    /// The spelling that pins exactly this revision: the revision name, or `<ID>R0` for a first
    /// edition (whose revision name, equal to the series ID, names the series instead).
    public static func pinName(of header: DocumentHeader) -> String {
        header.revision.uppercased() == header.id.uppercased() ? header.id + firstEditionSuffix : header.revision
    }

    /// A document by name, as `--list` reads it:
    /// - an exact pin (`LS-0001-2022R2`, `LS-0001-2012R8`, `GL-3001-3.0.1`, or `<ID>R0` for a
    ///   first edition) selects that revision whatever the date;
    /// - a series ID (`LS-0001-2022`) selects the revision of that series in force on `asOf`:
    ///   the newest one published on or before it (for a superseded series, its last one);
    /// - otherwise, the file path the document was loaded from.
    /// `nil` when nothing matches, or when the series had no revision published by `asOf`.
    public func document(named name: String, asOf: Date) -> ListDocument? {
        let key = name.uppercased()
        if let pinned = documents.first(where: { Self.pinName(of: $0.header).uppercased() == key }) { return pinned }
        if !series(named: name).isEmpty { return inForce(series: name, asOf: asOf) }
        return documents.first { $0.header.origin == name || $0.header.origin == "built-in:\(name)" }
    }

    /// Every revision of a series (by document ID), oldest first.
    public func series(named id: String) -> [ListDocument] {
        documents.filter { $0.header.id.uppercased() == id.uppercased() }
            .sorted { $0.header.published < $1.header.published }
    }

    /// The revision of a series in force on `asOf`: the newest published on or before it.
    public func inForce(series id: String, asOf: Date) -> ListDocument? {
        series(named: id).last { $0.header.published <= asOf }
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
