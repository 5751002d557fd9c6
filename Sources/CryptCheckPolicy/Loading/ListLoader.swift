import CryptCheckModel
import Foundation

/// Reads list files (schema version 1) into typed documents.
public enum ListLoader {
    /// The only schema version this build reads.
    public static let schemaVersion = 1

    static let headerFields: Set<String> = [
        "schema", "kind", "id", "revision", "title", "title_ja", "published", "source", "evidence",
    ]

    /// Loads a list file from disk.
    public static func load(path: String) throws -> ListDocument {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ListLoadError(code: .unreadable, file: path, line: 1, column: 1, message: "cannot read the file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ListLoadError(code: .unreadable, file: path, line: 1, column: 1, message: "the file is not UTF-8 text")
        }
        return try parse(text, file: path, origin: path)
    }

    /// Parses list text; `file` names it in errors, `origin` is recorded in the header.
    public static func parse(_ text: String, file: String, origin: String) throws -> ListDocument {
        let root = try YAMLValue.parse(text, file: file)
        guard case .mapping = root.node else { throw root.error(.wrongType, "a list file is a mapping at the top level") }
        guard let schema = root.field("schema") else { throw root.error(.missingField, "missing field 'schema'") }
        guard try schema.int() == schemaVersion else {
            throw schema.error(.unsupportedSchema, "schema version \(try schema.string()) is not supported (this build reads \(schemaVersion))")
        }
        guard let kind = root.field("kind") else { throw root.error(.missingField, "missing field 'kind'") }
        switch try kind.string() {
        case "ciphers-list": return .ciphers(try CiphersListParser.parse(root, origin: origin))
        case "strength-requirements": return .strength(try StrengthParser.parse(root, origin: origin))
        case "tls-guideline": return .guideline(try GuidelineParser.parse(root, origin: origin))
        default:
            throw kind.error(.badValue, "unknown kind '\(try kind.string())' (expected ciphers-list, strength-requirements or tls-guideline)")
        }
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
}

enum CiphersListParser {
    static func parse(_ root: YAMLValue, origin: String) throws -> CiphersList {
        let fields = try root.mapping(allowed: ListLoader.headerFields.union(["entries", "notes", "curves"]))
        let header = try ListLoader.header(fields, origin: origin)
        var notes: [ListNote] = []
        for value in try fields.optional("notes")?.sequence() ?? [] {
            let note = try value.mapping(allowed: ["id", "text", "text_ja", "evidence"])
            let id = try note.string("id")
            if notes.contains(where: { $0.id == id }) { throw value.error(.duplicate, "note '\(id)' is defined twice") }
            notes.append(ListNote(id: id, text: try note.string("text"), textJa: try note.optionalString("text_ja"),
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
            entries.append(ListEntry(
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
            curves.append(CurveCoverage(curve: try knownCurve(curve.required("curve")), evidence: try curve.evidence(),
                                        derived: try curve.derived(), note: try curve.string("note")))
        }
        return CiphersList(header: header, entries: entries, notes: notes, curves: curves)
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
    static func parse(_ root: YAMLValue, origin: String) throws -> StrengthRequirements {
        let fields = try root.mapping(allowed: ListLoader.headerFields.union(["levels", "families", "curve_strength", "windows", "periods"]))
        let header = try ListLoader.header(fields, origin: origin)
        let levels = try fields.required("levels").mapping(allowed: ["bits", "evidence"])
        var families: [StrengthFamily] = []
        for value in try fields.required("families").sequence() {
            let family = try value.mapping(allowed: ["family", "evidence", "below", "table"])
            var rows: [StrengthFamily.Row] = []
            for rowValue in try family.required("table").sequence() {
                let row = try rowValue.mapping(allowed: ["size", "strength"])
                let parsed = StrengthFamily.Row(size: try row.required("size").int(), strength: try row.required("strength").int())
                if let last = rows.last, parsed.size <= last.size || parsed.strength < last.strength {
                    throw rowValue.error(.badValue, "table rows must grow in size and strength")
                }
                rows.append(parsed)
            }
            families.append(StrengthFamily(
                name: try family.required("family").enumeration(StrengthFamily.Name.self, what: "strength family"),
                rows: rows, below: try family.required("below").int(), evidence: try family.evidence()))
        }
        var curveStrengths: [CurveStrength] = []
        for value in try fields.optional("curve_strength")?.sequence() ?? [] {
            let curve = try value.mapping(allowed: ["curve", "strength", "evidence", "derived", "note"])
            curveStrengths.append(CurveStrength(
                curve: try CiphersListParser.knownCurve(curve.required("curve")),
                strength: try curve.required("strength").int(), evidence: try curve.evidence(),
                derived: try curve.derived(), note: try curve.string("note")))
        }
        if let windows = fields.optional("windows") {
            throw windows.error(.badValue, "'windows' (the strength required on the as-of date) was replaced by 'periods' "
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
        let row = try value.mapping(allowed: ["strength", "usable_through", "migration_through", "unusable_from",
                                              "existing_data", "evidence", "note"])
        let strength = try row.required("strength").int()
        if let previous, strength <= previous.strength { throw value.error(.badValue, "levels must grow (\(strength) after \(previous.strength))") }
        let usable = try row.optional("usable_through")?.date()
        let migration = try row.optional("migration_through")?.date()
        let unusable = try row.optional("unusable_from")?.date()
        let day: TimeInterval = 86_400
        if let usable, let migration, migration <= usable { throw value.error(.badDate, "'migration_through' is not after 'usable_through'") }
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
        return StrengthPeriod(strength: strength, usableThrough: usable, migrationThrough: migration, unusableFrom: unusable,
                              existingDataTolerated: tolerated, evidence: try row.evidence(), note: try row.string("note"))
    }
}

enum GuidelineParser {
    static func parse(_ root: YAMLValue, origin: String) throws -> TLSGuideline {
        let fields = try root.mapping(allowed: ListLoader.headerFields.union(["profiles"]))
        let header = try ListLoader.header(fields, origin: origin)
        var profiles: [TLSProfile] = []
        for value in try fields.required("profiles").sequence() {
            let profile = try value.mapping(allowed: ["id", "name", "name_ja", "rules"])
            var rules: [ProfileRule] = []
            for ruleValue in try profile.required("rules").sequence() {
                rules.append(try rule(ruleValue))
            }
            profiles.append(TLSProfile(id: try profile.string("id"), name: try profile.string("name"),
                                       nameJa: try profile.optionalString("name_ja"), rules: rules))
        }
        return TLSGuideline(header: header, profiles: profiles)
    }

    static func rule(_ value: YAMLValue) throws -> ProfileRule {
        let rule = try value.mapping(allowed: ["rule", "versions", "bits", "tiers", "hashes", "evidence", "derived", "note"])
        let nameValue = try rule.required("rule")
        let kind: ProfileRule.Kind
        switch try nameValue.string() {
        case "versions-required": kind = .versionsRequired(try versions(rule.required("versions")))
        case "versions-allowed": kind = .versionsAllowed(try versions(rule.required("versions")))
        case "min-strength": kind = .minStrength(try rule.required("bits").int())
        case "forward-secrecy": kind = .forwardSecrecy
        case "aead-only": kind = .aeadOnly
        case "suite-tiers":
            kind = .suiteTiers(Set(try rule.required("tiers").sequence().map {
                ListStatus(try $0.enumeration(ListTier.self, what: "tier"))
            }))
        case "certificate-hashes-forbidden":
            kind = .certificateHashesForbidden(Set(try rule.required("hashes").sequence().map { try $0.primitive() }))
        default:
            throw nameValue.error(.badValue, "unknown rule '\(try nameValue.string())'")
        }
        return ProfileRule(kind: kind, evidence: try rule.evidence(), derived: try rule.derived(),
                           note: try rule.optionalString("note") ?? "")
    }

    static func versions(_ value: YAMLValue) throws -> Set<ProtocolVersion> {
        Set(try value.sequence().map { item in
            guard let version = ProtocolVersion(name: try item.string()) else {
                throw item.error(.badValue, "unknown protocol version '\(try item.string())'")
            }
            return version
        })
    }
}
