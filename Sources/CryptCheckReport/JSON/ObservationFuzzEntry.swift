import CryptCheckModel
import Foundation

/// The way in for the observation fuzz target (`Fuzz/`), which sees only `public`
/// declarations: hostile bytes through the whole-file decoder and through the streaming reader
/// `cryptcheck evaluate` uses, handed over in blocks of a size taken from the input.
public enum ObservationFuzzEntry {
    /// The streaming reader differs from the whole-file decoder on `bytes`: it read a file the
    /// decoder rejects, or read other endpoints, files, schema, tool, time or targets.
    public struct Mismatch: Error, CustomStringConvertible {
        public let description: String
    }

    /// Reads `bytes` both ways. The streaming reader may refuse what it does not walk (the
    /// loader then decodes whole), but what it reads must be exactly what the decoder reads.
    /// Returns whether the file was valid.
    @discardableResult
    public static func read(_ bytes: [UInt8]) throws -> Bool {
        let whole = try? ObservationLoader.decode(Data(bytes))
        let blockSize = bytes.first.map { Int($0) + 1 } ?? 1
        var endpoints: [TLSEndpointObservation] = []
        var files: [FileObservation] = []
        guard
            var streamed = try? ObservationReader.read(
                bytes, blockSize: blockSize,
                element: { element in
                    switch element {
                    case .endpoint(let endpoint): endpoints.append(endpoint)
                    case .file(let file): files.append(file)
                    }
                })
        else { return whole != nil }
        streamed.endpoints = endpoints
        streamed.files = files
        guard let whole else { throw Mismatch(description: "the streaming reader read a file the decoder rejects") }
        guard streamed == whole else { throw Mismatch(description: "the streaming reader read other observations than the decoder") }
        return true
    }
}
