import ArgumentParser
import CryptCheckFiles
import CryptCheckModel
import CryptCheckPolicy
import CryptCheckReport
import Foundation

/// `cryptcheck scan`: find and judge certificates, keys, keystores and SSH keys on disk.
struct ScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Find certificates, keys, keystores and SSH keys under PATHs and judge them.",
        discussion: "Formats are recognised by content. Nothing is written into the scanned trees.")

    @Argument(help: "Files and directories to scan (recursively).")
    var paths: [String]

    @Flag(help: "Follow symbolic links (loops are detected).")
    var followSymlinks = false

    @Option(help: "Skip paths or names matching this glob. Repeatable.")
    var exclude: [String] = []

    @Option(help: "Skip files larger than this many MiB (recorded as not scanned).")
    var maxSize = 4

    @Option(help: "A password to try on encrypted keys, PKCS#12 files and keystores. Repeatable; prefer --password-file.")
    var password: [String] = []

    @Option(help: "A file with one password per line.")
    var passwordFile: String?

    @Option(help: "Also write the observations as JSON, for `cryptcheck evaluate` (not inside a scanned path).")
    var saveObservations: String?

    @Option(help: "Files read in parallel (default: the number of cores).")
    var jobs: Int?

    @OptionGroup var policy: PolicyOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard maxSize > 0 else { throw ValidationError("--max-size must be at least 1 MiB") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if let saveObservations {
            let target = URL(fileURLWithPath: saveObservations).standardizedFileURL.path
            for path in paths {
                let root = URL(fileURLWithPath: path).standardizedFileURL.path
                if target == root || target.hasPrefix(root.hasSuffix("/") ? root : root + "/") {
                    throw ValidationError("--save-observations must not be inside a scanned path (\(path)): cryptcheck never writes there")
                }
            }
        }
    }

    func run() throws {
        let policies: [Policy]
        do {
            policies = try policy.policies()
        } catch let error as ListLoadError {
            printError(error.description)
            throw ExitCode(ExitStatus.usage)
        } catch let error as PolicySelectionError {
            printError(error.description)
            throw ExitCode(ExitStatus.usage)
        }
        var options = ScanOptions()
        options.followSymlinks = followSymlinks
        options.excludes = exclude
        options.maxFileSize = maxSize << 20
        options.concurrency = jobs ?? options.concurrency
        options.parse.passwords = password
        if let passwordFile {
            guard let text = try? String(contentsOfFile: passwordFile, encoding: .utf8) else {
                printError("\(passwordFile): cannot read the password file")
                throw ExitCode(ExitStatus.usage)
            }
            options.parse.passwords += text.split(whereSeparator: \.isNewline).map(String.init)
        }
        let result = FileScanner.scan(paths, options: options)
        for target in result.observations.unscanned { printError("\(target.target): \(target.reason)") }
        for file in result.observations.files {
            for error in file.errors { printError("\(file.path): \(error)") }
        }
        if let saveObservations {
            try JSONRenderer.render(result.observations).write(toFile: saveObservations, atomically: true, encoding: .utf8)
        }
        let evaluation = Evaluator.evaluate(result.observations, policies: policies)
        switch output.format {
        case .text:
            print(EvaluationTextRenderer.render(evaluation), terminator: "")
            print(ScanSummaryTextRenderer.render(result.summary, unscanned: result.observations.unscanned), terminator: "")
        case .json:
            print(try JSONRenderer.render(ScanReport(scan: result.summary, evaluation: evaluation)), terminator: "")
        }
        let status = ExitStatus.of(evaluation, failOn: output.failOn)
        if status != 0 { throw ExitCode(status) }
    }
}
