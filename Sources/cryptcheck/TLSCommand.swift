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
            HOST may be a name, an IPv4 address or a bracketed IPv6 address ([::1]:443). PORT defaults to 443. \
            Several endpoints are scanned side by side; probes to one host never hold more than \
            --per-host-connections connections at once, and all probes together no more than --max-connections.
            """)

    @Argument(help: "The endpoints, HOST[:PORT].")
    var targets: [String]

    @Option(help: "The server name to send in SNI (default: the host name; none for IP addresses).")
    var sni: String?

    @Option(help: "Seconds each handshake may take.")
    var timeout: Double = 5

    @Option(
        help:
            "Most seconds the scan of one endpoint may take; when they run out, the endpoint is reported incomplete with what was seen."
    )
    var budget: Double = 120

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

    /// A scanner for a target that `parse` accepted; SNI defaults to the host name (none for
    /// addresses: the scanner never sends one).
    static func scanner(
        for target: EndpointTarget, sni: String? = nil, timeout: Double = 5, limits: ConnectionLimits,
        family: AddressFamily = .any, retries: Int = 1
    ) -> TLSScanner {
        TLSScanner(
            host: target.host, port: target.port, serverName: sni, timeout: .milliseconds(Int(timeout * 1000)),
            limits: limits, family: family, retries: retries)
    }

    /// Reads a command-line target, or says why it is not one. A bare word that resembles a
    /// subcommand (`scna`) is a usage error, not a host to look up.
    static func parse(_ text: String, option: String? = nil) throws -> EndpointTarget {
        let named = option.map { "\($0) " } ?? ""
        if option == nil, let subcommand = SubcommandSuggestion.resembling(text) {
            throw ValidationError("'\(text)' is not a subcommand or an endpoint; did you mean \(subcommand)?")
        }
        do {
            return try EndpointTarget.parse(text)
        } catch {
            throw ValidationError("\(named)\(error.description); expected HOST[:PORT], [IPv6]:PORT or https://HOST[:PORT]/")
        }
    }

    func validate() throws {
        guard !targets.isEmpty else { throw ValidationError("name at least one endpoint, HOST[:PORT]") }
        for target in targets { _ = try Self.parse(target) }
        if let sni, !EndpointTarget.isHostName(sni) || EndpointTarget.isIPLiteral(sni) {
            throw ValidationError("--sni '\(sni)' is not a host name (RFC 6066 forbids IP addresses as server names)")
        }
        guard timeout > 0 && timeout <= 300 else { throw ValidationError("--timeout must be between 0 and 300 seconds") }
        guard budget >= 1 && budget <= 86_400 else { throw ValidationError("--budget must be between 1 and 86400 seconds") }
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
        let verificationTime = TLSScanner.verificationTime(asOf: policy.day())
        let scanners = try targets.map { target in
            var scanner = Self.scanner(
                for: try Self.parse(target), sni: sni, timeout: timeout, limits: limits, family: family, retries: retries)
            scanner.caFile = caFile
            scanner.budget = .milliseconds(Int(budget * 1000))
            scanner.verificationTime = verificationTime
            return scanner
        }
        let endpoints = TLSScanner.scan(scanners)
        for endpoint in endpoints {
            if let outcome = endpoint.noHandshakeOutcome {
                // One line for an endpoint that never spoke TLS: what happened instead.
                printError("\(endpoint.endpoint): no TLS handshake: \(outcome.summary)")
                continue
            }
            // One line per reason.
            var reasons: [String: [String]] = [:]
            var order: [String] = []
            for version in endpoint.versions {
                guard case .failed(let reason, _) = version.status else { continue }
                if reasons[reason] == nil { order.append(reason) }
                reasons[reason, default: []].append(version.version.name)
            }
            for reason in order { printError("\(endpoint.endpoint) \(reasons[reason]!.joined(separator: ", ")): \(reason)") }
            for failure in endpoint.failures { printError("\(endpoint.endpoint): \(failure)") }
        }
        let observations = ObservationSet(tool: "cryptcheck \(CryptCheck.version)", observedAt: Date(), endpoints: endpoints)
        if let saveObservations {
            try OutputFile.write(JSONRenderer.render(observations), to: saveObservations)
        }
        try output.emit(
            observations, policies: policies, projection: report.projectionPolicies(policies), report: report, policy: policy)
    }
}
