import CryptCheckModel

/// One CRYPTREC Ciphers List revision: techniques by tier, notes and covered curves.
package struct CiphersList: Sendable {
    package let header: DocumentHeader
    package let entries: [ListEntry]
    package let notes: [ListNote]
    package let curves: [CurveCoverage]
    /// Techniques an earlier edition listed and this revision is taken not to list (schema 2).
    package let absences: [ListAbsence]

    /// Entries by primitive; a primitive appears at most once per list.
    package let entriesByPrimitive: [Primitive: ListEntry]
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
    package func notes(of entry: ListEntry) -> [ListNote] { entry.noteIDs.compactMap { notesByID[$0] } }

    /// The coverage entry of a curve, or `nil` when the list does not cover it.
    package func coverage(ofCurve curve: String) -> CurveCoverage? { curvesByID[curve] }

    /// The recorded absence of a primitive, when the file makes one explicit.
    package func absence(of primitive: Primitive) -> ListAbsence? { absencesByPrimitive[primitive] }

    /// How well "this curve is not covered" is backed: the curve table is checker logic, so an
    /// uncovered curve rests on the weakest evidence of the table (`confirmed` for no table).
    package var curveCoverageEvidence: EvidenceLevel { EvidenceLevel.weakest(of: curves.map(\.evidence)) }
}

/// A technique an earlier edition of the series had that this revision is taken not to list.
/// "Not listed" then rests on this entry's evidence and question, not on the document header's.
package struct ListAbsence: Sendable, Hashable {
    package let technique: String
    package let primitive: Primitive
    package let evidence: EvidenceLevel
    package let source: String
    /// The open question behind the absence, kept visible next to it.
    package let question: String?
}

/// One technique on a list.
package struct ListEntry: Sendable, Hashable {
    package let technique: String
    package let primitive: Primitive
    package let tier: ListTier
    /// The list category (`signature`, `block-cipher-128`, ...).
    package let category: PrimitiveKind
    package let evidence: EvidenceLevel
    /// The source document of this entry (the file's own unless the entry names another).
    package let source: String
    /// The revision this entry comes from.
    package let revision: String
    package let noteIDs: [String]
    /// Smallest key size the entry covers (e.g. 128-bit RC4); `nil` for any.
    package let minKeyBits: Int?
    /// An open question about this entry, kept visible next to it.
    package let question: String?
}

/// A numbered note of a list (注1 ...).
package struct ListNote: Sendable, Hashable {
    package let id: String
    package let text: String
    package let textJa: String?
    package let evidence: EvidenceLevel
}

/// Whether the list's ECDH/ECDSA entries are taken to cover a curve (checker logic).
package struct CurveCoverage: Sendable, Hashable {
    package let curve: String
    package let evidence: EvidenceLevel
    package let derived: Bool
    package let note: String
}
