/// Walks an observation file's top-level JSON object as bytes arrive, handing out each element
/// of `endpoints` and `files` as its own bytes and each other member's value whole, so a file
/// of any size is decoded one element at a time. It knows only the shape cryptcheck writes: an
/// object with the members of `ObservationSet`, each once, arrays of objects for `endpoints` and
/// `files`, nesting at most `maxDepth` deep. Anything else (a syntax error, an unknown or
/// repeated member, a deeper element) stops it with `Unsupported`, and the caller reads the file
/// whole, as before, which gives the exact error. It never validates what it hands out: the
/// JSON decoder does that, element by element.
struct ObservationScanner {
    /// The file is not in the shape this scanner walks.
    struct Unsupported: Error {}

    /// The arrays whose elements are handed out one by one.
    enum Section: Sendable { case endpoints, files }

    /// The members other than the two arrays, handed out whole.
    static let wholeMembers: Set<String> = ["schema", "tool", "observedAt", "unscanned"]

    /// Members handed out whole that a file may leave out: the SSH endpoints (few, and small
    /// next to a fleet of TLS endpoints or files), written only when there are some.
    static let optionalMembers: Set<String> = ["sshEndpoints"]

    /// Deeper than any observation element (about 8); far below the decoder's own limit.
    static let maxDepth = 64

    private enum State {
        case start
        case beforeKey(first: Bool)
        case key, colon, beforeValue, afterValue
        case arrayStart, beforeElement, afterElement, done
        /// Copying a value: `depth` open brackets, inside a string or not, after a backslash or not.
        case capture
    }

    private var state = State.start
    private var key: [UInt8] = []
    private var seen: Set<String> = []
    private var section: Section?
    private var member = ""
    private var value: [UInt8] = []
    private var depth = 0
    private var inString = false
    private var escaped = false
    /// A bare value (number, literal) ends at the first byte that cannot be part of it.
    private var bare = false

    private let element: (Section, [UInt8]) throws -> Void
    private let whole: (String, [UInt8]) throws -> Void

    /// `element` receives each endpoint or file element's bytes; `whole` each other member's.
    init(element: @escaping (Section, [UInt8]) throws -> Void, whole: @escaping (String, [UInt8]) throws -> Void) {
        self.element = element
        self.whole = whole
    }

    /// The members seen so far.
    var members: Set<String> { seen }

    /// Takes the next bytes of the file.
    mutating func feed(_ bytes: UnsafeRawBufferPointer) throws {
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if case .capture = state {
                index = try capture(bytes, from: index)
                continue
            }
            index += 1
            if Self.isSpace(byte), !isKey { continue }
            try step(byte, bytes: bytes, at: index - 1)
        }
    }

    /// The file has ended: it must have ended after the object.
    func finish() throws {
        guard case .done = state else { throw Unsupported() }
    }

    private var isKey: Bool { if case .key = state { return true } else { return false } }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }

    private mutating func step(_ byte: UInt8, bytes: UnsafeRawBufferPointer, at index: Int) throws {
        switch state {
        case .start:
            guard byte == UInt8(ascii: "{") else { throw Unsupported() }
            state = .beforeKey(first: true)
        case .beforeKey(let first):
            if first && byte == UInt8(ascii: "}") { state = .done; return }
            guard byte == UInt8(ascii: "\"") else { throw Unsupported() }
            key = []
            state = .key
        case .key:
            // Escapes in a member name are legal JSON but never written: left to the whole-file reader.
            guard byte != UInt8(ascii: "\\"), byte >= 0x20 else { throw Unsupported() }
            if byte != UInt8(ascii: "\"") { key.append(byte); return }
            let name = String(decoding: key, as: UTF8.self)
            guard seen.insert(name).inserted else { throw Unsupported() }
            member = name
            state = .colon
        case .colon:
            guard byte == UInt8(ascii: ":") else { throw Unsupported() }
            state = .beforeValue
        case .beforeValue:
            switch member {
            case "endpoints", "files":
                guard byte == UInt8(ascii: "[") else { throw Unsupported() }
                section = member == "files" ? .files : .endpoints
                state = .arrayStart
            case _ where Self.wholeMembers.contains(member) || Self.optionalMembers.contains(member):
                section = nil
                begin(byte)
            default:
                throw Unsupported()
            }
        case .afterValue:
            if byte == UInt8(ascii: ",") {
                state = .beforeKey(first: false)
            } else if byte == UInt8(ascii: "}") {
                state = .done
            } else {
                throw Unsupported()
            }
        case .arrayStart, .beforeElement:
            if case .arrayStart = state, byte == UInt8(ascii: "]") { state = .afterValue; return }
            guard byte == UInt8(ascii: "{") else { throw Unsupported() }
            begin(byte)
        case .afterElement:
            if byte == UInt8(ascii: ",") {
                state = .beforeElement
            } else if byte == UInt8(ascii: "]") {
                state = .afterValue
            } else {
                throw Unsupported()
            }
        case .done:
            throw Unsupported()
        case .capture:
            break
        }
    }

    /// Starts copying a value whose first byte is `byte`.
    private mutating func begin(_ byte: UInt8) {
        value = [byte]
        inString = byte == UInt8(ascii: "\"")
        escaped = false
        depth = byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") ? 1 : 0
        bare = !inString && depth == 0
        state = .capture
    }

    /// Copies value bytes from `start`; returns the index after the last byte consumed.
    private mutating func capture(_ bytes: UnsafeRawBufferPointer, from start: Int) throws -> Int {
        var index = start
        let count = bytes.count
        if bare {
            while index < count {
                let byte = bytes[index]
                if Self.isSpace(byte) || byte == UInt8(ascii: ",") || byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
                    value.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start..<index]))
                    try complete()
                    return index
                }
                index += 1
            }
            value.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start..<index]))
            return index
        }
        while index < count {
            let byte = bytes[index]
            index += 1
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false; if depth == 0 { break }
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                guard depth <= Self.maxDepth else { throw Unsupported() }
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
            default: break
            }
            if depth == 0 { break }
        }
        value.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start..<index]))
        if !inString && depth == 0 { try complete() }
        return index
    }

    /// A value has been copied whole: hand it out.
    private mutating func complete() throws {
        let bytes = value
        value = []
        if let section {
            state = .afterElement
            try element(section, bytes)
        } else {
            state = .afterValue
            try whole(member, bytes)
        }
    }
}
