import CryptCheckModel
import CryptCheckReport
import Foundation

/// The endpoints of a `tls` run, written to a temporary observation file as each finishes, so
/// that memory holds the endpoints being scanned, not the fleet. At the end the file is judged
/// and written in every format as `evaluate` does (`EvaluateCommand.evaluateStreamed`), saved
/// with `--save-observations`, or read whole where an output needs the whole report.
final class EndpointSpool {
    let path: String
    private let handle: FileHandle
    private var writer: ObservationStreamWriter
    private(set) var unscanned: [UnscannedTarget] = []
    /// The SSH endpoints, written whole at the end (a few kilobytes each).
    private(set) var sshEndpoints: [SSHEndpointObservation] = []
    private var finished = false

    init(tool: String) throws {
        (path, handle) = try OutputFile.scratch(prefix: "cryptcheck-endpoints")
        writer = try ObservationStreamWriter(handle: handle, tool: tool, subjects: .endpoints)
    }

    deinit { OutputFile.discard(path) }

    func add(_ endpoint: TLSEndpointObservation) throws {
        try writer.write(rendered: ObservationStreamWriter.render(endpoint))
    }

    func add(_ target: UnscannedTarget) { unscanned.append(target) }

    func add(_ endpoint: SSHEndpointObservation) { sshEndpoints.append(endpoint) }

    /// Ends the file (its time is now, when the last endpoint finished).
    func finish() throws {
        guard !finished else { return }
        finished = true
        try writer.finish(unscanned: unscanned, observedAt: Date(), sshEndpoints: sshEndpoints)
        try handle.synchronize()
    }

    /// The whole set, read back (for the outputs that need every endpoint at once).
    func observations() -> ObservationSet { ObservationLoader.merge([path]) }

    /// Copies the file to `destination` in pieces (`--save-observations`).
    func save(to destination: String) throws {
        guard let source = FileHandle(forReadingAtPath: path) else {
            throw OutputFile.Failure(description: "\(path): cannot read the run's observations back")
        }
        defer { try? source.close() }
        try OutputFile.write(
            pieces: { sink in
                while let chunk = try source.read(upToCount: 1 << 20), !chunk.isEmpty { try sink(Array(chunk)) }
            }, to: destination)
    }
}
