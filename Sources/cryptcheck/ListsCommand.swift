import ArgumentParser
import CryptCheckPolicy
import CryptCheckReport
import Foundation

/// `--as-of` for `cryptcheck lists`: the day a series ID is resolved at.
struct ListDayOption: ParsableArguments {
    @Option(
        name: .customLong("as-of"),
        help: "The day (YYYY-MM-DD) a series ID such as LS-0001-2022 means the revision in force on. Default: today (UTC).")
    var asOf: String?

    func validate() throws {
        if let asOf, PolicySelection.parseDay(asOf) == nil {
            throw ValidationError("--as-of '\(asOf)' is not a valid date (YYYY-MM-DD)")
        }
    }

    /// The option's day, or today (UTC).
    var day: Date {
        asOf.flatMap(PolicySelection.parseDay) ?? PolicySelection.parseDay(Policy.dayText(Date())) ?? Date()
    }
}

/// `cryptcheck lists`: show, validate and compare list files.
/// The formats of `cryptcheck lists diff`: any other value is refused as a usage error.
enum DiffFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, csv
}

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
        @OptionGroup var day: ListDayOption

        func run() throws {
            var catalog = try ListCatalog.builtIn()
            _ = try usageErrors { try PolicySelection.resolve(files, into: &catalog, asOf: day.day) }
            print(try ListTextRenderer.overview(catalog, asOf: day.day), terminator: "")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one list as a readable table.")

        @Argument(
            help: "A series ID (the revision in force on --as-of), an exact revision (LS-0001-2022R0 pins a first edition), or a list file."
        )
        var list: String
        @OptionGroup var day: ListDayOption

        func run() throws {
            var catalog = try ListCatalog.builtIn()
            let document = try usageErrors { try PolicySelection.resolve([list], into: &catalog, asOf: day.day)[0] }
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
        @Option(help: "Output format: text, json or csv (one row per change).")
        var format: DiffFormat = .text
        @OptionGroup var day: ListDayOption

        func run() throws {
            var catalog = try ListCatalog.builtIn()
            let documents = try usageErrors { try PolicySelection.resolve([from, to], into: &catalog, asOf: day.day) }
            guard case .ciphers(let old) = documents[0], case .ciphers(let new) = documents[1] else {
                throw ValidationError("diff compares two ciphers-list documents")
            }
            let diff = ListDiff(from: old, to: new)
            switch format {
            case .text: print(ListTextRenderer.diff(diff), terminator: "")
            case .json: print(try JSONRenderer.render(diff), terminator: "")
            case .csv: print(CSVRenderer.diff(diff), terminator: "")
            }
        }
    }
}
