import ArgumentParser
import CryptCheckModel
import CryptCheckReport
import CryptCheckStore
import Foundation

/// `cryptcheck history TARGET --store PATH`: the stored scans of one target, newest first.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List the stored scans of a target (HOST:PORT, a path given to scan, or a file), newest first.",
        discussion:
            "Each scan: its id (for `cryptcheck diff`), start time, tool and list versions, the target's verdict and its counts of violations and indeterminate findings."
    )

    @Argument(help: "The target: HOST:PORT as scanned, or a path (made absolute).")
    var target: String

    @Option(
        help: ArgumentHelp(
            "The inventory store that `tls --store` and `scan --store` write: an SQLite file or postgresql://USER@HOST[:PORT]/DB.",
            valueName: "PATH|URL"), completion: .file())
    var store: String

    @Option(help: "Output format: text or json.")
    var format: StoreOutputFormat = .text

    func run() throws {
        guard InventoryStores.isPostgres(store) || FileManager.default.fileExists(atPath: store) else {
            printError("store \(InventoryStores.shown(store)): no such file")
            throw ExitCode(ExitStatus.incomplete)
        }
        let entries: [HistoryEntry]
        do {
            entries = try InventoryStores.open(store).history(target)
        } catch {
            printError("\(error)")
            throw ExitCode(ExitStatus.incomplete)
        }
        switch format {
        case .text: FileHandle.standardOutput.write(Data(HistoryTextRenderer.render(target, entries).utf8))
        case .json:
            let document = HistoryDocument(target: target, scans: entries)
            FileHandle.standardOutput.write(Data(try JSONRenderer.render(document).utf8))
        }
    }
}
