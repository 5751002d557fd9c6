import ArgumentParser
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// `--quiet` and `--verbose`: how much a scan says while it runs, on standard error.
struct VerbosityOptions: ParsableArguments {
    @Flag(
        name: [.customShort("q"), .long],
        help: "Print only the verdict line and errors: no progress line and no per-target results on the terminal.")
    var quiet = false

    @Flag(
        name: [.customShort("v"), .long],
        help: ArgumentHelp(
            "Show progress even when standard error is not a terminal (as plain lines), with each probe family's start and end.",
            discussion:
                "Without it, a progress line is shown only when standard error is a terminal, redrawn in place and erased at the end."
        ))
    var verbose = false

    func validate() throws {
        guard !(quiet && verbose) else { throw ValidationError("--quiet and --verbose exclude each other") }
    }

    /// How progress is shown: redrawn in place on a terminal, as plain lines with `--verbose`
    /// elsewhere, not at all with `--quiet` or when standard error is not a terminal.
    var progressStyle: ProgressDisplay.Style {
        if quiet { return .off }
        if isatty(STDERR_FILENO) == 1 { return .terminal }
        return verbose ? .lines : .off
    }
}
