import CryptCheckModel
import Foundation

/// Reads list files (schema versions 1 and 2) into typed documents.
///
/// Schema 2 adds `absent:` to ciphers lists, and `suite_classes:` with the rules
/// `suite-classes`, `certificate-keys`, `groups-recommended` and `signature-hashes-forbidden` to
/// TLS guidelines, and `periods:` (each strength level's standing by the system's end of
/// operation) to strength requirements. A schema 1 file loads as before, except that the
/// guideline rule `suite-tiers` (a profile judged by the ciphers list) and the strength
/// `windows:` (strength required on the as-of date) are gone: such a file fails with an error
/// that says so.
package enum ListLoader {
    /// The newest schema version this build reads (the built-in files that need its fields use it).
    package static let schemaVersion = 2
    /// Every schema version this build reads.
    package static let supportedSchemas: ClosedRange<Int> = 1...2

    static let headerFields: Set<String> = [
        "schema", "kind", "id", "revision", "title", "title_ja", "published", "source", "evidence",
    ]

    /// Loads a list file from disk.
    package static func load(path: String) throws -> ListDocument {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ListLoadError(code: .unreadable, file: path, line: 1, column: 1, message: "cannot read the file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ListLoadError(code: .unreadable, file: path, line: 1, column: 1, message: "the file is not UTF-8 text")
        }
        return try parse(text, file: path, origin: path)
    }

    /// Parses list text; `file` names it in errors, `origin` is recorded in the header.
    package static func parse(_ text: String, file: String, origin: String) throws -> ListDocument {
        let root = try YAMLValue.parse(text, file: file)
        guard case .mapping = root.node else { throw root.error(.wrongType, "a list file is a mapping at the top level") }
        guard let schema = root.field("schema") else { throw root.error(.missingField, "missing field 'schema'") }
        let version = try schema.int()
        guard supportedSchemas.contains(version) else {
            throw schema.error(
                .unsupportedSchema,
                "schema version \(try schema.string()) is not supported (this build reads \(supportedSchemas.lowerBound) to \(supportedSchemas.upperBound))"
            )
        }
        guard let kind = root.field("kind") else { throw root.error(.missingField, "missing field 'kind'") }
        switch try kind.string() {
        case "ciphers-list": return .ciphers(try CiphersListParser.parse(root, schema: version, origin: origin))
        case "strength-requirements": return .strength(try StrengthParser.parse(root, schema: version, origin: origin))
        case "tls-guideline": return .guideline(try GuidelineParser.parse(root, schema: version, origin: origin))
        default:
            throw kind.error(
                .badValue, "unknown kind '\(try kind.string())' (expected ciphers-list, strength-requirements or tls-guideline)")
        }
    }

    /// The `kind` and header of list text, from its leading header fields alone: the text up
    /// to the first top-level key that is not a header field (and nothing after it) is parsed as
    /// `parse` parses it. Whatever else the file holds is read by `parse`, which must then give
    /// the same header (`ListCatalog` checks).
    static func header(_ text: String, file: String, origin: String) throws -> (kind: String, header: DocumentHeader) {
        var end = text.endIndex
        var lineStart = text.startIndex
        while lineStart < text.endIndex {
            let lineEnd = text[lineStart...].firstIndex(of: "\n") ?? text.endIndex
            let line = text[lineStart..<lineEnd]
            if let first = line.first, first != "#", first != " ", first != "-", let colon = line.firstIndex(of: ":"),
                !headerFields.contains(String(line[..<colon]))
            {
                end = lineStart
                break
            }
            lineStart = lineEnd < text.endIndex ? text.index(after: lineEnd) : lineEnd
        }
        let root = try YAMLValue.parse(String(text[..<end]), file: file)
        guard case .mapping = root.node else { throw root.error(.wrongType, "a list file is a mapping at the top level") }
        let fields = try root.mapping(allowed: headerFields)
        return (try fields.string("kind"), try header(fields, origin: origin))
    }

    static func header(_ fields: YAMLMapping, origin: String) throws -> DocumentHeader {
        DocumentHeader(
            id: try fields.string("id"),
            revision: try fields.string("revision"),
            title: try fields.string("title"),
            titleJa: try fields.optionalString("title_ja"),
            published: try fields.required("published").date(),
            source: try fields.string("source"),
            evidence: try fields.evidence(),
            origin: origin)
    }

    /// Fails when a schema 1 file uses a field that schema 2 introduced.
    static func requireSchema2(_ fields: YAMLMapping, _ names: [String], schema: Int) throws {
        guard schema < 2 else { return }
        for name in names {
            if let value = fields.optional(name) {
                throw value.error(.unsupportedSchema, "'\(name)' needs schema 2 (this file says schema: \(schema))")
            }
        }
    }
}

enum CiphersListParser {
    static func parse(_ root: YAMLValue, schema: Int, origin: String) throws -> CiphersList {
        let fields = try root.mapping(allowed: ListLoader.headerFields.union(["entries", "notes", "curves", "absent"]))
        try ListLoader.requireSchema2(fields, ["absent"], schema: schema)
        let header = try ListLoader.header(fields, origin: origin)
        var notes: [ListNote] = []
        for value in try fields.optional("notes")?.sequence() ?? [] {
            let note = try value.mapping(allowed: ["id", "text", "text_ja", "evidence"])
            let id = try note.string("id")
            if notes.contains(where: { $0.id == id }) { throw value.error(.duplicate, "note '\(id)' is defined twice") }
            notes.append(
                ListNote(
                    id: id, text: try note.string("text"), textJa: try note.optionalString("text_ja"),
                    evidence: try note.evidence()))
        }
        var entries: [ListEntry] = []
        let entryFields: Set<String> = [
            "technique", "primitive", "tier", "category", "evidence", "notes", "source", "revision",
            "min_key_bits", "question",
        ]
        for value in try fields.required("entries").sequence() {
            let entry = try value.mapping(allowed: entryFields)
            let primitive = try entry.required("primitive").primitive()
            if entries.contains(where: { $0.primitive == primitive }) {
                throw value.error(.duplicate, "primitive '\(primitive)' is listed twice")
            }
            var noteIDs: [String] = []
            for noteValue in try entry.optional("notes")?.sequence() ?? [] {
                let id = try noteValue.string()
                guard notes.contains(where: { $0.id == id }) else {
                    throw noteValue.error(.unknownIdentifier, "note '\(id)' is not defined under notes:")
                }
                noteIDs.append(id)
            }
            entries.append(
                ListEntry(
                    technique: try entry.string("technique"),
                    primitive: primitive,
                    tier: try entry.required("tier").enumeration(ListTier.self, what: "tier"),
                    category: try entry.required("category").enumeration(PrimitiveKind.self, what: "category"),
                    evidence: try entry.evidence(),
                    source: try entry.optionalString("source") ?? header.source,
                    revision: try entry.optionalString("revision") ?? header.revision,
                    noteIDs: noteIDs,
                    minKeyBits: try entry.optional("min_key_bits")?.int(),
                    question: try entry.optionalString("question")))
        }
        var curves: [CurveCoverage] = []
        for value in try fields.optional("curves")?.sequence() ?? [] {
            let curve = try value.mapping(allowed: ["curve", "evidence", "derived", "note"])
            curves.append(
                CurveCoverage(
                    curve: try knownCurve(curve.required("curve")), evidence: try curve.evidence(),
                    derived: try curve.derived(), note: try curve.string("note")))
        }
        var absences: [ListAbsence] = []
        for value in try fields.optional("absent")?.sequence() ?? [] {
            let absence = try value.mapping(allowed: ["technique", "primitive", "evidence", "source", "question"])
            let primitive = try absence.required("primitive").primitive()
            if entries.contains(where: { $0.primitive == primitive }) {
                throw value.error(.duplicate, "primitive '\(primitive)' is both listed and absent")
            }
            if absences.contains(where: { $0.primitive == primitive }) {
                throw value.error(.duplicate, "primitive '\(primitive)' is absent twice")
            }
            absences.append(
                ListAbsence(
                    technique: try absence.string("technique"), primitive: primitive, evidence: try absence.evidence(),
                    source: try absence.optionalString("source") ?? header.source, question: try absence.optionalString("question")))
        }
        return CiphersList(header: header, entries: entries, notes: notes, curves: curves, absences: absences)
    }

    static func knownCurve(_ value: YAMLValue) throws -> String {
        let name = try value.string()
        guard let curve = EllipticCurve.named(name) else {
            throw value.error(.unknownIdentifier, "unknown curve '\(name)'")
        }
        return curve.id
    }
}

enum StrengthParser {
    static func parse(_ root: YAMLValue, schema: Int, origin: String) throws -> StrengthRequirements {
        let fields = try root.mapping(
            allowed: ListLoader.headerFields.union(["levels", "families", "curve_strength", "windows", "periods"]))
        try ListLoader.requireSchema2(fields, ["periods"], schema: schema)
        let header = try ListLoader.header(fields, origin: origin)
        let levels = try fields.required("levels").mapping(allowed: ["bits", "evidence"])
        var families: [StrengthTable] = []
        for value in try fields.required("families").sequence() {
            let family = try value.mapping(allowed: ["family", "evidence", "below", "table"])
            var rows: [StrengthTable.Row] = []
            for rowValue in try family.required("table").sequence() {
                let row = try rowValue.mapping(allowed: ["size", "strength"])
                let parsed = StrengthTable.Row(size: try row.required("size").int(), strength: try row.required("strength").int())
                if let last = rows.last, parsed.size <= last.size || parsed.strength < last.strength {
                    throw rowValue.error(.badValue, "table rows must grow in size and strength")
                }
                rows.append(parsed)
            }
            families.append(
                StrengthTable(
                    name: try family.required("family").vocabulary(StrengthFamily.self, what: "strength family"),
                    rows: rows, below: try family.required("below").int(), evidence: try family.evidence()))
        }
        var curveStrengths: [CurveStrength] = []
        for value in try fields.optional("curve_strength")?.sequence() ?? [] {
            let curve = try value.mapping(allowed: ["curve", "strength", "evidence", "derived", "note"])
            curveStrengths.append(
                CurveStrength(
                    curve: try CiphersListParser.knownCurve(curve.required("curve")),
                    strength: try curve.required("strength").int(), evidence: try curve.evidence(),
                    derived: try curve.derived(), note: try curve.string("note")))
        }
        if let windows = fields.optional("windows") {
            throw windows.error(
                .badValue,
                "'windows' (the strength required on the as-of date) was replaced by 'periods' "
                    + "(each level's standing by the system's end of operation, as LS-0003 keys it); see Lists/README.md")
        }
        var periods: [StrengthPeriod] = []
        for value in try fields.required("periods").sequence() {
            periods.append(try period(value, after: periods.last))
        }
        return StrengthRequirements(
            header: header, levels: try levels.required("bits").sequence().map { try $0.int() },
            levelsEvidence: try levels.evidence(), families: families, curveStrengths: curveStrengths, periods: periods)
    }

    /// One level's row: its days must follow each other (plain use, then migration, then not
    /// usable from the next day), and levels must grow.
    static func period(_ value: YAMLValue, after previous: StrengthPeriod?) throws -> StrengthPeriod {
        let row = try value.mapping(allowed: [
            "strength", "usable_through", "migration_through", "unusable_from",
            "existing_data", "evidence", "note",
        ])
        let strength = try row.required("strength").int()
        if let previous, strength <= previous.strength {
            throw value.error(.badValue, "levels must grow (\(strength) after \(previous.strength))")
        }
        let usable = try row.optional("usable_through")?.date()
        let migration = try row.optional("migration_through")?.date()
        let unusable = try row.optional("unusable_from")?.date()
        let day: TimeInterval = 86_400
        if let usable, let migration, migration <= usable {
            throw value.error(.badDate, "'migration_through' is not after 'usable_through'")
        }
        if let unusable, let last = migration ?? usable, unusable != last + day {
            throw value.error(.badDate, "'unusable_from' must be the day after the last usable day")
        }
        if usable == nil && migration == nil && unusable == nil {
            throw value.error(.missingField, "a level needs at least one of 'usable_through', 'migration_through', 'unusable_from'")
        }
        let tolerated: Bool
        switch try row.optionalString("existing_data") ?? "tolerated" {
        case "tolerated": tolerated = true
        case "not-tolerated": tolerated = false
        case let other: throw value.error(.badValue, "existing_data '\(other)' is not 'tolerated' or 'not-tolerated'")
        }
        return StrengthPeriod(
            strength: strength, usableThrough: usable, migrationThrough: migration, unusableFrom: unusable,
            existingDataTolerated: tolerated, evidence: try row.evidence(), note: try row.string("note"))
    }
}

enum GuidelineParser {
    static func parse(_ root: YAMLValue, schema: Int, origin: String) throws -> TLSGuideline {
        let fields = try root.mapping(allowed: ListLoader.headerFields.union(["profiles", "suite_classes"]))
        try ListLoader.requireSchema2(fields, ["suite_classes"], schema: schema)
        let header = try ListLoader.header(fields, origin: origin)
        var profiles: [TLSProfile] = []
        for value in try fields.required("profiles").sequence() {
            let profile = try value.mapping(allowed: ["id", "name", "name_ja", "rules"])
            var rules: [ProfileRule] = []
            for ruleValue in try profile.required("rules").sequence() {
                rules.append(try rule(ruleValue, schema: schema))
            }
            profiles.append(
                TLSProfile(
                    id: try profile.string("id"), name: try profile.string("name"),
                    nameJa: try profile.optionalString("name_ja"), rules: rules))
        }
        let ids = Set(profiles.map(\.id))
        var classes: [SuiteClassEntry] = []
        for value in try fields.optional("suite_classes")?.sequence() ?? [] {
            classes.append(try suiteClass(value, profiles: ids))
        }
        for (profile, value) in zip(profiles, try fields.required("profiles").sequence())
        where profile.rules.contains(where: { if case .suiteClasses = $0.kind { true } else { false } })
            && !classes.contains(where: { $0.profiles.contains(profile.id) })
        {
            throw value.error(.missingField, "profile '\(profile.id)' has a suite-classes rule but no suite_classes entry names it")
        }
        return TLSGuideline(header: header, profiles: profiles, suiteClasses: classes)
    }

    /// Rules that schema 2 introduced.
    static let schema2Rules: Set<String> = ["suite-classes", "certificate-keys", "groups-recommended", "signature-hashes-forbidden"]

    static func rule(_ value: YAMLValue, schema: Int) throws -> ProfileRule {
        let rule = try value.mapping(allowed: [
            "rule", "versions", "bits", "tiers", "hashes", "keys", "groups", "evidence", "derived", "note",
        ])
        let nameValue = try rule.required("rule")
        let name = try nameValue.string()
        if schema < 2, schema2Rules.contains(name) {
            throw nameValue.error(.unsupportedSchema, "rule '\(name)' needs schema 2 (this file says schema: \(schema))")
        }
        let kind: ProfileRule.Kind
        switch name {
        case "versions-required": kind = .versionsRequired(try versions(rule.required("versions")))
        case "versions-allowed": kind = .versionsAllowed(try versions(rule.required("versions")))
        case "min-strength": kind = .minStrength(try rule.required("bits").int())
        case "forward-secrecy": kind = .forwardSecrecy
        case "aead-only": kind = .aeadOnly
        case "suite-classes": kind = .suiteClasses
        case "suite-tiers":
            throw nameValue.error(
                .badValue,
                "rule 'suite-tiers' is no longer supported: a GL-3001 profile is judged by the "
                    + "guideline's own suite classes, not by the ciphers list (use schema 2, suite_classes: "
                    + "and the rule 'suite-classes'; see Lists/README.md)")
        case "certificate-hashes-forbidden":
            kind = .certificateHashesForbidden(Set(try rule.required("hashes").sequence().map { try $0.primitive() }))
        case "signature-hashes-forbidden":
            kind = .signatureHashesForbidden(Set(try rule.required("hashes").sequence().map { try $0.primitive() }))
        case "certificate-keys":
            kind = .certificateKeys(
                try rule.required("keys").sequence().map { item in
                    let key = try item.mapping(allowed: ["type", "min_bits"])
                    return CertificateKeyRequirement(
                        algorithm: try key.required("type").enumeration(KeyAlgorithm.self, what: "key type"),
                        minBits: try key.optional("min_bits")?.int())
                })
        case "groups-recommended":
            kind = .groupsRecommended(
                Set(
                    try rule.required("groups").sequence().map { item in
                        guard let group = NamedGroup(name: try item.string()) else {
                            throw item.error(.unknownIdentifier, "unknown named group '\(try item.string())'")
                        }
                        return group
                    }))
        default:
            throw nameValue.error(.badValue, "unknown rule '\(name)'")
        }
        return ProfileRule(
            kind: kind, evidence: try rule.evidence(), derived: try rule.derived(),
            note: try rule.optionalString("note") ?? "")
    }

    static func suiteClass(_ value: YAMLValue, profiles known: Set<String>) throws -> SuiteClassEntry {
        let entry = try value.mapping(allowed: [
            "class", "profiles", "name", "key_exchange", "authentication", "cipher", "mode", "mac_hash", "export", "under",
            "evidence", "derived", "note",
        ])
        var profiles = Set<String>()
        for item in try entry.required("profiles").sequence() {
            let id = try item.string()
            guard known.contains(id) else { throw item.error(.unknownIdentifier, "no profile '\(id)' under profiles:") }
            profiles.insert(id)
        }
        func set<T: RawRepresentable & CaseIterable & Hashable>(_ key: String, _ type: T.Type, _ what: String) throws -> Set<T>?
        where T.RawValue == String {
            try entry.optional(key).map { Set(try $0.sequence().map { try $0.enumeration(type, what: what) }) }
        }
        let cipher = try entry.optional("cipher").map { value in
            Set(
                try value.sequence().map { item in
                    try item.string() == SuiteClassEntry.nullCipher.rawValue ? SuiteClassEntry.nullCipher : try item.primitive()
                })
        }
        let matchers = ["key_exchange", "authentication", "cipher", "mode", "mac_hash", "export", "under"]
        guard matchers.contains(where: { entry.optional($0) != nil }) else {
            throw value.error(.missingField, "a suite class needs at least one of: \(matchers.joined(separator: ", "))")
        }
        return SuiteClassEntry(
            suiteClass: try entry.required("class").enumeration(SuiteClass.self, what: "suite class"),
            profiles: profiles, name: try entry.string("name"),
            keyExchange: try set("key_exchange", KeyExchangeMethod.self, "key exchange"),
            authentication: try set("authentication", AuthenticationMethod.self, "authentication"),
            cipher: cipher, mode: try set("mode", CipherMode.self, "cipher mode"),
            macHash: try entry.optional("mac_hash").map { Set(try $0.sequence().map { try $0.primitive() }) },
            export: try entry.optional("export")?.bool(),
            under: try entry.optional("under").map { try versions($0) },
            evidence: try entry.evidence(), derived: try entry.derived(), note: try entry.optionalString("note") ?? "")
    }

    static func versions(_ value: YAMLValue) throws -> Set<ProtocolVersion> {
        Set(
            try value.sequence().map { item in
                guard let version = ProtocolVersion(name: try item.string()) else {
                    throw item.error(.badValue, "unknown protocol version '\(try item.string())'")
                }
                return version
            })
    }
}
