import CryptCheckModel
import CryptCheckSSH
import CryptCheckTLS
import Foundation

/// The SSH endpoints of one run (`ssh://HOST[:PORT]`, `--ssh`), scanned side by side within the
/// run's connection limits after its TLS endpoints. SIGINT stops endpoints from starting; one
/// already running ends within its time budget. Each endpoint goes to `take` in the order given.
enum SSHScanRun {
    /// Scans `planned` and hands each endpoint over in the order given: scanned, or not scanned
    /// (interrupted first, or `skip`: the run was interrupted before). Returns whether SIGINT came.
    static func scan(
        _ planned: [SSHScanner], limits: ConnectionLimits, verbosity: VerbosityOptions, skip: Bool,
        take: (TLSScanRun.Taken) throws -> Void
    ) throws -> Bool {
        guard !planned.isEmpty else { return skip }
        let done = DoneCount()
        var results: [SSHEndpointObservation?] = Array(repeating: nil, count: planned.count)
        if !skip {
            let display = ProgressDisplay.shared
            let count = planned.count
            display.begin(style: verbosity.progressStyle, detail: verbosity.verbose) {
                "\(done.value)/\(count) SSH endpoints done · \(display.elapsed)"
            }
            Interrupt.install {}
            results = limits.workers.map(Array(planned.indices), width: limits.global) { index -> SSHEndpointObservation? in
                guard !Interrupt.requested else { return nil }
                let observation = planned[index].scan()
                done.add()
                return observation
            }
            display.end()
        }
        for (scanner, result) in zip(planned, results) {
            if let result {
                printProblems(result)
                try take(.sshEndpoint(result))
            } else {
                let target = UnscannedTarget(
                    target: "ssh://" + scanner.endpointName, reason: "not scanned: interrupted (SIGINT) before its scan started",
                    code: .scanInterrupted)
                printError("\(target.target): \(target.reason)")
                try take(.unscanned(target))
            }
        }
        return skip || Interrupt.requested
    }

    /// The lines on standard error for an SSH endpoint: why no key exchange was reached, or what
    /// cut its enumeration short.
    static func printProblems(_ endpoint: SSHEndpointObservation) {
        if !endpoint.outcome.isObserved {
            printError(
                "\(endpoint.subject): no SSH key exchange (\(endpoint.outcome.kind.rawValue))"
                    + (endpoint.outcome.detail.map { ": \(EscapedText.terminalSafe($0))" } ?? ""))
            return
        }
        for failure in endpoint.failures { printError("\(endpoint.subject): \(EscapedText.terminalSafe(failure))") }
    }
}

/// How many SSH endpoints finished (read by the progress line's ticker).
private final class DoneCount: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}
