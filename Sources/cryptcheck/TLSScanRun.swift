import CryptCheckModel
import CryptCheckTLS
import Foundation

/// The endpoints of one `cryptcheck tls` run as they are scanned: which are done (in any
/// order), which probe families each running endpoint is in and since when (for the progress
/// line), and whether SIGINT stopped the run. The scan runs on a thread of its own; the command
/// takes the endpoints in the order given, each as soon as it and those before it are done
/// (`next`), or everything finished once interrupted.
final class TLSScanRun: @unchecked Sendable {
    enum Slot {
        case pending
        /// Started, not finished.
        case running
        case done(TLSEndpointObservation)
        /// Not started: the run was interrupted first.
        case skipped
    }

    private let condition = NSCondition()
    private var slots: [Slot]
    private var interrupted = false
    private var finishedCount = 0
    /// The running endpoints by name: when each started and how many probes of each family run.
    private var running: [String: (since: UInt64, families: [String: Int])] = [:]

    init(count: Int) {
        slots = Array(repeating: .pending, count: count)
    }

    /// Starts scanning on a thread of its own.
    func start(_ scanners: [TLSScanner]) {
        Thread { [self] in
            TLSScanner.scan(scanners, start: { [self] index in begin(index) }) { [self] index, observation in
                store(index, observation)
            }
        }.start()
    }

    var isInterrupted: Bool { condition.withLock { interrupted } }

    /// SIGINT: stop starting endpoints, and wake the command to write what finished.
    func interrupt() {
        condition.withLock {
            interrupted = true
            condition.broadcast()
        }
    }

    /// Whether the endpoint at `index` may start (not once interrupted); it is running then.
    private func begin(_ index: Int) -> Bool {
        condition.withLock {
            guard !interrupted else { return false }
            slots[index] = .running
            return true
        }
    }

    private func store(_ index: Int, _ observation: TLSEndpointObservation?) {
        condition.withLock {
            slots[index] = observation.map { .done($0) } ?? .skipped
            if let observation {
                finishedCount += 1
                running[observation.endpoint] = nil
            }
            condition.broadcast()
        }
    }

    /// A probe family of an endpoint started or ended.
    func event(_ event: ScanProgressEvent) {
        condition.withLock {
            var entry = running[event.endpoint] ?? (DispatchTime.now().uptimeNanoseconds, [:])
            switch event.kind {
            case .started: entry.families[event.family, default: 0] += 1
            case .finished:
                let left = (entry.families[event.family] ?? 1) - 1
                entry.families[event.family] = left > 0 ? left : nil
            }
            running[event.endpoint] = entry
        }
    }

    /// Waits until the endpoint at `index` is done or the run is interrupted; returns the slots
    /// from `index` on that are settled without a gap, and whether the run was interrupted
    /// (then the caller takes every slot as it stands).
    func next(from index: Int) -> (settled: [Slot], interrupted: Bool) {
        condition.withLock {
            while !interrupted, index < slots.count, !slots[index].settled { condition.wait() }
            var settled: [Slot] = []
            for slot in slots[index...] {
                guard slot.settled else { break }
                settled.append(slot)
            }
            return (settled, interrupted)
        }
    }

    /// The slots as they stand (after an interrupt).
    var current: [Slot] { condition.withLock { slots } }

    /// The progress line: endpoints done, the endpoint waited on longest with its probe
    /// families and for how long, and the time since the start.
    func status(elapsed: String) -> String {
        condition.withLock {
            var line = "\(finishedCount)/\(slots.count) endpoints done"
            let now = DispatchTime.now().uptimeNanoseconds
            if let oldest = running.min(by: { $0.value.since < $1.value.since }) {
                let (name, entry) = (oldest.key, oldest.value)
                let families = entry.families.keys.sorted()
                let seconds = Int((now &- entry.since) / 1_000_000_000)
                line +=
                    " · \(name): " + (families.isEmpty ? "connecting" : families.joined(separator: ", "))
                    + " (\(ProgressDisplay.duration(seconds)))"
                if running.count > 1 { line += " and \(running.count - 1) more running" }
            }
            return line + " · \(elapsed)"
        }
    }
}

extension TLSScanRun.Slot {
    /// Done, or never to start.
    var settled: Bool {
        switch self {
        case .pending, .running: false
        case .done, .skipped: true
        }
    }
}

extension TLSScanRun {
    /// What a scan command gets for each endpoint, in the order given.
    enum Taken {
        /// Scanned (fully or not: its observation says what could not be seen).
        case endpoint(TLSEndpointObservation)
        /// An SSH endpoint, scanned (its observation says what could not be seen).
        case sshEndpoint(SSHEndpointObservation)
        /// SIGINT came before it finished: not scanned, indeterminate.
        case unscanned(UnscannedTarget)
    }

    /// Scans the endpoints as every scanning command does: a progress line on a terminal (with
    /// `--verbose`, each probe family's start and end), the problems of each endpoint on
    /// standard error as it is taken, and the first SIGINT stopping new endpoints. `take` gets
    /// each endpoint in the order given as soon as it and those before it are done; once
    /// interrupted, every endpoint left, as not scanned. Returns whether SIGINT came.
    static func scan(
        _ planned: [TLSScanner], verbosity: VerbosityOptions, take: (Taken, Int) throws -> Void
    ) rethrows -> Bool {
        let run = TLSScanRun(count: planned.count)
        let verbose = verbosity.verbose
        let display = ProgressDisplay.shared
        let scanners = planned.map { scanner in
            var scanner = scanner
            scanner.progress = { event in
                run.event(event)
                guard verbose else { return }
                display.note("\(event.endpoint): \(event.family) \(event.kind == .started ? "started" : "done")")
            }
            return scanner
        }
        display.begin(style: verbosity.progressStyle, detail: verbose) { run.status(elapsed: display.elapsed) }
        defer { display.end() }
        Interrupt.install { run.interrupt() }
        run.start(scanners)
        func give(_ slot: Slot, at index: Int) throws {
            switch slot {
            case .done(let endpoint):
                TLSCommand.printProblems(endpoint)
                if verbose { display.note("\(endpoint.endpoint): done (\(index + 1) of \(scanners.count) in the order given)") }
                try take(.endpoint(endpoint), index)
            case .skipped, .pending, .running:
                let started = if case .running = slot { true } else { false }
                let target = TLSCommand.interrupted(scanners[index], started: started)
                printError("\(target.target): \(target.reason)")
                try take(.unscanned(target), index)
            }
        }
        var index = 0
        while index < scanners.count {
            let (settled, interrupted) = run.next(from: index)
            for slot in settled {
                try give(slot, at: index)
                index += 1
            }
            if interrupted {
                let slots = run.current
                while index < scanners.count {
                    try give(slots[index], at: index)
                    index += 1
                }
            }
        }
        return run.isInterrupted
    }
}
