import ArgumentParser
import CryptCheckModel
import CryptCheckPolicy
import CryptCheckSSH
import CryptCheckStore
import CryptCheckTLS
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// `cryptcheck worker --store postgresql://…`: takes targets from the shared queue with
/// leases, scans each as `tls` does and stores the scan with its findings. Several workers on
/// several machines share one queue; PostgreSQL is the coordinator (`PostgresQueue.swift`).
struct WorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Scan the targets of a PostgreSQL store's queue (see `cryptcheck queue`) and store each scan.",
        discussion: """
            Each target is taken with a lease of --lease seconds, renewed every third of it while the scan \
            runs; the scan and the target's `done` are written in one transaction that first checks the \
            lease is still this worker's. A worker that dies leaves its targets to be taken again once their \
            leases expire (a target whose leases expired 3 times is marked failed); a worker whose lease was \
            taken over stores nothing for that target and says so. SIGINT or SIGTERM: no new target is taken, \
            the leases held are given back, the worker ends with status 2.
            Exit status: 0 the worker did its work (the verdicts are in the store: `queue status`, `history`, \
            `diff`), 2 the store could not be used or the worker was stopped, 64 a usage error.
            """)

    @Option(help: ArgumentHelp("The PostgreSQL store whose queue is worked on, where the scans are stored.", valueName: "URL"))
    var store: String

    @Option(help: "Seconds a target is held; renewed every third of it while it is scanned.")
    var lease: Double = 60

    @Option(help: "Targets scanned at once by this worker.")
    var concurrency = 4

    @Flag(help: "End when no target is pending or leased, instead of waiting for more.")
    var untilEmpty = false

    @Option(help: "Seconds between looks at a queue with nothing to take.")
    var poll: Double = 2

    @Option(help: "This worker's name in the queue (default: HOSTNAME:PID).")
    var name: String?

    @OptionGroup var scanning: ScannerOptions
    @OptionGroup var policy: PolicyOptions

    func validate() throws {
        try QueueCommand.validateStore(store)
        guard lease >= 1 && lease <= 86_400 else { throw ValidationError("--lease must be between 1 and 86400 seconds") }
        guard (1...256).contains(concurrency) else { throw ValidationError("--concurrency must be between 1 and 256") }
        guard poll >= 0.05 && poll <= 3600 else { throw ValidationError("--poll must be between 0.05 and 3600 seconds") }
        if let name, name.isEmpty || name.count > 200 { throw ValidationError("--name must have 1 to 200 characters") }
    }

    func run() throws {
        let policies = try policy.policiesOrUsageError()
        let workerName = name ?? "\(ProcessInfo.processInfo.hostName):\(getpid())"
        // One connection per scanning thread and one for the renewals.
        var stores: [PostgresStore] = []
        for _ in 0...concurrency { stores.append(try QueueCommand.open(store)) }
        let crew = WorkerCrew(
            name: workerName, leaseSeconds: lease, untilEmpty: untilEmpty, poll: poll, scanning: scanning, policies: policies,
            verificationTime: TLSScanner.verificationTime(asOf: policy.day()))
        let signals = WorkerSignals { signal in crew.stop(signal) }
        defer { withExtendedLifetime(signals) {} }
        let ended = crew.run(scanners: Array(stores.dropFirst()), renewer: stores[0])
        printError(ended.summary(name: workerName))
        if ended.stopped != nil || ended.storeFailed { throw ExitCode(ExitStatus.incomplete) }
    }
}

/// SIGINT and SIGTERM through dispatch sources (the signals themselves ignored), so nothing runs
/// in a signal handler.
final class WorkerSignals {
    private let sources: [any DispatchSourceSignal]

    init(_ received: @escaping @Sendable (String) -> Void) {
        let queue = DispatchQueue(label: "cryptcheck.worker.signals")
        sources = [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")].map { number, name in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { received(name) }
            source.resume()
            return source
        }
    }
}

/// The scanning threads of one worker, the leases they hold and how the run ended. State is
/// guarded by `condition`.
final class WorkerCrew: @unchecked Sendable {
    struct Ended {
        var stored = 0
        var lost = 0
        var failed = 0
        var released = 0
        var stopped: String?
        var storeFailed = false

        func summary(name: String) -> String {
            var text = "worker \(name): \(stored) stored"
            if lost > 0 { text += ", \(lost) not stored (lease taken over)" }
            if failed > 0 { text += ", \(failed) failed (not a target)" }
            if let stopped { text += "; stopped by \(stopped), \(released) lease\(released == 1 ? "" : "s") given back" }
            if storeFailed { text += "; stopped: the store could not be used" }
            return text
        }
    }

    private let name: String
    private let leaseSeconds: Double
    private let untilEmpty: Bool
    private let poll: Double
    private let scanning: ScannerOptions
    private let policies: [Policy]
    private let verificationTime: Date
    private let limits: ConnectionLimits

    private let condition = NSCondition()
    private var held: [Int64: QueueLease] = [:]
    private var running = 0
    private var ended = Ended()

    init(
        name: String, leaseSeconds: Double, untilEmpty: Bool, poll: Double, scanning: ScannerOptions, policies: [Policy],
        verificationTime: Date
    ) {
        self.name = name
        self.leaseSeconds = leaseSeconds
        self.untilEmpty = untilEmpty
        self.poll = poll
        self.scanning = scanning
        self.policies = policies
        self.verificationTime = verificationTime
        limits = scanning.limits()
    }

    private var stopping: Bool { ended.stopped != nil || ended.storeFailed }

    /// A signal came: take nothing more; `run` gives the leases back.
    func stop(_ signal: String) {
        condition.withLock {
            if ended.stopped == nil { ended.stopped = signal }
            condition.broadcast()
        }
    }

    /// Runs one scanning thread per store in `scanners` and the renewals on `renewer`; returns
    /// when every thread ended (queue empty with --until-empty, or the store failed) or a signal came.
    func run(scanners: [PostgresStore], renewer: PostgresStore) -> Ended {
        condition.withLock { running = scanners.count }
        for store in scanners {
            let thread = Thread { [self] in
                work(store)
                condition.withLock {
                    running -= 1
                    condition.broadcast()
                }
            }
            thread.stackSize = 4 << 20
            thread.start()
        }
        let renewals = Thread { [self] in renew(renewer) }
        renewals.start()
        condition.lock()
        while running > 0 && ended.stopped == nil { condition.wait() }
        let leases = Array(held.values)
        let signalled = ended.stopped != nil
        condition.unlock()
        guard signalled else { return condition.withLock { ended } }
        // Stopped by a signal: the scans running are abandoned and their targets given back.
        var released = 0
        for lease in leases {
            do {
                try renewer.release(lease)
                released += 1
            } catch {
                printError("\(error)")
            }
        }
        return condition.withLock {
            ended.released = released
            return ended
        }
    }

    /// One scanning thread: take, scan, store, until told to stop or (--until-empty) nothing is left.
    private func work(_ store: PostgresStore) {
        while !condition.withLock({ stopping }) {
            do {
                guard let lease = try store.take(worker: name, seconds: leaseSeconds) else {
                    if untilEmpty, try store.openCount() == 0 { return }
                    condition.withLock { _ = condition.wait(until: Date().addingTimeInterval(poll)) }
                    continue
                }
                try scan(lease, store: store)
            } catch {
                printError("\(error)")
                condition.withLock {
                    ended.storeFailed = true
                    condition.broadcast()
                }
                return
            }
        }
    }

    private func scan(_ lease: QueueLease, store: PostgresStore) throws(StoreError) {
        let target: EndpointTarget
        do {
            target = try EndpointTarget.parse(lease.target)
        } catch {
            printError("worker \(name): \(lease.target): not a target: \(error.description)")
            try store.fail(lease, reason: "not a target: \(error.description)")
            condition.withLock { ended.failed += 1 }
            return
        }
        condition.withLock { held[lease.id] = lease }
        defer { condition.withLock { held[lease.id] = nil } }
        let startedAt = Date()
        var observations = ObservationSet(tool: "cryptcheck \(CryptCheck.version)", observedAt: Date())
        if target.isSSH {
            // An `ssh://` target is scanned as an SSH server, never as TLS.
            let endpoint = scanning.sshScanner(for: target, limits: limits).scan()
            SSHScanRun.printProblems(endpoint)
            observations.sshEndpoints = [endpoint]
        } else {
            let endpoint = scanning.scanner(for: target, limits: limits, verificationTime: verificationTime).scan()
            TLSCommand.printProblems(endpoint)
            observations.endpoints = [endpoint]
        }
        observations.observedAt = Date()
        if condition.withLock({ ended.stopped != nil }) { return }
        let record: ScanRecord
        do {
            record = try StoreRecorder.record(
                command: "tls",
                observations: observations,
                policies: policies, startedAt: startedAt, interrupted: false, roots: [])
        } catch {
            throw StoreError("worker \(name): \(EscapedText.terminalSafe(lease.target)): cannot render the observations: \(error)")
        }
        if try store.finish(lease, record) != nil {
            condition.withLock { ended.stored += 1 }
        } else {
            printError(
                "worker \(name): \(lease.target): not stored: its lease expired and another worker took it over (the other worker stores it)"
            )
            condition.withLock { ended.lost += 1 }
        }
    }

    /// Renews every lease held, every third of the lease, until the run ends. A lease another
    /// worker took over is left alone (`finish` will not store it); a failed renewal is said and
    /// tried again next time.
    private func renew(_ store: PostgresStore) {
        let interval = leaseSeconds / 3
        while true {
            let leases: [QueueLease]? = condition.withLock {
                let due = Date().addingTimeInterval(interval)
                while running > 0 && ended.stopped == nil && Date() < due { _ = condition.wait(until: due) }
                return running == 0 || ended.stopped != nil ? nil : Array(held.values)
            }
            guard let leases else { return }
            for lease in leases {
                do {
                    _ = try store.renew(lease, seconds: leaseSeconds)
                } catch {
                    printError("\(error)")
                }
            }
        }
    }
}
