/// A JSON document whose large arrays were kept in spools: the document is rendered with those
/// arrays empty or holding only their first elements (the skeleton, small), each array is found
/// by its member key on a line `indent` spaces deep, in the order the document lists them, and
/// the spooled elements are written in its place or after its last element. A raw newline cannot
/// occur inside a JSON string, nor an unescaped quote, so the search is exact.
struct SplicedDocument {
    /// One array to fill: its member key (`nil`: the array the previous hole's member is inside
    /// of, ended on a line `indent` deep), how the skeleton writes the key's separator and the
    /// empty array, and the spools whose elements it gets, in order.
    struct Hole {
        let key: String?
        let indent: Int
        let separator: String
        let empty: String
        let arrays: [SpooledArray]
    }

    /// The skeleton around the holes: `pieces[0]`, hole 0, `pieces[1]`, … ; one more than holes.
    private let pieces: [ArraySlice<UInt8>]
    private let holes: [Hole]
    /// Per hole, whether the skeleton's array already has elements (the spooled ones follow).
    private let appended: [Bool]

    /// `nil` when a hole is not found in `skeleton` after the one before it.
    init?(skeleton: [UInt8], holes: [Hole]) {
        var pieces: [ArraySlice<UInt8>] = []
        var appended: [Bool] = []
        var cursor = 0
        for hole in holes {
            let spaces = String(repeating: " ", count: hole.indent)
            let end = Array("\n\(spaces)]".utf8)
            var start = cursor
            if let key = hole.key {
                let member = Array("\n\(spaces)\"\(key)\"\(hole.separator)".utf8)
                guard let found = Self.find(member, in: skeleton, from: cursor) else { return nil }
                start = found + member.count
                if Self.find(Array(hole.empty.utf8), in: skeleton, from: start, at: true) != nil {
                    pieces.append(skeleton[cursor..<start])
                    appended.append(false)
                    cursor = start + hole.empty.utf8.count
                    continue
                }
            }
            guard let close = Self.find(end, in: skeleton, from: start) else { return nil }
            pieces.append(skeleton[cursor..<close])
            appended.append(true)
            cursor = close
        }
        pieces.append(skeleton[cursor...])
        self.pieces = pieces
        self.holes = holes
        self.appended = appended
    }

    /// Hands the whole document to `sink`, in order, in pieces.
    func write(to sink: ([UInt8]) throws -> Void) throws {
        for (index, hole) in holes.enumerated() {
            try sink(Array(pieces[index]))
            if appended[index] {
                for array in hole.arrays { try array.write(first: false, to: sink) }
                continue
            }
            guard hole.arrays.contains(where: { $0.count > 0 }) else {
                try sink(Array(hole.empty.utf8))
                continue
            }
            try sink([0x5B])
            var first = true
            for array in hole.arrays where array.count > 0 {
                try array.write(first: first, to: sink)
                first = false
            }
            try sink([0x0A] + [UInt8](repeating: 0x20, count: hole.indent) + [0x5D])
        }
        try sink(Array(pieces[holes.count]))
    }

    /// Where `pattern` first occurs from `start` (only at `start` when `at`).
    private static func find(_ pattern: [UInt8], in bytes: [UInt8], from start: Int, at: Bool = false) -> Int? {
        guard let first = pattern.first, bytes.count >= pattern.count else { return nil }
        var index = start
        while index <= bytes.count - pattern.count {
            if bytes[index] == first && bytes[index..<(index + pattern.count)].elementsEqual(pattern) { return index }
            if at { return nil }
            index += 1
        }
        return nil
    }
}
