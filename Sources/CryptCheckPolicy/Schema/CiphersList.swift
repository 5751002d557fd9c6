import CryptCheckModel

/// One CRYPTREC Ciphers List revision: techniques by tier, notes and covered curves.
public struct CiphersList: Sendable {
    public let header: DocumentHeader
    public let entries: [ListEntry]
    public let notes: [ListNote]
    public let curves: [CurveCoverage]
    /// Techniques an earlier edition listed and this revision is taken not to list (schema 2).
    public let absences: [ListAbsence]

    /// Entries by primitive; a primitive appears at most once per list.
    public let entriesByPrimitive: [Primitive: ListEntry]
    let notesByID: [String: ListNote]
    let curvesByID: [String: CurveCoverage]
    let absencesByPrimitive: [Primitive: ListAbsence]

    init(
        header: DocumentHeader, entries: [ListEntry], notes: [ListNote], curves: [CurveCoverage],
        absences: [ListAbsence] = []
    ) {
        self.header = header
        self.entries = entries
        self.notes = notes
        self.curves = curves
        self.absences = absences
        self.absencesByPrimitive = Dictionary(absences.map { ($0.primitive, $0) }, uniquingKeysWith: { a, _ in a })
        self.entriesByPrimitive = Dictionary(entries.map { ($0.primitive, $0) }, uniquingKeysWith: { a, _ in a })
        self.notesByID = Dictionary(notes.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        self.curvesByID = Dictionary(curves.map { ($0.curve, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The notes an entry refers to, resolved.
    public func notes(of entry: ListEntry) -> [ListNote] { entry.noteIDs.compactMap { notesByID[$0] } }

    /// The coverage entry of a curve, or `nil` when the list does not cover it.
    public func coverage(ofCurve curve: String) -> CurveCoverage? { curvesByID[curve] }

    /// The recorded absence of a primitive, when the file makes one explicit.
    public func absence(of primitive: Primitive) -> ListAbsence? { absencesByPrimitive[primitive] }

    /// How well "this curve is not covered" is backed: the curve table is checker logic, so an
    /// uncovered curve rests on the weakest evidence of the table (`confirmed` for no table).
    public var curveCoverageEvidence: EvidenceLevel { EvidenceLevel.weakest(of: curves.map(\.evidence)) }
}

/// A technique an earlier edition of the series had that this revision is taken not to list.
/// "Not listed" then rests on this entry's evidence and question, not on the document header's.
public struct ListAbsence: Sendable, Hashable {
    public let technique: String
    public let primitive: Primitive
    public let evidence: EvidenceLevel
    public let source: String
    /// The open question behind the absence, kept visible next to it.
    public let question: String?
}

/// One technique on a list.
public struct ListEntry: Sendable, Hashable {
    public let technique: String
    public let primitive: Primitive
    public let tier: ListTier
    /// The list category (`signature`, `block-cipher-128`, ...).
    public let category: PrimitiveKind
    public let evidence: EvidenceLevel
    /// The source document of this entry (the file's own unless the entry names another).
    public let source: String
    /// The revision this entry comes from.
    public let revision: String
    public let noteIDs: [String]
    /// Smallest key size the entry covers (e.g. 128-bit RC4); `nil` for any.
    public let minKeyBits: Int?
    /// An open question about this entry, kept visible next to it.
    public let question: String?
}

/// A numbered note of a list (注1 ...).
public struct ListNote: Sendable, Hashable {
    public let id: String
    public let text: String
    public let textJa: String?
    public let evidence: EvidenceLevel
}

/// Whether the list's ECDH/ECDSA entries are taken to cover a curve (checker logic).
public struct CurveCoverage: Sendable, Hashable {
    public let curve: String
    public let evidence: EvidenceLevel
    public let derived: Bool
    public let note: String
}
