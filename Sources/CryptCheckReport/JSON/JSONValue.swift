/// A JSON document built in code, written with its keys in the order given: the SARIF and
/// CycloneDX renderers use it to lay out documents the way their specifications show them.
package indirect enum JSONValue: Sendable, Hashable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    case string(String)
    case int(Int)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([(String, JSONValue)])

    package init(stringLiteral value: String) { self = .string(value) }
    package init(integerLiteral value: Int) { self = .int(value) }
    package init(booleanLiteral value: Bool) { self = .bool(value) }
    package init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    package init(dictionaryLiteral elements: (String, JSONValue)...) { self = .object(elements) }

    /// An object without the members whose value is `nil`.
    package static func object(dropping members: [(String, JSONValue?)]) -> JSONValue {
        .object(members.compactMap { key, value in value.map { (key, $0) } })
    }

    package static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.rendered() == rhs.rendered() }
    package func hash(into hasher: inout Hasher) { hasher.combine(rendered()) }

    /// Two-space indented JSON with a final newline.
    package func rendered() -> String {
        var out = JSONOutput()
        write(to: &out, indent: 0)
        out.byte(0x0A)
        return out.text
    }

    /// Appends the value as it would stand `indent` spaces deep.
    func write(to out: inout JSONOutput, indent: Int) {
        switch self {
        case .string(let value): out.string(value)
        case .int(let value): out.int(value)
        case .bool(let value): out.bool(value)
        case .null: out.raw("null")
        case .array(let values):
            out.array(values, indent: indent) { out, value, indent in value.write(to: &out, indent: indent) }
        case .object(let members):
            var object = out.beginObject(indent: indent)
            for (key, value) in members {
                out.member(key, of: &object)
                value.write(to: &out, indent: indent + 2)
            }
            out.end(object)
        }
    }
}
