import ArgumentParser
import CryptCheckModel
import CryptCheckOpenSSL
import CryptCheckPolicy
import CryptCheckReport
import Foundation

/// Options shared by commands that print an evaluation.
struct OutputOptions: ParsableArguments {
    @Option(
        help:
            "Output format: text, json (the report, \(Report.currentSchema); `scan` streams \(ScanReport.currentSchema)), csv, sarif (SARIF 2.1.0), cbom (CycloneDX 1.6), html (the procurement report) or pdf (the report printed by headless Chromium, with its data attached; needs -o FILE). Default: text (html for `report`)."
    )
    var format: OutputFormat?

    @Option(
        name: .customLong("fail-on"),
        help: "Exit 1 when a violation has this severity or higher: info, low, medium, high, critical.")
    var failOn: Severity = .info

    @Option(help: "Language of the HTML report, the text output and the CSV header and verdict columns: ja or en.")
    var lang: ReportLanguage = .en

    @Option(
        name: [.customShort("o"), .customLong("output")],
        help: ArgumentHelp(
            "Write the output to FILE instead of standard output; or, as FORMAT=PATH, also write that format to PATH. Repeatable.",
            discussion:
                "A value whose part before the first = is a word (json=scan.json, sarif=out/scan.sarif) names a format and a file, written besides the terminal view (--format, or -o FILE); the formats are \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")). A file whose name holds = and no slash is given as ./NAME. Each file is written beside its path and renamed over it when complete.",
            valueName: "FILE|FORMAT=PATH"))
    var outputValues: [String] = []

    @Flag(
        inversion: .prefixedNo,
        help: "CSV: start with a UTF-8 byte order mark, so that spreadsheets read Japanese right (default: on with --lang ja).")
    var csvBom: Bool?
    @Option(help: "Colour the text output: auto (when standard output is a terminal), always or never.")
    var color: ColourChoice = .auto

    @Option(
        name: .customLong("sarif-root"),
        help: ArgumentHelp(
            "SARIF: the directory the scanned paths are relative to, SRCROOT in the log (default: the current directory).",
            discussion:
                "Give the checkout's root when the scan ran there. A file under it gets a URI relative to SRCROOT, as code scanning needs; a file outside it an absolute file: URI."
        ))
    var sarifRoot: String?

    @Option(
        name: .customLong("sarif-endpoints"),
        help: ArgumentHelp(
            "SARIF: write the endpoints, one HOST:PORT a line in the report's order, to this file; each endpoint's results point at its line.",
            discussion:
                "Without it the results point at lines of \(SARIFLocations.defaultEndpointsFile) under SRCROOT, which is not written; name a file in the repository (and commit it, or generate it in CI) so that code scanning can show the line. The endpoint is also each result's logical location."
        ))
    var sarifEndpoints: String?

    /// Where the SARIF log places results: `--sarif-root` (made absolute) or the current
    /// directory, and `--sarif-endpoints`.
    var sarifLocations: SARIFLocations {
        let current = FileManager.default.currentDirectoryPath
        let root = sarifRoot.map { $0.hasPrefix("/") ? $0 : PathText.join(current, $0) } ?? current
        return SARIFLocations(root: root, endpointsFile: sarifEndpoints ?? SARIFLocations.defaultEndpointsFile)
    }

    /// The output values read: `FILE` (at most one) and `FORMAT=PATH` (any number).
    enum OutputValue: Equatable {
        case file(String)
        case format(FileOutput)

        /// Reads one `-o/--output` value. A value whose part before the first `=` is a word
        /// names a format, which must be known; anything else is a file name.
        static func parse(_ value: String) throws -> OutputValue {
            guard let equals = value.firstIndex(of: "=") else { return .file(value) }
            let name = value[..<equals]
            guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
                return .file(value)
            }
            let path = String(value[value.index(after: equals)...])
            // The value is quoted back; its control characters must not reach a terminal.
            let shown = EscapedText.terminalSafe(value)
            let known = OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")
            guard let format = OutputFormat(rawValue: name.lowercased()) else {
                throw ValidationError(
                    "--output '\(shown)': '\(EscapedText.terminalSafe(String(name)))' is not a format (\(known)); a file whose name holds '=' is given as ./\(shown)"
                )
            }
            guard !path.isEmpty else { throw ValidationError("--output '\(shown)': name the file to write \(format.rawValue) to") }
            guard path != "-" else {
                throw ValidationError("--output '\(shown)': standard output is the terminal view; use --format \(format.rawValue) for it")
            }
            return .format(FileOutput(format: format, path: path))
        }
    }

    /// The values as read; `validate` has rejected the ones that do not parse.
    var outputValuesRead: [OutputValue] { outputValues.compactMap { try? OutputValue.parse($0) } }

    /// `-o FILE`: where the output in `--format` goes instead of standard output.
    var output: String? {
        outputValuesRead.compactMap { if case .file(let path) = $0 { path } else { nil } }.last
    }

    /// The `--output FORMAT=PATH` files, in the order given.
    var files: [FileOutput] {
        outputValuesRead.compactMap { if case .format(let file) = $0 { file } else { nil } }
    }

    /// Whether CSV starts with a byte order mark: `--csv-bom`/`--no-csv-bom`, else on with `--lang ja`.
    var csvByteOrderMark: Bool { csvBom ?? (lang == .ja) }

    /// The UTF-8 byte order mark.
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    func validate() throws {
        let values = try outputValues.map(OutputValue.parse)
        if format == .pdf { try PDFPrinter.checkOutput(output) }
        let plain = values.compactMap { if case .file(let path) = $0 { path } else { nil } }
        if plain.count > 1 {
            throw ValidationError(
                "-o/--output FILE is given \(plain.count) times (\(plain.map { "'\(EscapedText.terminalSafe($0))'" }.joined(separator: ", "))): "
                    + "name one file for --format, and FORMAT=PATH for each further output")
        }
        var seen = Set<String>()
        for path in plain.filter({ $0 != "-" }) + files.map(\.path) where !seen.insert(path).inserted {
            throw ValidationError("--output names \(EscapedText.terminalSafe(path)) twice: each output needs a file of its own")
        }
    }

    /// The paths a command is about to write (`-o FILE` and every `FORMAT=PATH`), with the
    /// option that names them, to check against the scanned paths.
    var writtenPaths: [(option: String, path: String)] {
        (output.map { [("--output ", $0)] } ?? []) + files.map { ("--output \($0.format.rawValue)=", $0.path) }
    }

    /// Writes the endpoints artifact `--sarif-endpoints` names, when one of the outputs is SARIF.
    func writeEndpoints(_ endpoints: [String], formats: [OutputFormat]) throws {
        guard formats.contains(.sarif), let sarifEndpoints else { return }
        do {
            try OutputFile.write(endpoints.map { $0 + "\n" }.joined(), to: sarifEndpoints)
        } catch {
            printError("\(error)")
            throw ExitCode(ExitStatus.incomplete)
        }
    }

    /// Writes the endpoints artifact `--sarif-endpoints` names, when the format is SARIF.
    func writeEndpoints(_ endpoints: [String], format: OutputFormat) throws {
        try writeEndpoints(endpoints, formats: [format])
    }

    /// When output goes to files (`-o FILE`, `--output FORMAT=PATH`, `--output-dir`), one
    /// paragraph on standard error: the outcome, the counts and where each file went. The
    /// output itself is in the files, and a CI log must not show only the exit status.
    /// Nothing when everything went to standard output. In the language of `--lang`. `what`/`path`: the `--format` output
    /// (`path` defaults to `-o`); every `--output FORMAT=PATH` is added.
    func tellWritten(_ summary: EvaluationSummary, what: String, to path: String? = nil) {
        var written: [(what: String, path: String)] = []
        if let path = path ?? output, path != "-" { written.append((what, path)) }
        written += files.map { ($0.format.rawValue, $0.path) }
        guard !written.isEmpty else { return }
        let status = ExitStatus.of(summary, failOn: failOn)
        let outcome = EvaluationOutcome(summary, failOn: failOn)
        let severities = EvaluationTextRenderer.severityCounts(summary, language: lang)
        let violations = summary.byVerdict[Verdict.violation.rawValue] ?? 0
        let open = summary.byVerdict[Verdict.indeterminate.rawValue] ?? 0
        if lang == .ja {
            let said =
                switch outcome {
                case .conformant: "適合"
                case .violations: "不適合（--fail-on \(failOn.rawValue) 以上の不適合がある）"
                case .incomplete: "不完全（観測・走査できなかったものがある）"
                }
            printError(
                "\(said)。所見 \(summary.findings) 件: 不適合 \(violations) 件"
                    + (severities.isEmpty ? "" : "（\(severities.joined(separator: "、"))）")
                    + "、判定不能 \(open) 件。\(written.map { "\($0.what) を \($0.path) に書き出した" }.joined(separator: "、"))。"
                    + "終了ステータス \(status)。")
            return
        }
        let said =
            switch outcome {
            case .conformant: "conformant"
            case .violations: "not conformant: violations at or above --fail-on \(failOn.rawValue)"
            case .incomplete: "incomplete: something could not be observed or scanned"
            }
        printError(
            "\(said). \(summary.findings) findings: \(violations) violations"
                + (severities.isEmpty ? "" : " (\(severities.joined(separator: ", ")))")
                + ", \(open) indeterminate. \(written.map { "\($0.what) written to \($0.path)" }.joined(separator: "; ")); exit status \(status)."
        )
    }

    /// Writes `text` to --output or standard output.
    func write(_ text: String, format: OutputFormat? = nil) throws { try write(format: format) { try $0(Array(text.utf8)) } }

    /// Writes the pieces `produce` hands to its sink to `--output` (or standard output); CSV
    /// (`format`) starts with the byte order mark when it is asked for.
    func write(format: OutputFormat? = nil, _ produce: (_ sink: ([UInt8]) throws -> Void) throws -> Void) throws {
        let bom = format == .csv && csvByteOrderMark
        if let output {
            do {
                try OutputFile.write(prefix: bom ? Self.byteOrderMark : [], pieces: produce, to: output)
            } catch {
                printError("\(error)")
                throw ExitCode(ExitStatus.incomplete)
            }
        } else {
            let sink: ([UInt8]) throws -> Void = { bytes in
                bytes.withUnsafeBytes { buffer in
                    guard let base = buffer.baseAddress, !buffer.isEmpty else { return }
                    FileHandle.standardOutput.write(
                        Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: buffer.count, deallocator: .none))
                }
            }
            if bom { try sink(Self.byteOrderMark) }
            try produce(sink)
        }
    }

    /// Writes every `--output FORMAT=PATH` file, each completely or not at all (OutputFile);
    /// `custom` writes a file itself when it returns true (`scan`'s text and JSON streams).
    /// A file that cannot be written is said on standard error, the others are still written,
    /// and the run ends incomplete.
    func writeFiles(
        _ report: () throws -> Report, custom: ((FileOutput) throws -> Bool)? = nil,
        pdfTimeout: Int = PDFPrinter.defaultTimeout, paths: [String]? = nil
    ) throws {
        var failed = false
        for file in files {
            do {
                if try custom?(file) == true { continue }
                let built = try report()
                if file.format == .pdf {
                    let bytes = try PDFPrinter.pdf(built, language: lang, avoiding: paths ?? [], timeout: pdfTimeout)
                    try OutputFile.write(bytes, to: file.path)
                    continue
                }
                try OutputFile.write(
                    prefix: file.format == .csv && csvByteOrderMark ? Self.byteOrderMark : [],
                    pieces: { try Self.write(built, format: file.format, language: lang, sarif: sarifLocations, to: $0) }, to: file.path)
            } catch let error as OutputFile.Failure {
                printError("\(error)")
                failed = true
            } catch let error as PDFPrinter.Failure {
                printError(error.description)
                if error.interrupted { throw ExitCode(ExitStatus.incomplete) }
                failed = true
            }
        }
        if failed { throw ExitCode(ExitStatus.incomplete) }
    }

    /// Judges `observations` and prints them in the chosen format, writes every `--output
    /// FORMAT=PATH`, and ends with the exit status. `terminalView`: whether the `--format`
    /// output is written at all (the report command leaves it out when only files are asked for).
    func emit(
        _ observations: ObservationSet, policies: [Policy], projection: [Policy]?, report: ReportOptions,
        policy: PolicyOptions, paths: [String]? = nil, defaultFormat: OutputFormat = .text, terminalView: Bool = true,
        custom: ((FileOutput) throws -> Bool)? = nil
    ) throws {
        let format = self.format ?? defaultFormat
        let formats = (terminalView ? [format] : []) + files.map(\.format)
        let built = try report.build(
            observations, policies: policies, projection: projection, policy: policy, paths: paths,
            sealed: formats.contains { $0 != .text })
        if terminalView {
            if format == .pdf {
                try writePDF(built, timeout: report.pdfTimeout, paths: paths)
            } else if [.json, .html].contains(format) {
                // Written out piece by piece: a report of 100k findings is 100s of MB, never copied
                // into one buffer or a String.
                try write(format: format) { sink in
                    try Self.write(built, format: format, language: lang, sarif: sarifLocations, to: sink)
                }
            } else {
                let text = try Self.render(built, format: format, language: lang, sarif: sarifLocations)
                try write(format == .text && output == nil && color.enabled ? TerminalColour.apply(text) : text, format: format)
            }
        }
        try writeFiles({ built }, custom: custom, pdfTimeout: report.pdfTimeout, paths: paths)
        try writeEndpoints(built.scope.endpoints, formats: formats)
        tellWritten(built.summary, what: format.rawValue, to: terminalView ? nil : "-")
        let status = ExitStatus.of(built.summary, failOn: failOn)
        if status != 0 { throw ExitCode(status) }
    }

    /// One report in one format, handed to `sink` in pieces (JSON and HTML are written as they
    /// are encoded; the other formats in one piece).
    static func write(
        _ report: Report, format: OutputFormat, language: ReportLanguage, sarif: SARIFLocations, to sink: ([UInt8]) throws -> Void
    ) throws {
        switch format {
        case .json:
            try JSONRenderer.write(report, pretty: true, to: sink)
            try sink([0x0A])
        case .html:
            try HTMLReportRenderer.write(report, language: language, to: sink)
        default:
            try sink(Array(try render(report, format: format, language: language, sarif: sarif).utf8))
        }
    }

    /// One report in one machine or document format.
    static func render(_ report: Report, format: OutputFormat, language: ReportLanguage, sarif: SARIFLocations) throws -> String {
        switch format {
        case .text: return EvaluationTextRenderer.render(report, language: language)
        case .json: return try JSONRenderer.render(report)
        case .csv: return CSVRenderer.render(report, language: language)
        case .sarif: return SARIFRenderer.render(report, locations: sarif)
        case .cbom: return CBOMRenderer.render(report)
        case .html: return try HTMLReportRenderer.render(report, language: language)
        case .pdf: throw PDFPrinter.Failure(description: "a PDF is not text: --format pdf writes a file (-o FILE)")
        }
    }
}

/// One `--output FORMAT=PATH`: a format written to a file besides the terminal view.
struct FileOutput: Equatable {
    let format: OutputFormat
    let path: String
}
