import CryptCheckModel
import Foundation

/// Reads saved observation files. A file that cannot be read or decoded is recorded as an
/// unscanned target naming the file and the problem; the other files are still used.
public enum ObservationLoader {
    /// Decodes one observation file's bytes.
    public static func decode(_ data: Data) throws -> ObservationSet {
        let observations = try JSONRenderer.decoder().decode(ObservationSet.self, from: data)
        guard observations.schema == ObservationSet.currentSchema else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: [], debugDescription: "schema '\(observations.schema)' is not \(ObservationSet.currentSchema)"))
        }
        return observations
    }

    /// Merges several files into one set; the earliest observation time is kept.
    public static func merge(_ paths: [String]) -> ObservationSet {
        var merged = ObservationSet(tool: "cryptcheck", observedAt: .distantFuture)
        for path in paths {
            do {
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw CocoaError(.fileReadNoSuchFile)
                }
                let set = try decode(data)
                merged.endpoints += set.endpoints
                merged.files += set.files
                merged.unscanned += set.unscanned
                merged.observedAt = min(merged.observedAt, set.observedAt)
                merged.tool = set.tool
            } catch {
                merged.unscanned.append(UnscannedTarget(target: path, reason: describe(error)))
            }
        }
        if merged.observedAt == .distantFuture { merged.observedAt = Date(timeIntervalSince1970: 0) }
        return merged
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case CocoaError.fileReadNoSuchFile: return "cannot read the observation file (missing or unreadable)"
        case DecodingError.dataCorrupted(let context):
            return "not a valid observation file: \(context.debugDescription)" + path(context.codingPath)
        case DecodingError.keyNotFound(let key, let context):
            return "not a valid observation file: missing '\(key.stringValue)'" + path(context.codingPath)
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "not a valid observation file: \(context.debugDescription)" + path(context.codingPath)
        default: return "not a valid observation file: \(error)"
        }
    }

    private static func path(_ codingPath: [any CodingKey]) -> String {
        codingPath.isEmpty ? "" : " at " + codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    }
}
