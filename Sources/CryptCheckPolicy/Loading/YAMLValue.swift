import CryptCheckModel
import Foundation
import Yams

/// A YAML node that remembers its file and position, with typed accessors that fail with
/// `file:line:column`.
struct YAMLValue {
    let node: Node
    let file: String

    private var line: Int { node.mark?.line ?? 1 }
    private var column: Int { node.mark?.column ?? 1 }

    func error(_ code: ListLoadError.Code, _ message: String) -> ListLoadError {
        ListLoadError(code: code, file: file, line: line, column: column, message: message)
    }

    /// Parses a whole file into its root value.
    static func parse(_ text: String, file: String) throws -> YAMLValue {
        do {
            // No implicit typing (the basic resolver): every accessor below reads the scalar's
            // text itself, and skipping YAML 1.1's regular-expression tag resolution makes
            // loading the lists several times faster.
            guard let node = try Yams.compose(yaml: text, .basic) else {
                throw ListLoadError(code: .syntax, file: file, line: 1, column: 1, message: "the file is empty")
            }
            return YAMLValue(node: node, file: file)
        } catch let error as YamlError {
            throw Self.locate(error, file: file)
        }
    }

    private static func locate(_ error: YamlError, file: String) -> ListLoadError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return ListLoadError(
                code: .syntax, file: file, line: mark.line, column: mark.column,
                message: "YAML syntax: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return ListLoadError(
                code: .duplicate, file: file, line: context.mark.line, column: context.mark.column,
                message: "duplicate keys: \(duplicates.joined(separator: ", "))")
        default:
            return ListLoadError(code: .syntax, file: file, line: 1, column: 1, message: "YAML: \(error)")
        }
    }

    // MARK: mappings

    /// The mapping's entries, keyed by string; rejects keys outside `allowed`.
    func mapping(allowed: Set<String>) throws -> YAMLMapping {
        guard case .mapping(let mapping) = node else { throw error(.wrongType, "expected a mapping") }
        var values: [String: YAMLValue] = [:]
        for (key, value) in mapping {
            guard let name = key.string else { throw YAMLValue(node: key, file: file).error(.wrongType, "keys must be strings") }
            guard allowed.contains(name) else {
                throw YAMLValue(node: key, file: file).error(
                    .unknownField, "unknown field '\(name)' (allowed: \(allowed.sorted().joined(separator: ", ")))")
            }
            values[name] = YAMLValue(node: value, file: file)
        }
        return YAMLMapping(owner: self, values: values)
    }

    /// The value of `key` in a mapping, without checking the other keys.
    func field(_ key: String) -> YAMLValue? {
        guard case .mapping(let mapping) = node else { return nil }
        for (name, value) in mapping where name.string == key { return YAMLValue(node: value, file: file) }
        return nil
    }

    // MARK: scalars

    func string() throws -> String {
        guard case .scalar(let scalar) = node else { throw error(.wrongType, "expected a text value") }
        return scalar.string
    }

    func int() throws -> Int {
        guard case .scalar(let scalar) = node, let value = Int(scalar.string) else {
            throw error(.wrongType, "expected a whole number")
        }
        return value
    }

    func bool() throws -> Bool {
        guard case .scalar(let scalar) = node else { throw error(.wrongType, "expected true or false") }
        switch scalar.string.lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default: throw error(.wrongType, "expected true or false, found '\(scalar.string)'")
        }
    }

    /// A calendar date written `YYYY-MM-DD`, as midnight UTC.
    func date() throws -> Date {
        let text = try string()
        guard let date = Self.parseDate(text) else {
            throw error(.badDate, "'\(text)' is not a valid date (YYYY-MM-DD)")
        }
        return date
    }

    static func parseDate(_ text: String) -> Date? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return nil }
        let calendar = UTCCalendar.gregorian
        let components = DateComponents(year: year, month: month, day: day)
        guard components.isValidDate(in: calendar), let date = calendar.date(from: components) else { return nil }
        return date
    }

    /// A value of a string-backed enumeration.
    func enumeration<T: RawRepresentable & CaseIterable>(_ type: T.Type, what: String) throws -> T where T.RawValue == String {
        let text = try string()
        guard let value = T(rawValue: text) else {
            let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
            throw error(.badValue, "unknown \(what) '\(text)' (expected one of: \(allowed))")
        }
        return value
    }

    /// One of a vocabulary's known values (`StrengthFamily`): a list names only what
    /// cryptcheck can judge.
    func vocabulary<T: Vocabulary>(_ type: T.Type, what: String) throws -> T {
        let text = try string()
        let value = T(rawValue: text)
        guard value.isKnown else {
            let allowed = T.known.map(\.rawValue).joined(separator: ", ")
            throw error(.badValue, "unknown \(what) '\(text)' (expected one of: \(allowed))")
        }
        return value
    }

    /// A catalogued primitive identifier.
    func primitive() throws -> Primitive {
        let value = Primitive(try string())
        guard value.isKnown else {
            throw error(.unknownIdentifier, "unknown primitive identifier '\(value.rawValue)' (see PrimitiveCatalogue)")
        }
        return value
    }

    // MARK: sequences

    func sequence() throws -> [YAMLValue] {
        guard case .sequence(let sequence) = node else { throw error(.wrongType, "expected a list") }
        return sequence.map { YAMLValue(node: $0, file: file) }
    }
}

/// A mapping's fields, read by name with the position of the mapping for missing ones.
struct YAMLMapping {
    let owner: YAMLValue
    let values: [String: YAMLValue]

    func required(_ key: String) throws -> YAMLValue {
        guard let value = values[key] else { throw owner.error(.missingField, "missing field '\(key)'") }
        return value
    }

    func optional(_ key: String) -> YAMLValue? { values[key] }

    func string(_ key: String) throws -> String { try required(key).string() }
    func optionalString(_ key: String) throws -> String? { try optional(key)?.string() }
    func evidence(_ key: String = "evidence") throws -> EvidenceLevel {
        try required(key).enumeration(EvidenceLevel.self, what: "evidence level")
    }
    func derived() throws -> Bool { try optional("derived")?.bool() ?? false }
}
