import Foundation

/// A selection that cannot be made (unknown list name, no list in force on the date).
package struct PolicySelectionError: Error, Sendable, CustomStringConvertible {
    package let description: String
}

/// Turns `--list` values, `--as-of` and `--profile` into policies.
package enum PolicySelection {
    /// Loads `--list` values that are files into the catalog (replacing built-ins of the same
    /// revision) and returns the documents they name, in order. A value that is not an existing
    /// file must pin a built-in revision or name a series, which means its revision in force on
    /// `asOf` (see `ListCatalog.document(named:asOf:)`).
    package static func resolve(_ names: [String], into catalog: inout ListCatalog, asOf: Date) throws -> [ListDocument] {
        var selected: [ListDocument] = []
        for name in names {
            if FileManager.default.fileExists(atPath: name) {
                let document = try ListLoader.load(path: name)
                catalog.add(document)
                selected.append(document)
            } else if let document = try catalog.document(named: name, asOf: asOf) {
                selected.append(document)
            } else if let first = catalog.series(named: name).first {
                throw PolicySelectionError(
                    description: "no revision of \(first.id) was in force on \(Policy.dayText(asOf)) "
                        + "(its first, \(ListCatalog.pinName(of: first)), was published "
                        + "\(Policy.dayText(first.published)))")
            } else {
                let known = catalog.headers.map(ListCatalog.pinName(of:)).joined(separator: ", ")
                let series = Set(catalog.headers.map(\.id)).sorted().joined(separator: ", ")
                throw PolicySelectionError(
                    description: "no list named '\(name)' (revisions: \(known); series, meaning the "
                        + "revision in force on the as-of date: \(series); or give a file path)")
            }
        }
        return selected
    }

    /// One policy per selected ciphers list. Without a selected ciphers list, the one in force
    /// on `asOf` (the newest published on or before it, of any series) is used; without selected
    /// LS-0003/GL-3001 documents, the catalog's newest ones are.
    package static func policies(
        selected: [ListDocument], catalog: ListCatalog, asOf: Date,
        profile: String = "recommended"
    ) throws -> [Policy] {
        var lists = selected.compactMap { if case .ciphers(let list) = $0 { list } else { nil } }
        if lists.isEmpty {
            guard case .ciphers(let current) = try catalog.newest(kind: "ciphers-list", publishedBy: asOf) else {
                throw PolicySelectionError(description: "no ciphers list was published on or before the as-of date")
            }
            lists = [current]
        }
        var strength = selected.lazy.compactMap { if case .strength(let value) = $0 { value } else { nil } }.first
        if strength == nil, case .strength(let newest) = try catalog.newest(kind: "strength-requirements") { strength = newest }
        var guideline = selected.lazy.compactMap { if case .guideline(let value) = $0 { value } else { nil } }.first
        if guideline == nil, case .guideline(let newest) = try catalog.newest(kind: "tls-guideline") { guideline = newest }
        if let guideline, guideline.profile(profile) == nil {
            let ids = guideline.profiles.map(\.id).joined(separator: ", ")
            throw PolicySelectionError(description: "\(guideline.header.revision) has no profile '\(profile)' (profiles: \(ids))")
        }
        return lists.map { Policy(list: $0, strength: strength, guideline: guideline, asOf: asOf, targetProfile: profile) }
    }

    /// Parses `YYYY-MM-DD` as that day, midnight UTC.
    package static func parseDay(_ text: String) -> Date? { YAMLValue.parseDate(text) }
}
