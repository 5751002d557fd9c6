import ArgumentParser
import CryptCheckModel
import CryptCheckOpenSSL
import CryptCheckPolicy
import CryptCheckReport
import Foundation

/// Options shared by every command that judges: which lists, which day, which profile.
struct PolicyOptions: ParsableArguments {
    @Option(
        name: .customLong("list"),
        help:
            "A list to judge against: a series ID (LS-0001-2022, LS-0001-2012: the revision in force on the as-of date), an exact revision (LS-0001-2022R2, LS-0001-2012R8; LS-0001-2022R0 and LS-0001-2012R0 pin a first edition; see `cryptcheck lists`) or a YAML file. Repeatable; default: the ciphers list in force on the as-of date."
    )
    var lists: [String] = []

    @Option(name: .customLong("as-of"), help: "Judge as on this day (YYYY-MM-DD); default: today.")
    var asOf: String?

    @Option(
        name: .customLong("operation-end"),
        help:
            "The system's planned end of operation (YYYY or YYYY-MM-DD), which LS-0003 judges key strength by. Default: the as-of day, the shortest period (said so in every output)."
    )
    var operationEnd: String?

    @Option(help: "The GL-3001 profile protocol versions are judged by: high, recommended or exception.")
    var profile: String = "recommended"

    func validate() throws {
        if let asOf, PolicySelection.parseDay(asOf) == nil {
            throw ValidationError("--as-of '\(asOf)' is not a valid date (YYYY-MM-DD)")
        }
        if let operationEnd {
            guard let end = OperationEnd.parse(operationEnd) else {
                throw ValidationError("--operation-end '\(operationEnd)' is not a year or a date (YYYY or YYYY-MM-DD)")
            }
            if end < day() {
                throw ValidationError(
                    "--operation-end \(Policy.dayText(end)) is before the as-of day \(Policy.dayText(day())): "
                        + "a system judged on a day is still operating on it")
            }
        }
    }

    /// The end of operation given, if any.
    var operationEndDay: Date? { operationEnd.flatMap(OperationEnd.parse) }

    /// The as-of day: the option, or today (UTC).
    func day(now: Date = Date()) -> Date {
        asOf.flatMap(PolicySelection.parseDay) ?? PolicySelection.parseDay(Policy.dayText(now))!
    }

    /// The selected policies; a bad list file or name is reported on stderr and exits 64.
    func policiesOrUsageError(asOf: Date? = nil) throws -> [Policy] {
        try usageErrors { try policies(asOf: asOf) }
    }

    /// The policies these options select, with the built-in catalog plus any files.
    func policies(now: Date = Date(), asOf: Date? = nil) throws -> [Policy] {
        var catalog = try ListCatalog.builtIn()
        let day = asOf ?? day(now: now)
        let selected = try PolicySelection.resolve(lists, into: &catalog, asOf: day)
        return try PolicySelection.policies(selected: selected, catalog: catalog, asOf: day, profile: profile)
            .map { $0.operating(until: operationEndDay) }
    }
}

/// Runs `body`, in which a list that cannot be loaded or a name that is no list, edition or
/// profile is a usage error: said on standard error, exit 64.
func usageErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as ListLoadError {
        printError(error.description)
        throw ExitCode(ExitStatus.usage)
    } catch let error as PolicySelectionError {
        printError(error.description)
        throw ExitCode(ExitStatus.usage)
    }
}
