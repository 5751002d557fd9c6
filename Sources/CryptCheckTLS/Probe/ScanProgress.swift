import CryptCheckModel
import Foundation

/// What a scan says as it goes, for a progress line or a verbose log: a probe family of an
/// endpoint started or ended. Reported from the probe threads; the receiver must be cheap and
/// thread-safe. Progress never changes what is observed.
package struct ScanProgressEvent: Sendable {
    package enum Kind: Sendable { case started, finished }
    /// The endpoint, `host:port` as scanned (a name from the command line: escape it for a terminal).
    package let endpoint: String
    /// The probe family: versions, suites, groups, signature schemes, chains, features, DH parameters.
    package let family: String
    package let kind: Kind
}

/// Receives a scan's progress events.
package typealias ScanProgress = @Sendable (ScanProgressEvent) -> Void

extension ScanFact {
    /// The family's name in progress lines.
    var progressName: String {
        switch self {
        case .versions: "versions"
        case .suites: "suites"
        case .groups: "groups"
        case .signatureSchemes: "signature schemes"
        case .chains: "chains"
        case .features: "features"
        case .dhParameters: "DH parameters"
        case .attacks: "attacks"
        case .hygiene: "key and prime fingerprints"
        case .session: "session features"
        case .certificateHygiene: "certificate hygiene"
        }
    }
}

extension TLSScanner {
    /// Scans endpoints side by side like `scan(_:)`, handing each observation to `finished`
    /// (index, observation) on a probe thread as soon as it is done. Before an endpoint starts,
    /// `start(index)` is asked whether it may (false once the run is interrupted): then it is
    /// not scanned and `finished` gets `nil` for it. Returns when every endpoint was handed over.
    package static func scan(
        _ scanners: [TLSScanner], start: @escaping @Sendable (Int) -> Bool,
        finished: @escaping @Sendable (Int, TLSEndpointObservation?) -> Void
    ) {
        guard let limits = scanners.first?.probe.limits else { return }
        _ = limits.workers.map(startOrder(scanners), width: limits.global) { index in
            finished(index, start(index) ? scanners[index].scan() : nil)
        }
    }

    /// The order endpoints start in: round robin over their hosts (the address given to connect
    /// to, else the name: what their per-host connection limit goes by before names are
    /// resolved), each host's endpoints in the order given. A list that gives a
    /// host's endpoints together would otherwise start them together, to share that host's
    /// connections while other hosts wait, and slow hosts listed last would all start last and
    /// set the length of the run. Results are still handed over by their index in the list.
    static func startOrder(_ scanners: [TLSScanner]) -> [Int] {
        var queues: [[Int]] = []
        var slots: [String: Int] = [:]
        for (index, scanner) in scanners.enumerated() {
            let key = (scanner.connectHost ?? scanner.probe.limitKey).lowercased()
            if let slot = slots[key] {
                queues[slot].append(index)
            } else {
                slots[key] = queues.count
                queues.append([index])
            }
        }
        var order: [Int] = []
        order.reserveCapacity(scanners.count)
        var round = 0
        while !queues.isEmpty {
            for queue in queues { order.append(queue[round]) }
            round += 1
            // Hosts whose endpoints all started leave the rotation: each round costs the hosts left.
            queues.removeAll { $0.count <= round }
        }
        return order
    }

    /// The endpoint as progress events and observations name it: `host:port`, `[IPv6]:port`,
    /// `smtp://host:port`.
    package var endpointName: String {
        TLSEndpointObservation.endpointName(host: probe.host, port: probe.port, starttls: starttls)
    }
}
