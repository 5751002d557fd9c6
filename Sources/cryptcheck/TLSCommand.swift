import ArgumentParser
import CryptCheckModel
import CryptCheckPolicy
import CryptCheckReport
import CryptCheckTLS
import Foundation

/// `cryptcheck HOST[:PORT]`: scan a TLS endpoint with raw handshakes and judge what it accepts.
struct TLSCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tls",
        abstract: "Scan TLS endpoints (the default command: `cryptcheck HOST[:PORT]...`).",
        discussion: """
            HOST may be a name, an IPv4 address or a bracketed IPv6 address ([::1]:443). PORT defaults to 443.
            Several endpoints are scanned side by side; probes to one host never hold more than \
            --per-host-connections connections at once, and all probes together no more than --max-connections.
            """)

    @Argument(help: "The endpoints, HOST[:PORT].")
    var targets: [String]

    @Option(help: "The server name to send in SNI (default: the host name; none for IP addresses).")
    var sni: String?

    @Option(help: "Seconds each handshake may take.")
    var timeout: Double = 5

    @Flag(name: .customShort("4"), help: "Connect over IPv4 only.")
    var ipv4Only = false

    @Flag(name: .customShort("6"), help: "Connect over IPv6 only.")
    var ipv6Only = false

    @Option(help: "Most connections open to one host at once.")
    var perHostConnections = ConnectionLimits.defaultPerHost

    @Option(help: "Most connections open at once, over all endpoints.")
    var maxConnections = ConnectionLimits.defaultGlobal

    @Option(help: "How often a probe whose connection failed (refused, reset, timed out) is tried again.")
    var retries = 1

    @Option(help: "Extra trust anchors (PEM) for verifying the server's chain, besides the system store.")
    var caFile: String?

    @Option(help: "Also write the observations as JSON, for `cryptcheck evaluate`.")
    var saveObservations: String?

    @OptionGroup var policy: PolicyOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var report: ReportOptions

    /// HOST and PORT from `target`.
    static func endpoint(_ target: String) -> (host: String, port: Int)? {
        if target.hasPrefix("[") {
            guard let close = target.firstIndex(of: "]") else { return nil }
            let host = String(target[target.index(after: target.startIndex)..<close])
            let rest = target[target.index(after: close)...]
            if rest.isEmpty { return (host, 443) }
            guard rest.hasPrefix(":"), let port = Int(rest.dropFirst()), (1...65535).contains(port) else { return nil }
            return (host, port)
        }
        let parts = target.split(separator: ":", omittingEmptySubsequences: false)
        switch parts.count {
        case 1: return parts[0].isEmpty ? nil : (String(parts[0]), 443)
        case 2:
            guard !parts[0].isEmpty, let port = Int(parts[1]), (1...65535).contains(port) else { return nil }
            return (String(parts[0]), port)
        default: return (target, 443)  // a bare IPv6 address
        }
    }

    /// A scanner for a validated HOST[:PORT]; SNI defaults to the host name (none for addresses).
    static func scanner(for target: String, sni: String? = nil, timeout: Double = 5, limits: ConnectionLimits,
                        family: AddressFamily = .any, retries: Int = 1) -> TLSScanner {
        let (host, port) = endpoint(target)!
        let isAddress = host.contains(":") || host.split(separator: ".").allSatisfy { Int($0) != nil }
        return TLSScanner(host: host, port: port, serverName: sni ?? (isAddress ? nil : host),
                          timeout: .milliseconds(Int(timeout * 1000)), limits: limits, family: family, retries: retries)
    }

    func validate() throws {
        guard !targets.isEmpty else { throw ValidationError("name at least one endpoint, HOST[:PORT]") }
        for target in targets where Self.endpoint(target) == nil {
            throw ValidationError("'\(target)' is not HOST[:PORT]")
        }
        guard timeout > 0 && timeout <= 300 else { throw ValidationError("--timeout must be between 0 and 300 seconds") }
        guard !(ipv4Only && ipv6Only) else { throw ValidationError("-4 and -6 exclude each other") }
        guard (1...256).contains(perHostConnections) else { throw ValidationError("--per-host-connections must be between 1 and 256") }
        guard (1...1024).contains(maxConnections) else { throw ValidationError("--max-connections must be between 1 and 1024") }
        guard (0...10).contains(retries) else { throw ValidationError("--retries must be between 0 and 10") }
        if let caFile, !FileManager.default.isReadableFile(atPath: caFile) {
            throw ValidationError("--ca-file \(caFile): cannot read the file")
        }
    }

    func run() throws {
        let policies = try policy.policiesOrUsageError()
        let limits = ConnectionLimits(perHost: perHostConnections, global: maxConnections)
        let family: AddressFamily = ipv4Only ? .ipv4 : ipv6Only ? .ipv6 : .any
        // Chains are verified now when judging as of today, else at noon of the as-of day.
        let day = policy.day()
        let verificationTime = Policy.dayText(day) == Policy.dayText(Date()) ? Date() : day.addingTimeInterval(12 * 3600)
        let scanners = targets.map { target in
            var scanner = Self.scanner(for: target, sni: sni, timeout: timeout, limits: limits, family: family, retries: retries)
            scanner.caFile = caFile
            scanner.verificationTime = verificationTime
            return scanner
        }
        let endpoints = TLSScanner.scan(scanners)
        for endpoint in endpoints {
            // One line per reason: an unreachable host fails every version the same way.
            var reasons: [String: [String]] = [:]
            var order: [String] = []
            for version in endpoint.versions {
                guard case .failed(let reason) = version.status else { continue }
                if reasons[reason] == nil { order.append(reason) }
                reasons[reason, default: []].append(version.version.name)
            }
            for reason in order { printError("\(endpoint.endpoint) \(reasons[reason]!.joined(separator: ", ")): \(reason)") }
            for failure in endpoint.failures { printError("\(endpoint.endpoint): \(failure)") }
        }
        let observations = ObservationSet(tool: "cryptcheck \(CryptCheck.version)", observedAt: Date(), endpoints: endpoints)
        if let saveObservations {
            try JSONRenderer.render(observations).write(toFile: saveObservations, atomically: true, encoding: .utf8)
        }
        try output.emit(observations, policies: policies, report: report, policy: policy)
    }
}
