import CryptCheckModel

/// JSON text built directly as UTF-8 bytes, laid out as pretty-printed JSON (two-space
/// indentation). The streamed scan writes tens of megabytes of findings in appends of a few
/// bytes each: the bytes go into storage this type sizes itself (`storage[..<count]` is the
/// text, the rest uninitialised room to grow), because `Array.append(contentsOf:)` cost about a hundred
/// instructions per call whatever the length, and String's per-append bookkeeping more.
struct JSONOutput {
    private var storage: [UInt8]
    /// How many bytes have been written.
    private(set) var count = 0
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
        storage = Self.room(max(capacity, 64))
    }

    /// Output laid out as Foundation's encoder lays it out, pretty or compact.
    init(foundationPretty pretty: Bool) {
        keySeparator = pretty ? " : " : ":"
        layout = pretty ? .foundationPretty : .compact
        storage = Self.room(64)
    }

    /// The bytes written so far.
    var written: ArraySlice<UInt8> { storage[..<count] }

    /// A copy of the bytes written so far.
    var bytes: [UInt8] { Array(written) }

    /// The bytes written, handed over without a copy; the output is empty afterwards.
    mutating func takeBytes() -> [UInt8] {
        var result: [UInt8] = []
        swap(&result, &storage)
        result.removeLast(result.count - count)
        count = 0
        return result
    }

    var text: String { String(decoding: written, as: UTF8.self) }

    /// Makes room for `extra` more bytes and lets `write` fill exactly that many at the end.
    @inline(__always)
    private mutating func append(_ extra: Int, _ write: (UnsafeMutablePointer<UInt8>) -> Void) {
        if storage.count - count < extra { grow(extra) }
        let start = count
        storage.withUnsafeMutableBufferPointer { write($0.baseAddress! + start) }
        count = start + extra
    }

    @inline(never)
    private mutating func grow(_ extra: Int) {
        var bigger = Self.room(max(count + extra, storage.count * 2))
        let written = count
        if written > 0 {
            bigger.withUnsafeMutableBufferPointer { target in
                storage.withUnsafeBufferPointer { target.baseAddress!.update(from: $0.baseAddress!, count: written) }
            }
        }
        storage = bigger
    }

    /// Storage for `capacity` bytes, left as the allocator gave it: only `storage[..<count]`
    /// is ever read, and each byte of it is written first. Zero-filling the room cost more
    /// than writing the JSON (a part's room is sized for its findings).
    private static func room(_ capacity: Int) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: capacity) { _, initialized in initialized = capacity }
    }

    mutating func byte(_ value: UInt8) {
        if storage.count == count { grow(1) }
        storage[count] = value
        count += 1
    }

    mutating func append(_ source: UnsafeBufferPointer<UInt8>) {
        guard let base = source.baseAddress, source.count > 0 else { return }
        append(source.count) { $0.initialize(from: base, count: source.count) }
    }

    mutating func append(_ source: [UInt8]) {
        source.withUnsafeBufferPointer { append($0) }
    }

    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { append($0) }
    }

    mutating func newline(indent: Int) {
        if layout == .compact { return }
        append(1 + indent) { target in
            target.initialize(to: 0x0A)
            (target + 1).initialize(repeating: 0x20, count: indent)
        }
    }

    /// `magnitude` in decimal, zero-padded to `minimumDigits` digits.
    mutating func decimal(_ magnitude: UInt, minimumDigits: Int = 1) {
        let width = DecimalText.width(magnitude, minimumDigits: minimumDigits)
        append(width) { target in
            var rest = magnitude
            var index = width
            repeat {
                index -= 1
                target[index] = 0x30 + UInt8(rest % 10)
                rest /= 10
            } while index > 0
        }
    }

    mutating func int(_ value: Int) {
        if value < 0 { byte(0x2D) }
        decimal(value.magnitude)
    }

    mutating func bool(_ value: Bool) { value ? raw("true") : raw("false") }

    /// A quoted string; only `"`, `\` and control characters are escaped.
    mutating func string(_ text: String) {
        if let done: Void = text.utf8.withContiguousStorageIfAvailable({ quote($0) }) { return done }
        var text = text
        text.withUTF8 { quote($0) }
    }

    private mutating func quote(_ utf8: UnsafeBufferPointer<UInt8>) {
        byte(0x22)
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
            append(UnsafeBufferPointer(rebasing: utf8[start..<index]))
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
                self.byte(Self.hexDigits[Int(byte >> 4)])
                self.byte(Self.hexDigits[Int(byte & 0x0F)])
            }
        }
        append(UnsafeBufferPointer(rebasing: utf8[start..<utf8.count]))
        byte(0x22)
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
        byte(0x7B)
        return Object(indent: indent)
    }

    /// Starts member `key`; the caller then writes its value. The comma, line break,
    /// indentation, quoted key and separator are laid out straight into the output at once:
    /// a scan's JSON has hundreds of thousands of members.
    mutating func member(_ key: StaticString, of object: inout Object) {
        let comma = !object.empty
        object.empty = false
        let indent = layout == .compact ? nil : object.indent + 2
        let separator = keySeparator
        let length = (comma ? 1 : 0) + (indent.map { $0 + 1 } ?? 0) + 2 + key.utf8CodeUnitCount + separator.utf8CodeUnitCount
        append(length) { target in
            // Straight-line stores (a nested function capturing the position would be checked
            // for exclusive access at run time on every byte).
            var written = 0
            if comma {
                target[written] = 0x2C
                written += 1
            }
            if let indent {
                target[written] = 0x0A
                (target + written + 1).initialize(repeating: 0x20, count: indent)
                written += 1 + indent
            }
            target[written] = 0x22
            written += 1
            written += Self.copy(key, to: target + written)
            target[written] = 0x22
            written += 1
            _ = Self.copy(separator, to: target + written)
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
        if !object.empty { byte(0x2C) }
        object.empty = false
        newline(indent: object.indent + 2)
        string(key)
        raw(keySeparator)
    }

    mutating func end(_ object: Object) {
        if object.empty && layout != .foundationPretty { byte(0x7D); return }
        if object.empty { byte(0x0A) }
        newline(indent: object.indent)
        byte(0x7D)
    }

    /// An array of `elements`, each written by `write` at the element indentation.
    mutating func array<C: Collection>(_ elements: C, indent: Int, _ write: (inout JSONOutput, C.Element, Int) -> Void) {
        guard !elements.isEmpty else {
            if layout == .foundationPretty {
                raw("[\n")
                newline(indent: indent)
                byte(0x5D)
            } else {
                raw("[]")
            }
            return
        }
        byte(0x5B)
        var first = true
        for element in elements {
            if !first { byte(0x2C) }
            first = false
            newline(indent: indent + 2)
            write(&self, element, indent + 2)
        }
        newline(indent: indent)
        byte(0x5D)
    }
}
