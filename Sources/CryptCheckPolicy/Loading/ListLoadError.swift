/// A list file that cannot be loaded, with the position of the problem.
package struct ListLoadError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, for tests to match on.
    package enum Code: String, Sendable {
        case unreadable, syntax, missingField, wrongType, unknownField, unknownIdentifier
        case badValue, badDate, duplicate, unsupportedSchema
    }

    package let code: Code
    package let file: String
    package let line: Int
    package let column: Int
    package let message: String

    /// `file:line:column: message`, the form editors and CI logs understand.
    package var description: String { "\(file):\(line):\(column): \(message)" }
}
