import CryptCheckModel
import Foundation

/// Reads saved observation files. A file that cannot be read or decoded is recorded as an
/// unscanned target naming the file and the problem; the other files are still used.
package enum ObservationLoader {
    /// Decodes one observation file's bytes.
    package static func decode(_ data: Data) throws -> ObservationSet {
        let observations = try JSONRenderer.decoder().decode(ObservationSet.self, from: data)
        try checkSchema(observations.schema)
        return observations
    }

    static func checkSchema(_ schema: String) throws {
        guard schema == ObservationSet.currentSchema else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: [], debugDescription: "schema '\(schema)' is not \(ObservationSet.currentSchema)"))
        }
    }

    /// Merges several files into one set; the earliest observation time is kept.
    package static func merge(_ paths: [String]) -> ObservationSet {
        var parts = paths.map { _ in (endpoints: [TLSEndpointObservation](), files: [FileObservation]()) }
        var merged = stream(
            paths,
            element: { index, element in
                switch element {
                case .endpoint(let endpoint): parts[index].endpoints.append(endpoint)
                case .file(let file): parts[index].files.append(file)
                }
            }, abandon: { parts[$0] = ([], []) })
        merged.endpoints = parts.flatMap(\.endpoints)
        merged.files = parts.flatMap(\.files)
        return merged
    }

    /// Reads `paths` one endpoint or file at a time, handing each to `element` with the index of
    /// its path, in the order of the file. A file found not valid part way is `abandon`ed (what it
    /// handed out must be forgotten) and becomes an unscanned target, as in `merge`. Returns what
    /// `merge` returns without the endpoints and files: the schema, the last tool, the earliest
    /// time, and the unscanned targets.
    package static func stream(
        _ paths: [String], element: (Int, ObservationElement) -> Void,
        abandon: (Int) -> Void
    ) -> ObservationSet {
        var merged = ObservationSet(tool: "cryptcheck", observedAt: .distantFuture)
        for (index, path) in paths.enumerated() {
            do {
                let set = try ObservationReader.read(path) { element(index, $0) }
                add(set, to: &merged)
            } catch {
                abandon(index)
                // Not in the shape the streaming reader walks, or not valid: read whole as
                // before, which gives the exact error (or the set, for a valid file of another shape).
                do {
                    guard let data = FileManager.default.contents(atPath: path) else {
                        throw CocoaError(.fileReadNoSuchFile)
                    }
                    // A CycloneDX BOM, whatever its name: its assets, declared.
                    let set = try BOMInput.observations(data, path: path) ?? decode(data)
                    for endpoint in set.endpoints { element(index, .endpoint(endpoint)) }
                    for file in set.files { element(index, .file(file)) }
                    add(set, to: &merged)
                } catch {
                    merged.unscanned.append(UnscannedTarget(target: path, reason: describe(error), code: code(of: error)))
                }
            }
        }
        if merged.observedAt == .distantFuture { merged.observedAt = Date(timeIntervalSince1970: 0) }
        return merged
    }

    /// Adds one file's time, tool, unscanned targets and SSH endpoints to the merged set.
    private static func add(_ set: ObservationSet, to merged: inout ObservationSet) {
        merged.unscanned += set.unscanned
        merged.sshEndpoints += set.sshEndpoints
        merged.observedAt = min(merged.observedAt, set.observedAt)
        merged.tool = set.tool
    }

    /// `file.cannot-read` for a file that cannot be read, else `observations.invalid`.
    static func code(of error: any Error) -> ErrorCode {
        if case CocoaError.fileReadNoSuchFile = error { return .fileCannotRead }
        if let failure = error as? BOMInput.Failure { return failure.code }
        return .observationsInvalid
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case CocoaError.fileReadNoSuchFile: return "cannot read the observation file (missing or unreadable)"
        case let failure as BOMInput.Failure: return failure.message
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
