import ArgumentParser
import CryptCheckModel
import CryptCheckSSH
import CryptCheckTLS
import Foundation

/// How endpoints are scanned, for every command that scans them (`tls`, `worker`): STARTTLS,
/// SNI, timeouts, address family, connection limits, retries and extra trust anchors. One
/// construction of the scanner (`scanner(for:verificationTime:)`), so a target scanned by a
/// worker is scanned exactly as `tls` scans it.
struct ScannerOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Upgrade every connection with this protocol's STARTTLS first, or none for TLS from the first byte.",
            valueName: "PROTO"))
    var starttls: String?

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

    @Flag(
        help:
            "Do not run the active attack checks (Heartbleed, CCS injection, ROBOT, renegotiation), which send malformed traffic; they are reported as not run."
    )
    var noActive = false

    func validate() throws {
        if let starttls, Self.starttlsChoice(starttls) == nil {
            let names = (["none"] + StartTLSProtocol.schemes.keys.sorted()).joined(separator: ", ")
            throw ValidationError("--starttls '\(EscapedText.terminalSafe(starttls))' is not a protocol; expected one of \(names)")
        }
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

    /// The connection limits every scanner of one run shares.
    func limits() -> ConnectionLimits { ConnectionLimits(perHost: perHostConnections, global: maxConnections) }

    /// The scanner for `target` with every option applied; `limits` is shared by the run's scanners.
    func scanner(for target: EndpointTarget, limits: ConnectionLimits, verificationTime: Date) -> TLSScanner {
        let family: AddressFamily = ipv4Only ? .ipv4 : ipv6Only ? .ipv6 : .any
        var scanner = TLSCommand.scanner(
            for: applyingStartTLS(target), sni: sni, timeout: timeout, limits: limits, family: family, retries: retries)
        scanner.caFile = caFile
        scanner.budget = .milliseconds(Int(budget * 1000))
        scanner.verificationTime = verificationTime
        scanner.activeChecks = !noActive
        return scanner
    }

    /// The SSH scanner for an `ssh://` target, with the timeout, budget, address family and
    /// limits applied (`--starttls`, `--sni`, `--retries` and `--ca-file` are TLS's only).
    func sshScanner(for target: EndpointTarget, limits: ConnectionLimits) -> SSHScanner {
        let family: AddressFamily = ipv4Only ? .ipv4 : ipv6Only ? .ipv6 : .any
        var scanner = SSHScanner(
            host: target.host, port: target.port, timeout: .milliseconds(Int(timeout * 1000)), limits: limits, family: family)
        scanner.budget = .milliseconds(Int(budget * 1000))
        scanner.connectHost = target.connectAddress
        return scanner
    }

    /// The protocol `--starttls` names: `.some(nil)` for `none`, `nil` when the name is unknown.
    static func starttlsChoice(_ name: String) -> StartTLSProtocol?? {
        let lowered = name.lowercased()
        if lowered == "none" { return .some(nil) }
        return StartTLSProtocol.schemes[lowered].map { .some($0.0) }
    }

    /// `target` with `--starttls` applied, when given.
    func applyingStartTLS(_ target: EndpointTarget) -> EndpointTarget { TLSCommand.applying(starttls: starttls, to: target) }
}
