import ArgumentParser
import CryptCheckPolicy
import CryptCheckReport

/// `cryptcheck lists`: show, validate and compare list files.
struct ListsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lists",
        abstract: "Show, validate and compare the CRYPTREC list files.",
        subcommands: [Overview.self, Show.self, Validate.self, Diff.self],
        defaultSubcommand: Overview.self
    )

    struct Overview: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "overview", abstract: "List the available list documents.")

        @Option(name: .customLong("list"), help: "Also load this list file. Repeatable.")
        var files: [String] = []

        func run() throws {
            var catalog = try ListCatalog.builtIn()
            _ = try PolicySelection.resolve(files, into: &catalog)
            print(ListTextRenderer.overview(catalog), terminator: "")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one list as a readable table.")

        @Argument(help: "A built-in revision or ID, or a list file.")
        var list: String

        func run() throws {
            var catalog = try ListCatalog.builtIn()
            let document = try PolicySelection.resolve([list], into: &catalog)[0]
            print(ListTextRenderer.show(document), terminator: "")
        }
    }

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check list files against the schema; errors name file:line:column.")

        @Argument(help: "List files to check.")
        var files: [String]

        func run() throws {
            var failed = false
            for file in files {
                do {
                    let document = try ListLoader.load(path: file)
                    print("\(file): ok (\(document.kind) \(document.header.revision))")
                } catch let error as ListLoadError {
                    printError(error.description)
                    failed = true
                }
            }
            if failed { throw ExitCode(1) }
        }
    }

    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show what changed between two ciphers lists.")

        @Argument(help: "The older list (revision, ID or file).")
        var from: String
        @Argument(help: "The newer list (revision, ID or file).")
        var to: String
        @Option(help: "Output format: text or json.")
        var format: OutputFormat = .text

        func run() throws {
            var catalog = try ListCatalog.builtIn()
            let documents = try PolicySelection.resolve([from, to], into: &catalog)
            guard case .ciphers(let old) = documents[0], case .ciphers(let new) = documents[1] else {
                throw ValidationError("diff compares two ciphers-list documents")
            }
            let diff = ListDiff(from: old, to: new)
            print(format == .json ? try JSONRenderer.render(diff) : ListTextRenderer.diff(diff), terminator: "")
        }
    }
}
