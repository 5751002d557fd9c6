import ArgumentParser
import CryptCheckPolicy
import CryptCheckReport
import Foundation

/// Output format of evaluation commands.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

extension Severity: ExpressibleByArgument {}

/// Options shared by every command that judges: which lists, which day, which profile.
struct PolicyOptions: ParsableArguments {
    @Option(name: .customLong("list"),
            help: "A list to judge against: a built-in revision or ID (LS-0001-2012, LS-0001-2012R8, LS-0001-2022, LS-0003-2022, GL-3001) or a YAML file. Repeatable; default: the ciphers list in force on the as-of date.")
    var lists: [String] = []

    @Option(name: .customLong("as-of"), help: "Judge as on this day (YYYY-MM-DD); default: today.")
    var asOf: String?

    @Option(help: "The GL-3001 profile protocol versions are judged by: high, recommended or exception.")
    var profile: String = "recommended"

    func validate() throws {
        if let asOf, PolicySelection.parseDay(asOf) == nil {
            throw ValidationError("--as-of '\(asOf)' is not a valid date (YYYY-MM-DD)")
        }
    }

    /// The as-of day: the option, or today (UTC).
    func day(now: Date = Date()) -> Date {
        asOf.flatMap(PolicySelection.parseDay) ?? PolicySelection.parseDay(Policy.dayText(now))!
    }

    /// The selected policies; a bad list file or name is reported on stderr and exits 64.
    func policiesOrUsageError() throws -> [Policy] {
        do {
            return try policies()
        } catch let error as ListLoadError {
            printError(error.description)
            throw ExitCode(ExitStatus.usage)
        } catch let error as PolicySelectionError {
            printError(error.description)
            throw ExitCode(ExitStatus.usage)
        }
    }

    /// The policies these options select, with the built-in catalog plus any files.
    func policies(now: Date = Date()) throws -> [Policy] {
        var catalog = try ListCatalog.builtIn()
        let selected = try PolicySelection.resolve(lists, into: &catalog)
        return try PolicySelection.policies(selected: selected, catalog: catalog, asOf: day(now: now), profile: profile)
    }
}

/// Options shared by commands that print an evaluation.
struct OutputOptions: ParsableArguments {
    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    @Option(name: .customLong("fail-on"),
            help: "Exit 1 when a violation has this severity or higher: info, low, medium, high, critical.")
    var failOn: Severity = .info

    /// Prints `evaluation` in the chosen format and ends with the exit status it calls for.
    func emit(_ evaluation: Evaluation) throws {
        switch format {
        case .text: print(EvaluationTextRenderer.render(evaluation), terminator: "")
        case .json: print(try JSONRenderer.render(evaluation), terminator: "")
        }
        let status = ExitStatus.of(evaluation, failOn: failOn)
        if status != 0 { throw ExitCode(status) }
    }
}

/// Prints to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data(("cryptcheck: " + message + "\n").utf8))
}
