/// Why the store could not be used, naming its file.
package struct StoreError: Error, CustomStringConvertible, Sendable {
    package let description: String

    package init(_ description: String) { self.description = description }
}
