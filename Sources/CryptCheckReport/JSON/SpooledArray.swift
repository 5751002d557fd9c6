/// The elements of one array of a JSON document, written to a spool as they come, each laid out
/// at its place in the document: after a comma, on its own line `indent + 2` spaces deep. The
/// comma before the first element of an array made of several spools is dropped when written
/// (`SplicedDocument`). A file found not valid part way is taken back with `mark` and `rewind`.
final class SpooledArray {
    /// The indentation of the line the array closes on.
    let indent: Int
    private let spool = ByteSpool()
    private let separator: [UInt8]
    private(set) var count = 0

    init(indent: Int) {
        self.indent = indent
        separator = [0x2C, 0x0A] + [UInt8](repeating: 0x20, count: indent + 2)
    }

    /// Appends one element's bytes (in pieces), laid out `indent + 2` spaces deep.
    func append(_ pieces: some Sequence<[UInt8]>) {
        spool.append(separator)
        for piece in pieces { spool.append(piece) }
        count += 1
    }

    /// Where the array stands now.
    var mark: (bytes: Int, count: Int) { (spool.count, count) }

    /// Forgets the elements appended after `mark`.
    func rewind(to mark: (bytes: Int, count: Int)) {
        spool.rewind(to: mark.bytes)
        count = mark.count
    }

    /// Hands the elements to `sink`, the first comma left out when `first`.
    func write(first: Bool, to sink: ([UInt8]) throws -> Void) throws {
        var skip = first
        try spool.drain { bytes in
            guard skip else { return try sink(bytes) }
            skip = false
            if bytes.count > 1 { try sink(Array(bytes[1...])) }
        }
    }
}
