import ArgumentParser
import CryptCheckModel
import CryptCheckPolicy
import CryptCheckReport
import CryptCheckStore
import Foundation

/// `cryptcheck diff A B`: what changed between two scans (stored ids or saved observation
/// files), or `--last TARGET`: between the last two scans of a target.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show what changed between two scans: two scan ids (--store), two saved observation files, or --last TARGET.",
        discussion: """
            Per target: TLS versions, cipher suites per version, groups, signature schemes, certificates (leaf SHA-256, key, \
            expiry), the verdict, and findings new and resolved (violations first). A target one side did not scan is \
            "not scanned" there, never resolved. With a CycloneDX BOM on one side (a vendor's declared inventory) and \
            an observation file or stored scan on the other: what is used but not declared and what is declared but not \
            seen (versions, suites, keys, signature algorithms, primitives). Exit status: 0 no change, 1 changes, 2 a \
            scan could not be read.
            """)

    @Argument(help: "Two scan ids of --store, or two observation files written by --save-observations.")
    var scans: [String] = []

    @Option(
        help: ArgumentHelp(
            "The inventory store the scan ids are in: an SQLite file or postgresql://USER@HOST[:PORT]/DB.", valueName: "PATH|URL"),
        completion: .file())
    var store: String?

    @Option(help: "Compare the last two stored scans of this target (HOST:PORT or a path given to scan).")
    var last: String?

    @Option(help: "Output format: text or json (\(ScanDiff.currentSchema)).")
    var format: StoreOutputFormat = .text

    @Option(help: "Language of the text: en or ja.")
    var lang: ReportLanguage = .en

    func validate() throws {
        if last != nil {
            guard scans.isEmpty else { throw ValidationError("--last TARGET compares two stored scans: name no scans besides it") }
            guard store != nil else { throw ValidationError("--last needs --store PATH") }
            return
        }
        guard scans.count == 2 else { throw ValidationError("name two scans (ids with --store, or observation files), or --last TARGET") }
        if store != nil, scans.contains(where: { Int64($0) == nil }) {
            throw ValidationError("with --store, A and B are scan ids (numbers, as `cryptcheck history` lists them)")
        }
    }

    func run() throws {
        let a: DiffSide
        let b: DiffSide
        do {
            if let store {
                guard InventoryStores.isPostgres(store) || FileManager.default.fileExists(atPath: store) else {
                    throw StoreError("store \(InventoryStores.shown(store)): no such file")
                }
                let opened = try InventoryStores.open(store)
                let ids = try last.map { try opened.lastTwo($0) } ?? (Int64(scans[0])!, Int64(scans[1])!)
                a = try Self.side(opened.scan(ids.0), store: opened.shown)
                b = try Self.side(opened.scan(ids.1), store: opened.shown)
            } else {
                a = try Self.side(file: scans[0])
                b = try Self.side(file: scans[1])
            }
        } catch {
            printError("\(error)")
            throw ExitCode(ExitStatus.incomplete)
        }
        let diff: ScanDiff
        switch (a.declared, b.declared) {
        case (true, true):
            printError("both sides are CycloneDX BOMs: compare a declared inventory with an observed one")
            throw ExitCode(ExitStatus.usage)
        case (true, false), (false, true):
            var options = try PolicyOptions.parse([])
            options.asOf = Policy.dayText((a.declared ? b : a).observedAt)
            diff = ScanDiff(a, b, declaredSide: a.declared ? "A" : "B", policies: try options.policies())
        case (false, false):
            diff = ScanDiff(a, b)
        }
        switch format {
        case .text: FileHandle.standardOutput.write(Data(DiffTextRenderer.render(diff, japanese: lang == .ja).utf8))
        case .json: FileHandle.standardOutput.write(Data(try JSONRenderer.render(diff).utf8))
        }
        if diff.changed { throw ExitCode(1) }
    }

    /// A stored scan with its stored findings.
    static func side(_ scan: StoredScan, store: String) throws -> DiffSide {
        let observations: ObservationSet
        do {
            observations = try ObservationLoader.decode(scan.observationsJSON)
        } catch {
            throw StoreError("store \(store): scan \(scan.id): its observations cannot be read: \(error)")
        }
        return DiffSide(source: "scan \(scan.id)", scanId: scan.id, observations: observations, findings: scan.findings)
    }

    /// A saved observation file, judged by the built-in lists as of its day of observation.
    static func side(file: String) throws -> DiffSide {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: file))
        } catch {
            throw StoreError("\(file): cannot read the file: \(error.localizedDescription)")
        }
        let observations: ObservationSet
        do {
            if let declared = try BOMInput.observations(data, path: file) {
                // A CycloneDX BOM: the declared inventory, compared value by value.
                var side = DiffSide(source: file, scanId: nil, observations: declared, findings: [])
                side.declared = true
                return side
            }
            observations = try ObservationLoader.decode(data)
        } catch let failure as BOMInput.Failure {
            throw StoreError("\(file): \(failure.message)")
        } catch {
            throw StoreError("\(file): not a saved observation file (\(ObservationSet.currentSchema)) or CycloneDX BOM: \(error)")
        }
        var options = try PolicyOptions.parse([])
        options.asOf = Policy.dayText(observations.observedAt)
        let findings = Evaluator.evaluate(observations, policies: try options.policies()).findings.map(ComparedFinding.init)
        return DiffSide(source: file, scanId: nil, observations: observations, findings: findings)
    }
}
