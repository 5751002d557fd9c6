import Foundation
import Synchronization

/// All list documents available to a run: the built-in ones plus user files.
///
/// A built-in document's header is read at start-up and its body when a run first needs it: a
/// run judges by three documents of the six built in, and parsing YAML was most of a short run's
/// start-up (a TLS scan of one server takes a tenth of a second).
package struct ListCatalog: Sendable {
    /// One document: its header, and its body parsed once, when first asked for.
    final class Entry: Sendable {
        let header: DocumentHeader
        let kind: String
        private let body: Mutex<Result<ListDocument, any Error>?>
        private let parse: @Sendable () throws -> ListDocument

        init(_ document: ListDocument) {
            header = document.header
            kind = document.kind
            body = Mutex(.success(document))
            parse = { document }
        }

        init(header: DocumentHeader, kind: String, parse: @escaping @Sendable () throws -> ListDocument) {
            self.header = header
            self.kind = kind
            body = Mutex(nil)
            self.parse = parse
        }

        /// The whole document; a body whose header is not the one read at start-up is an error.
        func document() throws -> ListDocument {
            if let known = body.withLock({ $0 }) { return try known.get() }
            let parsed = Result { () throws -> ListDocument in
                let document = try parse()
                guard document.header == header, document.kind == kind else {
                    throw ListLoadError(
                        code: .badValue, file: header.origin, line: 1, column: 1,
                        message: "the document's header differs from the header read before it")
                }
                return document
            }
            body.withLock { $0 = parsed }
            return try parsed.get()
        }
    }

    private var entries: [Entry]

    /// Every document, each parsed if it was not yet.
    package var documents: [ListDocument] { get throws { try entries.map { try $0.document() } } }

    /// Every document's header, in the catalog's order (nothing is parsed).
    package var headers: [DocumentHeader] { entries.map(\.header) }

    /// The lists compiled into the binary from `Lists/` at build time.
    package static func builtIn() throws -> ListCatalog { try loadedBuiltIn.get() }

    /// Read once per process: a report judges the same lists on two dates.
    private static let loadedBuiltIn = Result { try readBuiltIn() }

    /// The headers of the embedded files, in their embedded order; the first file whose header
    /// fails is the error.
    private static func readBuiltIn() throws -> ListCatalog {
        ListCatalog(
            entries: try EmbeddedLists.files.map { file in
                let text = String(decoding: file.bytes, as: UTF8.self)
                let name = "Lists/\(file.name)", origin = "built-in:\(file.name)"
                let (kind, header) = try ListLoader.header(text, file: name, origin: origin)
                return Entry(header: header, kind: kind) { try ListLoader.parse(text, file: name, origin: origin) }
            })
    }

    package init(documents: [ListDocument]) { entries = documents.map(Entry.init) }

    private init(entries: [Entry]) { self.entries = entries }

    /// Adds a user file; a document with the same revision replaces the built-in one.
    package mutating func add(_ document: ListDocument) {
        entries.removeAll { $0.header.revision == document.header.revision && $0.kind == document.kind }
        entries.append(Entry(document))
    }

    /// The suffix that pins the first edition of a series, whose official revision name is the
    /// series ID itself (`LS-0001-2022R0` is the first edition of LS-0001-2022).
    package static let firstEditionSuffix = "R0"

    /// The spelling that pins exactly this revision: the revision name, or `<ID>R0` for a first
    /// edition (whose revision name, equal to the series ID, names the series instead).
    package static func pinName(of header: DocumentHeader) -> String {
        header.revision.uppercased() == header.id.uppercased() ? header.id + firstEditionSuffix : header.revision
    }

    /// A document by name, as `--list` reads it:
    /// - an exact pin (`LS-0001-2022R2`, `LS-0001-2012R8`, `GL-3001-3.0.1`, or `<ID>R0` for a
    ///   first edition) selects that revision whatever the date;
    /// - a series ID (`LS-0001-2022`) selects the revision of that series in force on `asOf`:
    ///   the newest one published on or before it (for a superseded series, its last one);
    /// - otherwise, the file path the document was loaded from.
    /// `nil` when nothing matches, or when the series had no revision published by `asOf`.
    package func document(named name: String, asOf: Date) throws -> ListDocument? {
        let key = name.uppercased()
        if let pinned = entries.first(where: { Self.pinName(of: $0.header).uppercased() == key }) { return try pinned.document() }
        if !series(named: name).isEmpty { return try inForce(series: name, asOf: asOf) }
        return try entries.first { $0.header.origin == name || $0.header.origin == "built-in:\(name)" }?.document()
    }

    /// The headers of every revision of a series (by document ID), oldest first.
    package func series(named id: String) -> [DocumentHeader] {
        seriesEntries(named: id).map(\.header)
    }

    private func seriesEntries(named id: String) -> [Entry] {
        entries.filter { $0.header.id.uppercased() == id.uppercased() }.sorted { $0.header.published < $1.header.published }
    }

    /// The revision of a series in force on `asOf`: the newest published on or before it.
    package func inForce(series id: String, asOf: Date) throws -> ListDocument? {
        try seriesEntries(named: id).last { $0.header.published <= asOf }?.document()
    }

    /// The newest document of `kind` published on or before `asOf` (any date when `nil`).
    package func newest(kind: String, publishedBy asOf: Date? = nil) throws -> ListDocument? {
        try entries.filter { entry in entry.kind == kind && asOf.map { entry.header.published <= $0 } ?? true }
            .max { $0.header.published < $1.header.published }?.document()
    }

    package var ciphersLists: [CiphersList] {
        get throws { try documents.compactMap { if case .ciphers(let list) = $0 { list } else { nil } } }
    }

    package var strengthRequirements: [StrengthRequirements] {
        get throws { try documents.compactMap { if case .strength(let value) = $0 { value } else { nil } } }
    }

    package var guidelines: [TLSGuideline] {
        get throws { try documents.compactMap { if case .guideline(let value) = $0 { value } else { nil } } }
    }
}
