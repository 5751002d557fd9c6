/// A list file that cannot be loaded, with the position of the problem.
public struct ListLoadError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, for tests to match on.
    public enum Code: String, Sendable {
        case unreadable, syntax, missingField, wrongType, unknownField, unknownIdentifier
        case badValue, badDate, duplicate, unsupportedSchema
    }

    public let code: Code
    public let file: String
    public let line: Int
    public let column: Int
    public let message: String

    /// `file:line:column: message`, the form editors and CI logs understand.
    public var description: String { "\(file):\(line):\(column): \(message)" }
}
