import CryptCheckModel

/// JSON text built directly as UTF-8 bytes, laid out as pretty-printed JSON (two-space
/// indentation). The streamed scan writes tens of megabytes of findings; appending bytes
/// avoids String's per-append bookkeeping, which dominated the run time.
struct JSONOutput {
    var bytes: [UInt8] = []
    /// `" : "` (Foundation's pretty printing, used for the scan report) or `": "`.
    let keySeparator: StaticString
    let layout: Layout

    /// How containers are laid out.
    enum Layout: Int {
        /// Pretty, with an empty array or object as `[]` / `{}` (the streamed scan JSON).
        case scan
        /// Exactly as Foundation's `.prettyPrinted`: an empty one is `[`, two newlines, `]`.
        case foundationPretty
        /// No white space at all, as Foundation's encoder without `.prettyPrinted`.
        case compact
    }

    init(keySeparator: StaticString = ": ", capacity: Int = 0) {
        self.keySeparator = keySeparator
        layout = .scan
        bytes.reserveCapacity(capacity)
    }

    /// Output laid out as Foundation's encoder lays it out, pretty or compact.
    init(foundationPretty pretty: Bool) {
        keySeparator = pretty ? " : " : ":"
        layout = pretty ? .foundationPretty : .compact
    }

    var text: String { String(decoding: bytes, as: UTF8.self) }

    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// A newline followed by up to 62 spaces, appended as one slice.
    private static let newlineAndSpaces: [UInt8] = [0x0A] + [UInt8](repeating: 0x20, count: 62)

    mutating func newline(indent: Int) {
        if layout == .compact { return }
        if indent < Self.newlineAndSpaces.count {
            Self.newlineAndSpaces.withUnsafeBufferPointer { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: $0[...indent])) }
        } else {
            bytes.append(0x0A)
            bytes.append(contentsOf: repeatElement(0x20, count: indent))
        }
    }

    mutating func int(_ value: Int) { bytes.append(contentsOf: String(value).utf8) }

    mutating func bool(_ value: Bool) { value ? raw("true") : raw("false") }

    /// A quoted string; only `"`, `\` and control characters are escaped.
    mutating func string(_ text: String) {
        if let done: Void = text.utf8.withContiguousStorageIfAvailable({ quote($0) }) { return done }
        var text = text
        text.withUTF8 { quote($0) }
    }

    private mutating func quote(_ utf8: UnsafeBufferPointer<UInt8>) {
        bytes.append(0x22)
        var start = 0
        var index = 0
        while index < utf8.count {
            // Eight bytes at a time while none of them needs escaping.
            if index + 8 <= utf8.count,
                !Self.needsEscape(UnsafeRawPointer(utf8.baseAddress! + index).loadUnaligned(as: UInt64.self))
            {
                index += 8
                continue
            }
            let byte = utf8[index]
            guard byte == 0x22 || byte == 0x5C || byte < 0x20 else {
                index += 1
                continue
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
            index += 1
            start = index
            switch byte {
            case 0x22: raw("\\\"")
            case 0x5C: raw("\\\\")
            case 0x0A: raw("\\n")
            case 0x0D: raw("\\r")
            case 0x09: raw("\\t")
            case 0x08: raw("\\b")  // as Foundation's JSONEncoder writes them
            case 0x0C: raw("\\f")
            default:
                raw("\\u00")
                bytes.append(Self.hexDigits[Int(byte >> 4)])
                bytes.append(Self.hexDigits[Int(byte & 0x0F)])
            }
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<utf8.count]))
        bytes.append(0x22)
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Whether any of eight bytes is a control character, `"` or `\`.
    @inline(__always)
    private static func needsEscape(_ word: UInt64) -> Bool {
        ByteWord.hasControl(word) || ByteWord.has(0x22, in: word) || ByteWord.has(0x5C, in: word)
    }

    /// Writes an object member by member: `member` opens each one, `end` closes the object.
    struct Object {
        let indent: Int
        var empty = true
    }

    mutating func beginObject(indent: Int) -> Object {
        bytes.append(0x7B)
        return Object(indent: indent)
    }

    /// Starts member `key`; the caller then writes its value. The comma, line break,
    /// indentation, quoted key and separator are laid out in a small buffer and appended at
    /// once: a scan's JSON has hundreds of thousands of members, and five appends each cost
    /// more than the bytes.
    mutating func member(_ key: StaticString, of object: inout Object) {
        let comma = !object.empty
        object.empty = false
        let indent = layout == .compact ? nil : object.indent + 2
        let separator = keySeparator
        let count = 1 + (indent.map { $0 + 1 } ?? 0) + 2 + key.utf8CodeUnitCount + separator.utf8CodeUnitCount
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count) { buffer in
            // Straight-line stores (a nested function capturing the position would be checked
            // for exclusive access at run time on every byte).
            var written = 0
            if comma {
                buffer[written] = 0x2C
                written += 1
            }
            if let indent {
                buffer[written] = 0x0A
                buffer.baseAddress!.advanced(by: written + 1).initialize(repeating: 0x20, count: indent)
                written += 1 + indent
            }
            buffer[written] = 0x22
            written += 1
            written += Self.copy(key, to: buffer.baseAddress! + written)
            buffer[written] = 0x22
            written += 1
            written += Self.copy(separator, to: buffer.baseAddress! + written)
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[..<written]))
        }
    }

    /// Copies `text` to `target`, giving its length.
    private static func copy(_ text: StaticString, to target: UnsafeMutablePointer<UInt8>) -> Int {
        text.withUTF8Buffer { source in
            if let base = source.baseAddress { target.initialize(from: base, count: source.count) }
            return source.count
        }
    }

    /// A string member, left out when `value` is nil.
    mutating func member(_ key: StaticString, _ value: String?, of object: inout Object) {
        guard let value else { return }
        member(key, of: &object)
        string(value)
    }

    mutating func member(_ key: String, of object: inout Object) {
        if !object.empty { bytes.append(0x2C) }
        object.empty = false
        newline(indent: object.indent + 2)
        string(key)
        raw(keySeparator)
    }

    mutating func end(_ object: Object) {
        if object.empty && layout != .foundationPretty { bytes.append(0x7D); return }
        if object.empty { bytes.append(0x0A) }
        newline(indent: object.indent)
        bytes.append(0x7D)
    }

    /// An array of `elements`, each written by `write` at the element indentation.
    mutating func array<C: Collection>(_ elements: C, indent: Int, _ write: (inout JSONOutput, C.Element, Int) -> Void) {
        guard !elements.isEmpty else {
            if layout == .foundationPretty {
                raw("[\n")
                newline(indent: indent)
                bytes.append(0x5D)
            } else {
                raw("[]")
            }
            return
        }
        bytes.append(0x5B)
        var first = true
        for element in elements {
            if !first { bytes.append(0x2C) }
            first = false
            newline(indent: indent + 2)
            write(&self, element, indent + 2)
        }
        newline(indent: indent)
        bytes.append(0x5D)
    }
}
