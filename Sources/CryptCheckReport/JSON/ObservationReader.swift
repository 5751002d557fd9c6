import CryptCheckModel
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// One endpoint or file of an observation file.
package enum ObservationElement: Sendable {
    case endpoint(TLSEndpointObservation)
    case file(FileObservation)
}

/// Reads an observation file in blocks, decoding one element of `endpoints` or `files` at a
/// time (`ObservationScanner`), so memory does not grow with the file. Throws on anything it
/// does not walk or cannot decode; `ObservationLoader` then reads the file whole for the exact
/// error. The elements already handed out are then to be forgotten.
enum ObservationReader {
    /// Bytes read at a time.
    static let blockSize = 1 << 20

    /// Reads the file at `path`; returns the set without its endpoints and files (with its SSH
    /// endpoints, read whole).
    static func read(_ path: String, element: (ObservationElement) -> Void) throws -> ObservationSet {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw CocoaError(.fileReadNoSuchFile) }
        defer { close(descriptor) }
        var block = [UInt8](repeating: 0, count: blockSize)
        return try read(element: element) { feed in
            while true {
                let count = block.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
                if count < 0 && errno == EINTR { continue }
                guard count >= 0 else { throw CocoaError(.fileReadUnknown) }
                if count == 0 { return }
                try block.withUnsafeBytes { try feed(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
            }
        }
    }

    /// Reads a file's `bytes` handed over in blocks of `blockSize` (for tests and the fuzz target).
    static func read(_ bytes: [UInt8], blockSize: Int, element: (ObservationElement) -> Void) throws -> ObservationSet {
        try read(element: element) { feed in
            try bytes.withUnsafeBytes { buffer in
                var start = 0
                while start < buffer.count {
                    let end = min(buffer.count, start + max(1, blockSize))
                    try feed(UnsafeRawBufferPointer(rebasing: buffer[start..<end]))
                    start = end
                }
            }
        }
    }

    /// Runs the scanner over the blocks `blocks` hands to its argument, decoding as it goes.
    private static func read(
        element: (ObservationElement) -> Void,
        blocks: ((UnsafeRawBufferPointer) throws -> Void) throws -> Void
    ) throws -> ObservationSet {
        let decoder = JSONRenderer.decoder()
        var members: [String: [UInt8]] = [:]
        // The scanner's callbacks escape its init; the decoded elements are handed out at once.
        try withoutActuallyEscaping(element) { element in
            var scanner = ObservationScanner(
                element: { section, bytes in
                    switch section {
                    case .endpoints: element(.endpoint(try decoder.decode(TLSEndpointObservation.self, from: Data(bytes))))
                    case .files: element(.file(try decoder.decode(FileObservation.self, from: Data(bytes))))
                    }
                }, whole: { name, bytes in members[name] = bytes })
            try blocks { try scanner.feed($0) }
            try scanner.finish()
            guard scanner.members.isSuperset(of: ObservationScanner.wholeMembers.union(["endpoints", "files"])) else {
                throw ObservationScanner.Unsupported()
            }
        }
        func value<T: Decodable>(_ type: T.Type, _ name: String) throws -> T {
            guard let bytes = members[name] else { throw ObservationScanner.Unsupported() }
            return try decoder.decode(type, from: Data(bytes))
        }
        let schema = try value(String.self, "schema")
        try ObservationLoader.checkSchema(schema)
        var set = ObservationSet(
            tool: try value(String.self, "tool"), observedAt: try value(Date.self, "observedAt"),
            unscanned: try value([UnscannedTarget].self, "unscanned"))
        set.schema = schema
        if members["sshEndpoints"] != nil { set.sshEndpoints = try value([SSHEndpointObservation].self, "sshEndpoints") }
        return set
    }
}
