import ArgumentParser
import CryptCheckOpenSSL

/// The root command.
@main
struct CryptCheck: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "cryptcheck",
        abstract: "Check cryptography against the CRYPTREC Ciphers List, LS-0003 strength rules and the GL-3001 TLS guideline.",
        discussion: """
            Exit codes: 0 conformant, 1 violations at or above --fail-on, 2 incomplete (something \
            could not be observed or read), 64 usage error.
            """,
        version: "cryptcheck \(version) (\(OpenSSLLibrary.version))",
        subcommands: [
            TLSCommand.self, ScanCommand.self, ReportCommand.self, ListsCommand.self, EvaluateCommand.self, HistoryCommand.self,
            DiffCommand.self, QueueCommand.self, WorkerCommand.self,
        ],
        defaultSubcommand: TLSCommand.self
    )

    /// OpenSSL first, without its exit handler (see `OpenSSLLibrary`), then the command.
    static func main() {
        OpenSSLLibrary.initialiseWithoutExitHandler()
        main(Array(CommandLine.arguments.dropFirst()))
    }
}
