import CryptCheckPolicy
import Foundation

/// Renders list documents for `cryptcheck lists`.
package enum ListTextRenderer {
    /// One line per available document, with the spelling that pins it and, per series, the
    /// revision in force on `asOf` (what a series ID and the default select).
    package static func overview(_ catalog: ListCatalog, asOf: Date) throws -> String {
        var table = TextTable("PIN WITH --list", "REVISION", "KIND", "PUBLISHED", "EVIDENCE", "CONTENT", "FROM")
        for document in try catalog.documents {
            let header = document.header
            let content =
                switch document {
                case .ciphers(let list):
                    "\(list.entries.count) techniques" + (list.absences.isEmpty ? "" : ", \(list.absences.count) absences")
                case .strength(let requirements):
                    "\(requirements.families.count) families, \(requirements.periods.count) levels by end of operation"
                case .guideline(let guideline): "\(guideline.profiles.count) profiles, \(guideline.suiteClasses.count) suite classes"
                }
            table.add(
                ListCatalog.pinName(of: header), header.revision, document.kind, Policy.dayText(header.published),
                header.evidence.rawValue, content, header.origin)
        }
        var out = table.render(indent: 0)
        out += "\nA series ID selects the revision in force on the as-of date (on \(Policy.dayText(asOf))):\n"
        for id in Set(catalog.headers.map(\.id)).sorted() {
            let inForce =
                catalog.series(named: id).last { $0.published <= asOf }.map { header in
                    header.revision
                        + (ListCatalog.pinName(of: header) == header.revision ? "" : " (pin: \(ListCatalog.pinName(of: header)))")
                } ?? "none yet"
            out += "  --list \(id) -> \(inForce)\n"
        }
        out +=
            "An exact revision is pinned by its name; a first edition, whose name is the series ID, by <ID>\(ListCatalog.firstEditionSuffix) "
            + "(e.g. LS-0001-2022\(ListCatalog.firstEditionSuffix)). Without --list, the ciphers list in force on the as-of date is used.\n"
        return out
    }

    /// The full content of one document.
    package static func show(_ document: ListDocument) -> String {
        let header = document.header
        var out = "\(header.revision): \(header.title)\n"
        if ListCatalog.pinName(of: header) != header.revision {
            out +=
                "(first edition of \(header.id): pin it with --list \(ListCatalog.pinName(of: header)); \(header.id) alone means the revision in force)\n"
        }
        if let titleJa = header.titleJa { out += "\(titleJa)\n" }
        out += "Published \(Policy.dayText(header.published)); evidence \(header.evidence.rawValue); source: \(header.source)\n\n"
        switch document {
        case .ciphers(let list):
            for tier in ListTier.allCases {
                let entries = list.entries.filter { $0.tier == tier }
                out += "\(tierTitle(tier)) (\(entries.count))\n"
                var table = TextTable("CATEGORY", "TECHNIQUE", "ID", "EVIDENCE", "NOTES")
                for entry in entries {
                    var notes = entry.noteIDs.joined(separator: ", ")
                    if let minimum = entry.minKeyBits { notes += (notes.isEmpty ? "" : "; ") + "\(minimum)-bit keys only" }
                    if let question = entry.question { notes += (notes.isEmpty ? "" : "; ") + "open: \(question)" }
                    table.add(entry.category.rawValue, entry.technique, entry.primitive.rawValue, entry.evidence.rawValue, notes)
                }
                out += (entries.isEmpty ? "  (none)\n" : table.render()) + "\n"
            }
            if !list.notes.isEmpty {
                out += "Notes\n"
                for note in list.notes { out += "  \(note.id) [\(note.evidence.rawValue)]: \(note.text)\n" }
                out += "\n"
            }
            if !list.absences.isEmpty {
                out += "Not listed: taken to be dropped since an earlier edition of the series (each absence with its own evidence)\n"
                for absence in list.absences {
                    out +=
                        "  \(absence.technique) [\(absence.primitive.rawValue)] [\(absence.evidence.rawValue)]"
                        + (absence.question.map { " open: \($0)" } ?? "") + "\n"
                }
                out += "\n"
            }
            if !list.curves.isEmpty {
                out += "Curves the ECDH/ECDSA entries are taken to cover (derived)\n"
                for curve in list.curves { out += "  \(curve.curve) [\(curve.evidence.rawValue)]: \(curve.note)\n" }
            }
        case .strength(let requirements):
            out +=
                "Strength levels: \(requirements.levels.map(String.init).joined(separator: ", ")) bits [\(requirements.levelsEvidence.rawValue)]\n\n"
            var table = TextTable("FAMILY", "SIZE -> STRENGTH", "EVIDENCE")
            for family in requirements.families {
                table.add(
                    family.name.rawValue, family.rows.map { "\($0.size)->\($0.strength)" }.joined(separator: "  "),
                    family.evidence.rawValue)
            }
            out += table.render() + "\nCurves with explicit strength\n"
            for curve in requirements.curveStrengths {
                out += "  \(curve.curve): \(curve.strength) bits [\(curve.evidence.rawValue)] \(curve.note)\n"
            }
            out += "\nStanding by the system's end of operation (--operation-end)\n"
            var periods = TextTable(
                "STRENGTH", "USABLE THROUGH", "MIGRATION (移行完遂期間) THROUGH", "NOT USABLE FROM", "EXISTING DATA THEN", "EVIDENCE")
            for period in requirements.periods {
                periods.add(
                    "\(period.strength) bits", period.usableThrough.map(Policy.dayText) ?? "-",
                    period.migrationThrough.map(Policy.dayText) ?? "-",
                    period.unusableFrom.map(Policy.dayText) ?? "(table ends \(period.lastKnownDay.map(Policy.dayText) ?? "?"))",
                    period.unusableFrom == nil ? "-" : period.existingDataTolerated ? "processing only (処理のみ許容)" : "not tolerated",
                    period.evidence.rawValue)
            }
            out += periods.render() + "  Below \(requirements.periods.first?.strength ?? 112) bits: not usable.\n"
        case .guideline(let guideline):
            for profile in guideline.profiles {
                out += "\(profile.name)" + (profile.nameJa.map { " / \($0)" } ?? "") + " [\(profile.id)]\n"
                for rule in profile.rules {
                    out += "  \(rule.name) [\(rule.evidence.rawValue)\(rule.derived ? ", derived" : "")] \(rule.note)\n"
                }
                let classes = guideline.suiteClasses(of: profile.id)
                for suiteClass in SuiteClass.allCases {
                    let entries = classes.filter { $0.suiteClass == suiteClass }
                    guard !entries.isEmpty else { continue }
                    out += "  suites \(suiteClass.rawValue) (\(suiteClass == .prohibited ? "利用禁止: fails the profile" : "利用推奨")):\n"
                    for entry in entries {
                        out += "    \(entry.name) [\(entry.evidence.rawValue)\(entry.derived ? ", derived" : "")] \(entry.note)\n"
                    }
                }
                if !classes.isEmpty { out += "  suites in neither class: a should-level advisory (推奨項目), not a failure\n" }
                out += "\n"
            }
        }
        return out
    }

    /// What changed between two ciphers lists.
    package static func diff(_ diff: ListDiff) -> String {
        var out = "Changes from \(diff.from) to \(diff.to)\n"
        if diff.isEmpty { return out + "  (no differences)\n" }
        // Status changes first: they change verdicts. Evidence and note changes only change how
        // well a verdict is backed.
        let changed = diff.changes.filter { $0.change == "changed" }
        let statusChanged = changed.filter {
            $0.details.contains { $0.hasPrefix("tier:") || $0.hasPrefix("category:") || $0.hasPrefix("key-size") }
        }
        let groups: [(String, String, [ListDiff.EntryChange])] = [
            ("Added", "+", diff.changes.filter { $0.change == "added" }),
            ("Removed", "-", diff.changes.filter { $0.change == "removed" }),
            ("Changed tier or scope", "~", statusChanged),
            ("Changed evidence or notes only", "~", changed.filter { change in !statusChanged.contains(change) }),
        ]
        for (title, marker, changes) in groups where !changes.isEmpty {
            out += "\n\(title) (\(changes.count))\n"
            for change in changes {
                out += "  \(marker) \(change.technique) [\(change.primitive)]: " + change.details.joined(separator: "; ") + "\n"
            }
        }
        if !diff.absenceChanges.isEmpty {
            out += "\nRecorded absences\n" + diff.absenceChanges.map { "  \($0)\n" }.joined()
        }
        if !diff.curveChanges.isEmpty {
            out += "\nCurve coverage\n" + diff.curveChanges.map { "  \($0)\n" }.joined()
        }
        return out
    }

    static func tierTitle(_ tier: ListTier) -> String {
        switch tier {
        case .recommended: "e-Government Recommended Ciphers List (電子政府推奨暗号リスト)"
        case .candidate: "Candidate Recommended Ciphers List (推奨候補暗号リスト)"
        case .monitored: "Monitored Ciphers List (運用監視暗号リスト): compatibility only"
        }
    }
}
