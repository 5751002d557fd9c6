/// A JSON document whose large arrays were kept in spools: the document is rendered with those
/// arrays empty (the skeleton, small), each empty array is found by its member key in the order
/// the document lists them, and the spooled elements are written in its place. A raw `"key": [`
/// cannot occur inside a JSON string (its quotes would be escaped), so the search is exact.
struct SplicedDocument {
    /// One array to fill: its member key, how the skeleton writes the key's separator and the
    /// empty array, and the spools whose elements it holds, in order.
    struct Hole {
        let key: String
        let separator: String
        let empty: String
        let arrays: [SpooledArray]
    }

    /// The skeleton around the holes: `pieces[0]`, hole 0, `pieces[1]`, … ; one more than holes.
    private let pieces: [ArraySlice<UInt8>]
    private let holes: [Hole]

    /// `nil` when a hole is not found in `skeleton` after the one before it.
    init?(skeleton: [UInt8], holes: [Hole]) {
        var pieces: [ArraySlice<UInt8>] = []
        var cursor = 0
        for hole in holes {
            let key = Array("\"\(hole.key)\"\(hole.separator)".utf8)
            guard let start = Self.find(key + Array(hole.empty.utf8), in: skeleton, from: cursor) else { return nil }
            pieces.append(skeleton[cursor..<(start + key.count)])
            cursor = start + key.count + hole.empty.utf8.count
        }
        pieces.append(skeleton[cursor...])
        self.pieces = pieces
        self.holes = holes
    }

    /// Hands the whole document to `sink`, in order, in pieces.
    func write(to sink: ([UInt8]) throws -> Void) throws {
        for (index, hole) in holes.enumerated() {
            try sink(Array(pieces[index]))
            guard let indent = hole.arrays.first?.indent, hole.arrays.contains(where: { $0.count > 0 }) else {
                try sink(Array(hole.empty.utf8))
                continue
            }
            try sink([0x5B])
            var first = true
            for array in hole.arrays where array.count > 0 {
                try array.write(first: first, to: sink)
                first = false
            }
            try sink([0x0A] + [UInt8](repeating: 0x20, count: indent) + [0x5D])
        }
        try sink(Array(pieces[holes.count]))
    }

    private static func find(_ pattern: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard let first = pattern.first, bytes.count >= pattern.count else { return nil }
        var index = start
        while index <= bytes.count - pattern.count {
            if bytes[index] == first && bytes[index..<(index + pattern.count)].elementsEqual(pattern) { return index }
            index += 1
        }
        return nil
    }
}
