import ArgumentParser
import CryptCheckModel
import CryptCheckReport
import CryptCheckStore
import CryptCheckTLS
import Foundation

/// `cryptcheck queue`: the targets a fleet of `cryptcheck worker`s shares, in PostgreSQL.
struct QueueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue",
        abstract: "Add TLS targets to the shared queue of a PostgreSQL store, or show its state.",
        discussion: """
            `cryptcheck worker` processes on any number of machines take the targets, scan them and store \
            each scan with `history` and `diff` as `tls --store` does. The queue lives in the store: \
            --store postgresql://USER@HOST[:PORT]/DB (the password in the URL or PGPASSWORD; never shown).
            """,
        subcommands: [QueueAddCommand.self, QueueStatusCommand.self])

    /// `--store` for the queue: a PostgreSQL URL, or a usage error that says why.
    static func validateStore(_ store: String) throws {
        guard InventoryStores.isPostgres(store) else {
            throw ValidationError(
                "--store \(EscapedText.terminalSafe(store)): the queue lives in PostgreSQL; expected postgresql://USER@HOST[:PORT]/DB")
        }
    }

    /// Opens the store, or says why on standard error and ends with the exit status of a store
    /// that cannot be used (2).
    static func open(_ store: String) throws -> PostgresStore {
        do {
            return try InventoryStores.openPostgres(store)
        } catch {
            printError("\(error)")
            throw ExitCode(ExitStatus.incomplete)
        }
    }

    /// The target as it is queued: one spelling per endpoint (`host:port`, `[v6]:port`, with its
    /// scheme and `{address}` when given), so `a.example` and `a.example:443` are queued once.
    /// It reads back (`EndpointTarget.parse`) as the same target.
    static func queued(_ target: EndpointTarget) -> String {
        let host = target.host.contains(":") ? "[\(target.host)]" : target.host
        let scheme = target.scheme.map { "\($0.lowercased())://" } ?? ""
        return scheme + host + ":\(target.port)" + (target.connectAddress.map { "{\($0)}" } ?? "")
    }
}

/// `cryptcheck queue add`: enqueue targets from the command line and a targets file.
struct QueueAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add targets to the queue; one already pending or being scanned is not added again.",
        discussion: """
            Targets as `cryptcheck tls` reads them. A line of the targets file that is not a target is \
            reported with its line number and the others are added; the exit status is then 2. Prints how \
            many targets were added and how many were already queued.
            """)

    @Argument(help: "The endpoints, HOST[:PORT], PROTO://HOST[:PORT] or HOST[:PORT]{ADDRESS}.")
    var targets: [String] = []

    @Option(
        name: [.customShort("f"), .customLong("targets-file")],
        help: "Also add the targets in FILE, one per line (# comments and blank lines skipped); - reads standard input.")
    var targetsFile: String?

    @Option(help: ArgumentHelp("The PostgreSQL store the queue lives in.", valueName: "URL"))
    var store: String

    func validate() throws {
        guard !targets.isEmpty || targetsFile != nil else {
            throw ValidationError("name at least one endpoint, HOST[:PORT], or a targets file with -f FILE")
        }
        for target in targets { _ = try TLSCommand.parse(target) }
        if let targetsFile, targetsFile != "-", !FileManager.default.isReadableFile(atPath: targetsFile) {
            throw ValidationError("-f \(EscapedText.terminalSafe(targetsFile)): cannot read the targets file")
        }
        try QueueCommand.validateStore(store)
    }

    func run() throws {
        var listed = try targets.map { QueueCommand.queued(try TLSCommand.parse($0)) }
        var badLines = 0
        if let targetsFile {
            let file: TargetsFile
            do {
                file = try TargetsFile.read(targetsFile)
            } catch let error as TargetsFileError {
                printError(error.description)
                throw ExitCode(ExitStatus.usage)
            }
            for problem in file.problems { printError(problem.reason) }
            badLines = file.problems.count
            listed += file.targets.map { QueueCommand.queued($0.target) }
        }
        let store = try QueueCommand.open(store)
        let added: Int
        do {
            added = try store.enqueue(listed)
        } catch {
            printError("\(error)")
            throw ExitCode(ExitStatus.incomplete)
        }
        var line = "\(added) added, \(listed.count - added) already queued"
        if badLines > 0 { line += ", \(badLines) line\(badLines == 1 ? "" : "s") not a target (not added)" }
        FileHandle.standardOutput.write(Data("\(line)\n".utf8))
        if badLines > 0 { throw ExitCode(ExitStatus.incomplete) }
    }
}

/// `cryptcheck queue status`: the counts per state, the leases held and the failed targets.
struct QueueStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show how many targets are pending, leased, done and failed, with the leases and why each failed.",
        discussion: "The verdicts of the scans stored are in `cryptcheck history` and `cryptcheck diff`.")

    @Option(help: ArgumentHelp("The PostgreSQL store the queue lives in.", valueName: "URL"))
    var store: String

    @Option(help: "Output format: text or json.")
    var format: StoreOutputFormat = .text

    func validate() throws { try QueueCommand.validateStore(store) }

    func run() throws {
        let store = try QueueCommand.open(store)
        let status: QueueStatus
        do {
            status = try store.queueStatus()
        } catch {
            printError("\(error)")
            throw ExitCode(ExitStatus.incomplete)
        }
        switch format {
        case .json: FileHandle.standardOutput.write(Data(try JSONRenderer.render(status).utf8))
        case .text: FileHandle.standardOutput.write(Data(Self.text(status).utf8))
        }
    }

    /// The status as text, every target escaped for the terminal.
    static func text(_ status: QueueStatus) -> String {
        var lines = [
            "pending \(status.pending), leased \(status.leased), done \(status.done), failed \(status.failed)"
        ]
        for lease in status.leases {
            lines.append(
                "leased: \(EscapedText.terminalSafe(lease.target)) by \(EscapedText.terminalSafe(lease.worker)) until \(lease.leaseExpires)"
                    + (lease.expired ? " (expired: another worker will take it)" : "") + " (take \(lease.attempts))")
        }
        for failure in status.failures {
            lines.append("failed: \(EscapedText.terminalSafe(failure.target)): \(EscapedText.terminalSafe(failure.reason))")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
