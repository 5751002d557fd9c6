import ArgumentParser
import CryptCheckModel
import CryptCheckReport
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The PDF report: the HTML report printed by headless Chromium, with the report data attached
/// (`PDFAttachment`) so that `cryptcheck report verify` can check the copy. The library makes
/// the HTML and the attachment; running Chromium is process work and lives here, in the CLI.
///
/// The run: the HTML is written into a private temporary directory (mode 0700, never inside a
/// scanned path, removed afterwards whatever happens) with the profile Chromium needs
/// (`--user-data-dir`, and HOME and the XDG directories pointed there too); `--no-sandbox` only
/// when running as root, where Chromium refuses to start with its sandbox; no network, no
/// extensions; the whole process group is killed after `--pdf-timeout` seconds.
enum PDFPrinter {
    /// The Debian package with the browser the tool looks for on PATH.
    static let package = "chromium-headless-shell"
    /// An environment variable naming another Chromium build to use (a path or a command name).
    static let overrideVariable = "CRYPTCHECK_CHROMIUM"
    /// Seconds Chromium may take to print one report by default.
    static let defaultTimeout = 120

    /// Why a PDF could not be made: what happened and what to do.
    struct Failure: Error, CustomStringConvertible {
        let description: String
        /// Whether this process was interrupted (nothing more should be tried).
        var interrupted = false
    }

    /// The Chromium to run: `$CRYPTCHECK_CHROMIUM`, or `chromium-headless-shell` on PATH.
    static func chromium() throws -> ExternalProgram {
        if let name = ProcessInfo.processInfo.environment[overrideVariable], !name.isEmpty {
            guard let program = ExternalProgram.find(name) else {
                throw Failure(description: "\(overrideVariable)=\(name): no such executable; unset it to use \(package) from PATH")
            }
            return program
        }
        guard let program = ExternalProgram.find(package) else {
            throw Failure(
                description:
                    "cannot write a PDF: headless Chromium (\(package)) is not installed. Install the Debian package \(package) "
                    + "(`sudo apt-get install \(package)`, or `make setup`), or set \(overrideVariable) to a Chromium executable; "
                    + "the HTML report prints the same pages from a browser")
        }
        return program
    }

    /// The PDF of `report` in `language`, with the report data attached. `avoiding`: scanned
    /// paths the temporary directory must not be in. Printed twice: the first copy tells on which
    /// page each section starts (its link destinations), the second shows those pages in the
    /// table of contents; a third print is made if the numbers moved a section (they never
    /// should: the contents page is a page of its own), and a copy whose contents still
    /// disagree with its pages is refused.
    static func pdf(_ report: Report, language: ReportLanguage, avoiding roots: [String], timeout: Int) throws -> [UInt8] {
        let chromium = try chromium()
        let scratch = try ScratchDirectory(avoiding: roots)
        defer { scratch.remove() }
        var shown: [String: Int] = [:]
        var printed: [UInt8] = []
        for pass in 1...Self.passes {
            printed = try print(report, language: language, pages: shown, with: chromium, in: scratch, timeout: timeout)
            let pages: [String: Int]
            do {
                pages = try PDFDestinations.pages(in: printed)
            } catch let error as PDFError {
                throw Failure(description: "cannot read the pages of the PDF \(chromium.path) printed: \(error)")
            }
            // Settled (or nothing to number: a first print without destinations is the copy).
            if pages == shown { break }
            guard pass < Self.passes else {
                throw Failure(description: "cannot write a PDF: the table of contents' page numbers did not settle after \(pass) prints")
            }
            shown = pages
        }
        do {
            let data = Array(try JSONRenderer.render(report).utf8)
            return printed + (try PDFAttachment.update(for: printed, data: data, language: language))
        } catch let error as PDFError {
            throw Failure(description: "cannot attach the report data to the PDF \(chromium.path) printed: \(error)")
        }
    }

    /// Prints at most this many times to settle the table of contents' page numbers.
    static let passes = 3

    /// One print of the report's HTML (with `pages` in its table of contents) by Chromium.
    private static func print(
        _ report: Report, language: ReportLanguage, pages: [String: Int], with chromium: ExternalProgram,
        in scratch: ScratchDirectory, timeout: Int
    ) throws -> [UInt8] {
        let html = PathText.join(scratch.path, "report.html")
        let pdf = PathText.join(scratch.path, "report.pdf")
        try? FileManager.default.removeItem(atPath: pdf)
        try OutputFile.write(pieces: { try HTMLReportRenderer.write(report, language: language, pages: pages, to: $0) }, to: html)
        var arguments = [
            "--headless", "--disable-gpu", "--no-pdf-header-footer", "--user-data-dir=\(PathText.join(scratch.path, "profile"))",
            "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--mute-audio",
            "--print-to-pdf=\(pdf)",
        ]
        if geteuid() == 0 { arguments.append("--no-sandbox") }
        arguments.append("file://\(html)")
        let home = PathText.join(scratch.path, "home")
        let outcome: ExternalProgram.Outcome
        do {
            outcome = try chromium.run(
                arguments,
                environment: [
                    "HOME": home, "XDG_CONFIG_HOME": PathText.join(home, ".config"), "XDG_CACHE_HOME": PathText.join(home, ".cache"),
                    "XDG_DATA_HOME": PathText.join(home, ".local/share"),
                ], scratch: scratch.path, timeout: Double(timeout))
        } catch let failure as ExternalProgram.Failure {
            throw Failure(
                description: "cannot write a PDF: \(failure.description)" + (failure.timedOut ? " (--pdf-timeout sets the limit)" : ""),
                interrupted: failure.interrupted)
        }
        let printed = FileManager.default.contents(atPath: pdf).map { [UInt8]($0) } ?? []
        guard outcome.succeeded, !printed.isEmpty else {
            let how = outcome.status.map { "exit status \($0)" } ?? "signal \(outcome.signal ?? 0)"
            throw Failure(
                description: "cannot write a PDF: \(chromium.path) failed (\(how))"
                    + (ExternalProgram.summary(outcome.standardError).map { ": \($0)" } ?? ", and printed nothing"))
        }
        return printed
    }

    /// `--format pdf` writes a file: standard output, and a terminal named as the output, are refused.
    static func checkOutput(_ output: String?) throws {
        guard let output, output != "-" else {
            throw ValidationError("--format pdf writes a file: name it with -o FILE (a PDF is not for standard output)")
        }
        var status = stat()
        if stat(output, &status) == 0, status.st_mode & S_IFMT == S_IFCHR {
            let descriptor = open(output, O_WRONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC)
            defer { if descriptor >= 0 { close(descriptor) } }
            if descriptor >= 0, isatty(descriptor) == 1 {
                throw ValidationError("--format pdf: \(output) is a terminal; name a file with -o FILE")
            }
        }
    }
}

/// A private temporary directory (0700), removed with everything in it by `remove()`.
struct ScratchDirectory {
    let path: String

    /// In $TMPDIR, or /tmp when $TMPDIR is unset or inside one of `roots` (scanned paths).
    init(avoiding roots: [String]) throws {
        var candidates: [String] = []
        if let tmp = ProcessInfo.processInfo.environment["TMPDIR"], !tmp.isEmpty {
            // Absolute, so that the page's file: URL names it.
            candidates.append(tmp.hasPrefix("/") ? tmp : PathText.join(FileManager.default.currentDirectoryPath, tmp))
        }
        candidates.append("/tmp")
        guard
            let base = candidates.first(where: { OutputLocation.scannedRoot(containing: $0, roots: roots, outputIsDirectory: true) == nil })
        else { throw PDFPrinter.Failure(description: "no temporary directory outside the scanned paths: set TMPDIR") }
        var template = Array(PathText.join(base, "cryptcheck-pdf-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            throw PDFPrinter.Failure(description: "\(base): cannot make a temporary directory: \(String(cString: strerror(errno)))")
        }
        path = String(cString: made)
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

extension OutputOptions {
    /// `--format pdf`: the report printed to the `-o` file.
    func writePDF(_ built: Report, timeout: Int, paths: [String]?) throws {
        try PDFPrinter.checkOutput(output)
        guard let output else { return }
        do {
            let bytes = try PDFPrinter.pdf(built, language: lang, avoiding: paths ?? [], timeout: timeout)
            try OutputFile.write(bytes, to: output)
        } catch let failure as PDFPrinter.Failure {
            printError(failure.description)
            throw ExitCode(ExitStatus.incomplete)
        } catch let failure as OutputFile.Failure {
            printError(failure.description)
            throw ExitCode(ExitStatus.incomplete)
        }
    }
}
