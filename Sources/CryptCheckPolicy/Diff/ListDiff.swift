import CryptCheckModel

/// What changed between two ciphers lists, entry by entry (keyed by primitive).
package struct ListDiff: Sendable, Hashable, Codable {
    package struct EntryChange: Sendable, Hashable, Codable {
        package var primitive: Primitive
        package var technique: String
        /// `added`, `removed` or `changed`.
        package var change: String
        /// Human-readable changes (`tier: recommended -> monitored`).
        package var details: [String]
    }

    package var from: String
    package var to: String
    package var changes: [EntryChange]
    package var curveChanges: [String]
    /// Absences the newer list records (a technique dropped, with the evidence of the drop), and
    /// absences the older one recorded that the newer one no longer does.
    package var absenceChanges: [String]

    package var isEmpty: Bool { changes.isEmpty && curveChanges.isEmpty && absenceChanges.isEmpty }

    package init(from old: CiphersList, to new: CiphersList) {
        from = old.header.revision
        to = new.header.revision
        var changes: [EntryChange] = []
        let primitives = Set(old.entriesByPrimitive.keys).union(new.entriesByPrimitive.keys).sorted()
        for primitive in primitives {
            switch (old.entriesByPrimitive[primitive], new.entriesByPrimitive[primitive]) {
            case (nil, let added?):
                changes.append(
                    EntryChange(
                        primitive: primitive, technique: added.technique, change: "added",
                        details: ["\(added.tier.rawValue) (\(added.category.rawValue)), evidence \(added.evidence.rawValue)"]))
            case (let removed?, nil):
                let absence =
                    new.absence(of: primitive).map { absence in
                        "; evidence of the absence \(absence.evidence.rawValue)" + (absence.question.map { " (open: \($0))" } ?? "")
                    } ?? ""
                changes.append(
                    EntryChange(
                        primitive: primitive, technique: removed.technique, change: "removed",
                        details: ["was \(removed.tier.rawValue) (\(removed.category.rawValue)); now not listed\(absence)"]))
            case (let before?, let after?):
                var details: [String] = []
                if before.tier != after.tier { details.append("tier: \(before.tier.rawValue) -> \(after.tier.rawValue)") }
                if before.category != after.category {
                    details.append("category: \(before.category.rawValue) -> \(after.category.rawValue)")
                }
                if before.evidence != after.evidence {
                    details.append("evidence: \(before.evidence.rawValue) -> \(after.evidence.rawValue)")
                }
                if before.minKeyBits != after.minKeyBits {
                    details.append(
                        "key-size condition: \(before.minKeyBits.map(String.init) ?? "none") -> \(after.minKeyBits.map(String.init) ?? "none")"
                    )
                }
                let notesBefore = old.notes(of: before).map(\.text), notesAfter = new.notes(of: after).map(\.text)
                if notesBefore != notesAfter {
                    for note in notesBefore where !notesAfter.contains(note) { details.append("note removed: \(note)") }
                    for note in notesAfter where !notesBefore.contains(note) { details.append("note added: \(note)") }
                }
                if !details.isEmpty {
                    changes.append(EntryChange(primitive: primitive, technique: after.technique, change: "changed", details: details))
                }
            case (nil, nil):
                break
            }
        }
        self.changes = changes
        var curveChanges: [String] = []
        for curve in Set(old.curves.map(\.curve)).union(new.curves.map(\.curve)).sorted() {
            switch (old.coverage(ofCurve: curve), new.coverage(ofCurve: curve)) {
            case (nil, let added?): curveChanges.append("\(curve): now covered (evidence \(added.evidence.rawValue))")
            case (_?, nil): curveChanges.append("\(curve): no longer covered")
            case (let before?, let after?) where before.evidence != after.evidence:
                curveChanges.append("\(curve): evidence \(before.evidence.rawValue) -> \(after.evidence.rawValue)")
            default: break
            }
        }
        self.curveChanges = curveChanges
        var absenceChanges: [String] = []
        for absence in new.absences where old.absence(of: absence.primitive) != absence {
            absenceChanges.append(
                "\(absence.technique) [\(absence.primitive)]: recorded as not listed (evidence \(absence.evidence.rawValue))")
        }
        for absence in old.absences where new.absence(of: absence.primitive) == nil {
            absenceChanges.append("\(absence.technique) [\(absence.primitive)]: no longer recorded as absent")
        }
        self.absenceChanges = absenceChanges
    }
}
