import CryptCheckPolicy
import Foundation

/// Encodes a value as JSON with the bytes Foundation's `JSONEncoder` writes with
/// `[.sortedKeys, .withoutEscapingSlashes]` (and `.prettyPrinted` when `pretty`) and `.iso8601`
/// dates, in a fraction of its memory and time: Foundation builds a tree of boxed values for
/// the whole document before writing a byte (about 35 times the output's size for a report),
/// while this writes each value's bytes as soon as the value is encoded, keeping only the
/// members of the objects still open. A report with 100k findings is the case it is for.
///
/// Throws `Unsupported` for the value kinds it does not write the way Foundation does
/// (floating point, `Data`, `URL`, `Decimal`); `JSONRenderer` then falls back to Foundation.
struct SortedJSONEncoder {
    /// Two-space indentation and `" : "` between key and value, as `.prettyPrinted`.
    var pretty: Bool

    /// A value of a kind this encoder leaves to Foundation.
    struct Unsupported: Error {
        let type: String
    }

    /// The JSON bytes of `value`.
    func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        try chunks(of: value).joined()
    }

    /// The JSON bytes of `value` in pieces of about `Chunks.sealSize`, for writing out without
    /// ever holding them in one buffer.
    func chunks<T: Encodable>(of value: T) throws -> Chunks {
        let context = Context(pretty: pretty)
        return try context.bytes(of: value, depth: 0, codingPath: nil)
    }

    /// Bytes kept as a list of pieces: a large value (the findings of a report) is appended to
    /// its parent by moving its pieces, never by copying, and no buffer ever doubles past a
    /// piece's size, so encoding needs about the output's size, not twice or three times it.
    struct Chunks {
        /// A piece is sealed once it holds this many bytes.
        static let sealSize = 256 << 10
        private(set) var sealed: [[UInt8]] = []
        private(set) var current: [UInt8]

        init(_ bytes: [UInt8] = []) { current = bytes }

        var count: Int { sealed.reduce(current.count) { $0 + $1.count } }

        mutating func append(_ byte: UInt8) { current.append(byte) }

        mutating func append<S: Sequence<UInt8>>(contentsOf bytes: S) {
            current.append(contentsOf: bytes)
            if current.count >= Self.sealSize { seal() }
        }

        /// Appends `other`, moving its sealed pieces.
        mutating func append(_ other: Chunks) {
            if other.sealed.isEmpty {
                append(contentsOf: other.current)
                return
            }
            seal()
            sealed.append(contentsOf: other.sealed)
            current = other.current
        }

        private mutating func seal() {
            guard !current.isEmpty else { return }
            sealed.append(current)
            current = []
        }

        /// Calls `body` with each piece, in order.
        func forEach(_ body: ([UInt8]) throws -> Void) rethrows {
            for piece in sealed { try body(piece) }
            if !current.isEmpty { try body(current) }
        }

        func joined() -> [UInt8] {
            guard !sealed.isEmpty else { return current }
            var all: [UInt8] = []
            all.reserveCapacity(count)
            forEach { all.append(contentsOf: $0) }
            return all
        }
    }

    /// A coding path kept as a chain to the parent and made an array only when asked (values
    /// almost never ask; building one per value was a third of the time).
    final class Path {
        let parent: Path?
        let key: any CodingKey

        init(_ parent: Path?, _ key: any CodingKey) {
            self.parent = parent
            self.key = key
        }

        static func keys(_ path: Path?) -> [any CodingKey] {
            var keys: [any CodingKey] = []
            var node = path
            while let current = node {
                keys.append(current.key)
                node = current.parent
            }
            return keys.reversed()
        }
    }

    /// What every encoder of one document shares.
    final class Context {
        let pretty: Bool
        let dates = ISO8601DateFormatter()

        init(pretty: Bool) { self.pretty = pretty }

        /// The bytes of `value` laid out at nesting `depth`.
        func bytes<T: Encodable>(of value: T, depth: Int, codingPath: Path?) throws -> Chunks {
            // Type identity, not `as?` casts: a dynamic cast per value was a tenth of the time.
            if T.self == String.self { return Chunks(quoted(value as! String)) }
            if T.self == Int.self { return Chunks(Array(String(value as! Int).utf8)) }
            if T.self == Bool.self { return Chunks(Array(((value as! Bool) ? "true" : "false").utf8)) }
            if T.self == Date.self { return Chunks(quoted(dates.string(from: value as! Date))) }
            if T.self == Finding.self {
                // The bulk of a report, written by the byte writer the streamed scan uses (its
                // rendering cached for findings that differ only in their subject).
                var out = JSONOutput(foundationPretty: pretty)
                FindingJSON.writeCached(value as! Finding, to: &out, indent: 2 * depth)
                return Chunks(out.takeBytes())
            }
            if T.self == Double.self || T.self == Float.self || T.self == Data.self || T.self == URL.self || T.self == Decimal.self {
                throw Unsupported(type: "\(T.self)")
            }
            let encoder = NodeEncoder(context: self, depth: depth, codingPath: codingPath)
            try value.encode(to: encoder)
            return try encoder.node.bytes(depth: depth, context: self)
        }

        func quoted(_ text: String) -> [UInt8] {
            var out = JSONOutput()
            out.string(text)
            return out.takeBytes()
        }

        /// Starts member number `index` of a container whose members sit at `depth + 1`.
        func separate(_ out: inout Chunks, index: Int, depth: Int) {
            if index > 0 { out.append(0x2C) }
            guard pretty else { return }
            out.append(0x0A)
            out.append(contentsOf: repeatElement(0x20, count: 2 * (depth + 1)))
        }

        /// Closes a container of `count` members opened at `depth`, laid out as Foundation lays
        /// it out (an empty one pretty-printed is `[`, two newlines, `]`).
        func close(_ out: inout Chunks, _ bracket: UInt8, count: Int, depth: Int) {
            if pretty {
                if count == 0 { out.append(0x0A) }
                out.append(0x0A)
                out.append(contentsOf: repeatElement(0x20, count: 2 * depth))
            }
            out.append(bracket)
        }
    }

    /// What one encoder was given: nothing yet, one value's bytes, or a container.
    final class Storage {
        enum Content {
            case empty
            case value(Chunks)
            case keyed(KeyedMembers)
            case unkeyed(UnkeyedElements)
        }
        var content = Content.empty

        func bytes(depth: Int, context: Context) throws -> Chunks {
            switch content {
            case .empty:  // as Foundation: an empty object
                var out = Chunks([0x7B])
                context.close(&out, 0x7D, count: 0, depth: depth)
                return out
            case .value(let bytes): return bytes
            case .keyed(let members): return try members.bytes(depth: depth, context: context)
            case .unkeyed(let elements): return try elements.bytes(depth: depth, context: context)
            }
        }
    }

    /// A member's value: its bytes, or a nested container written when its parent is.
    enum Slot {
        case bytes(Chunks)
        case nested(Storage)

        func bytes(depth: Int, context: Context) throws -> Chunks {
            switch self {
            case .bytes(let bytes): return bytes
            case .nested(let storage): return try storage.bytes(depth: depth, context: context)
            }
        }
    }

    /// An object's members, kept until it is written: keys are sorted then, and a later value
    /// for a key replaces the earlier one, as in Foundation. An array, not a dictionary:
    /// objects have a handful of keys.
    final class KeyedMembers {
        private var members: [(key: String, slot: Slot)] = []

        func set(_ key: String, _ slot: Slot) {
            if let index = members.firstIndex(where: { $0.key == key }) {
                members[index].slot = slot
            } else {
                members.append((key, slot))
            }
        }

        func bytes(depth: Int, context: Context) throws -> Chunks {
            var out = Chunks([0x7B])
            for (index, member) in members.sorted(by: { $0.key < $1.key }).enumerated() {
                context.separate(&out, index: index, depth: depth)
                out.append(contentsOf: context.quoted(member.key))
                if context.pretty { out.append(contentsOf: [0x20, 0x3A, 0x20]) } else { out.append(0x3A) }
                switch member.slot {
                case .bytes(let bytes): out.append(bytes)
                case .nested(let storage): out.append(try storage.bytes(depth: depth + 1, context: context))
                }
            }
            context.close(&out, 0x7D, count: members.count, depth: depth)
            return out
        }
    }

    /// An array's elements, written into one buffer as they come (order is kept, so nothing
    /// waits), except a nested container, written once the next element comes or the array ends.
    final class UnkeyedElements {
        let context: Context
        let depth: Int
        private var out = Chunks([0x5B])
        private(set) var count = 0
        private var pending: Storage?
        private var failure: (any Error)?

        init(context: Context, depth: Int) {
            self.context = context
            self.depth = depth
        }

        func append(_ bytes: Chunks) throws {
            try flushPending()
            context.separate(&out, index: count, depth: depth)
            out.append(bytes)
            count += 1
        }

        /// Non-throwing, as the containers that call it are: a failure to write the previous
        /// nested container is kept and thrown when the array is written.
        func append(nested storage: Storage) {
            do {
                try flushPending()
            } catch {
                failure = failure ?? error
            }
            context.separate(&out, index: count, depth: depth)
            count += 1
            pending = storage
        }

        private func flushPending() throws {
            guard let storage = pending else { return }
            pending = nil
            out.append(try storage.bytes(depth: depth + 1, context: context))
        }

        func bytes(depth: Int, context: Context) throws -> Chunks {
            try flushPending()
            if let failure { throw failure }
            var result = out
            context.close(&result, 0x5D, count: count, depth: depth)
            return result
        }
    }

    /// The `Encoder` a value's `encode(to:)` is given.
    struct NodeEncoder: Encoder {
        let context: Context
        let depth: Int
        let path: Path?
        var codingPath: [any CodingKey] { Path.keys(path) }
        var userInfo: [CodingUserInfoKey: Any] { [:] }
        /// Where this encoder's value goes.
        let node: Storage

        init(context: Context, depth: Int, codingPath: Path?, storage: Storage = Storage()) {
            self.context = context
            self.depth = depth
            path = codingPath
            node = storage
        }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            let members: KeyedMembers
            if case .keyed(let existing) = node.content {
                members = existing
            } else {
                members = KeyedMembers()
                node.content = .keyed(members)
            }
            return KeyedEncodingContainer(Keyed<Key>(context: context, depth: depth, path: path, members: members))
        }

        func unkeyedContainer() -> any UnkeyedEncodingContainer {
            let elements: UnkeyedElements
            if case .unkeyed(let existing) = node.content {
                elements = existing
            } else {
                elements = UnkeyedElements(context: context, depth: depth)
                node.content = .unkeyed(elements)
            }
            return Unkeyed(context: context, depth: depth, path: path, elements: elements)
        }

        func singleValueContainer() -> any SingleValueEncodingContainer {
            Single(context: context, depth: depth, path: path, node: node)
        }
    }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let context: Context
        let depth: Int
        let path: Path?
        var codingPath: [any CodingKey] { Path.keys(path) }
        let members: KeyedMembers

        mutating func encodeNil(forKey key: Key) throws { members.set(key.stringValue, .bytes(Chunks(Array("null".utf8)))) }

        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            members.set(key.stringValue, .bytes(try context.bytes(of: value, depth: depth + 1, codingPath: Path(path, key))))
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<
            NestedKey
        > {
            nestedEncoder(named: key.stringValue, path: Path(path, key)).container(keyedBy: keyType)
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            nestedEncoder(named: key.stringValue, path: Path(path, key)).unkeyedContainer()
        }

        mutating func superEncoder() -> any Encoder { nestedEncoder(named: "super", path: path) }

        mutating func superEncoder(forKey key: Key) -> any Encoder { nestedEncoder(named: key.stringValue, path: path) }

        /// An encoder for member `name`, written when this object is.
        private func nestedEncoder(named name: String, path: Path?) -> NodeEncoder {
            let storage = Storage()
            members.set(name, .nested(storage))
            return NodeEncoder(context: context, depth: depth + 1, codingPath: path, storage: storage)
        }
    }

    struct Unkeyed: UnkeyedEncodingContainer {
        let context: Context
        let depth: Int
        let path: Path?
        var codingPath: [any CodingKey] { Path.keys(path) }
        let elements: UnkeyedElements
        var count: Int { elements.count }

        mutating func encodeNil() throws { try elements.append(Chunks(Array("null".utf8))) }

        mutating func encode<T: Encodable>(_ value: T) throws {
            try elements.append(try context.bytes(of: value, depth: depth + 1, codingPath: path))
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            nestedEncoder().container(keyedBy: keyType)
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { nestedEncoder().unkeyedContainer() }

        mutating func superEncoder() -> any Encoder { nestedEncoder() }

        /// An encoder for the next element, written once the element after it comes.
        private func nestedEncoder() -> NodeEncoder {
            let storage = Storage()
            elements.append(nested: storage)
            return NodeEncoder(context: context, depth: depth + 1, codingPath: path, storage: storage)
        }
    }

    struct Single: SingleValueEncodingContainer {
        let context: Context
        let depth: Int
        let path: Path?
        var codingPath: [any CodingKey] { Path.keys(path) }
        let node: Storage

        mutating func encodeNil() throws { node.content = .value(Chunks(Array("null".utf8))) }
        mutating func encode(_ value: Bool) throws { node.content = .value(Chunks(Array((value ? "true" : "false").utf8))) }
        mutating func encode(_ value: String) throws { node.content = .value(Chunks(context.quoted(value))) }
        mutating func encode(_ value: Int) throws { node.content = .value(Chunks(Array(String(value).utf8))) }
        mutating func encode(_ value: Int8) throws { node.content = .value(Chunks(Array(String(value).utf8))) }
        mutating func encode(_ value: Int16) throws { node.content = .value(Chunks(Array(String(value).utf8))) }
        mutating func encode(_ value: Int32) throws { node.content = .value(Chunks(Array(String(value).utf8))) }
        mutating func encode(_ value: Int64) throws { node.content = .value(Chunks(Array(String(value).utf8))) }
        mutating func encode(_ value: UInt) throws { node.content = .value(Chunks(Array(String(value).utf8))) }
        mutating func encode(_ value: UInt8) throws { node.content = .value(Chunks(Array(String(value).utf8))) }
        mutating func encode(_ value: UInt16) throws { node.content = .value(Chunks(Array(String(value).utf8))) }
        mutating func encode(_ value: UInt32) throws { node.content = .value(Chunks(Array(String(value).utf8))) }
        mutating func encode(_ value: UInt64) throws { node.content = .value(Chunks(Array(String(value).utf8))) }
        mutating func encode(_ value: Double) throws { throw Unsupported(type: "Double") }
        mutating func encode(_ value: Float) throws { throw Unsupported(type: "Float") }

        mutating func encode<T: Encodable>(_ value: T) throws {
            node.content = .value(try context.bytes(of: value, depth: depth, codingPath: path))
        }
    }
}
