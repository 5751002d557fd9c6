import ArgumentParser
import CryptCheckModel
import CryptCheckPolicy
import CryptCheckReport
import CryptCheckStore
import Foundation

/// `--store PATH` of `tls` and `scan`: the inventory the run is written to.
struct StoreOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Also keep this run in the inventory store, an SQLite file (created if missing) or postgresql://USER@HOST[:PORT]/DB, for `cryptcheck history` and `cryptcheck diff`.",
            discussion:
                "An interrupted run is stored too, marked so. A store that cannot be opened or written is an error (exit status 2); the other outputs are still written. The PostgreSQL password comes from the URL or PGPASSWORD and is never shown.",
            valueName: "PATH|URL"))
    var store: String?

    /// The store file with the option's name, to check against the scanned paths.
    var writtenPaths: [(option: String, path: String)] {
        store.flatMap { InventoryStores.isPostgres($0) ? nil : [("--store ", $0)] } ?? []
    }
}

/// Writes one run to `--store`, once its observations are known, and makes the run end
/// incomplete (2) when that failed, after every other output is written.
final class StoreRecorder {
    let options: StoreOptions
    let startedAt = Date()
    private var failed = false

    init(_ options: StoreOptions) { self.options = options }

    /// Stores the run when `--store` is given; a failure is said on standard error.
    func record(command: String, observations: ObservationSet, policies: [Policy], interrupted: Bool, roots: [String]) {
        guard let path = options.store else { return }
        do {
            let record = try Self.record(
                command: command, observations: observations, policies: policies, startedAt: startedAt, interrupted: interrupted,
                roots: roots)
            let store = try InventoryStores.open(path)
            let id = try store.record(record)
            if interrupted { printError("store \(store.shown): scan \(id) stored, marked interrupted") }
        } catch {
            printError("\(error)")
            failed = true
        }
    }

    /// What one run becomes in the store: the observations as `--save-observations` writes
    /// them and the findings judged by `policies` (the same for `tls --store` and `worker`).
    static func record(
        command: String, observations: ObservationSet, policies: [Policy], startedAt: Date, interrupted: Bool, roots: [String]
    ) throws -> ScanRecord {
        let evaluation = Evaluator.evaluate(observations, policies: policies)
        return ScanRecord(
            command: command, tool: "cryptcheck \(CryptCheck.version)", lists: evaluation.lists.map(\.revision), asOf: evaluation.asOf,
            startedAt: startedAt, finishedAt: Date(), interrupted: interrupted, observations: observations,
            observationsJSON: Array(try JSONRenderer.render(observations).utf8), roots: roots.map(StorePaths.absolute),
            findings: evaluation.findings)
    }

    /// Runs the command; when storing failed, its exit status is at least 2.
    func closing(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let code as ExitCode where failed && code.rawValue < ExitStatus.incomplete {
            throw ExitCode(ExitStatus.incomplete)
        }
        if failed { throw ExitCode(ExitStatus.incomplete) }
    }
}
