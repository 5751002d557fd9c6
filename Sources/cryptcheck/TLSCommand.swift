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
        abstract: "Scan a TLS endpoint (the default command: `cryptcheck HOST[:PORT]`).",
        discussion: "HOST may be a name, an IPv4 address or a bracketed IPv6 address ([::1]:443). PORT defaults to 443.")

    @Argument(help: "The endpoint, HOST[:PORT].")
    var target: String

    @Option(help: "The server name to send in SNI (default: the host name; none for IP addresses).")
    var sni: String?

    @Option(help: "Seconds each handshake may take.")
    var timeout: Double = 5

    @Option(help: "Extra trust anchors (PEM) for verifying the server's chain, besides the system store.")
    var caFile: String?

    @Option(help: "Also write the observations as JSON, for `cryptcheck evaluate`.")
    var saveObservations: String?

    @OptionGroup var policy: PolicyOptions
    @OptionGroup var output: OutputOptions

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

    func validate() throws {
        guard Self.endpoint(target) != nil else { throw ValidationError("'\(target)' is not HOST[:PORT]") }
        guard timeout > 0 && timeout <= 300 else { throw ValidationError("--timeout must be between 0 and 300 seconds") }
        if let caFile, !FileManager.default.isReadableFile(atPath: caFile) {
            throw ValidationError("--ca-file \(caFile): cannot read the file")
        }
    }

    func run() throws {
        let policies = try policy.policiesOrUsageError()
        let (host, port) = Self.endpoint(target)!
        let isAddress = host.contains(":") || host.split(separator: ".").allSatisfy { Int($0) != nil }
        var scanner = TLSScanner(host: host, port: port, serverName: sni ?? (isAddress ? nil : host),
                                 timeout: .milliseconds(Int(timeout * 1000)))
        scanner.caFile = caFile
        // Chains are verified now when judging as of today, else at noon of the as-of day.
        let day = policy.day()
        scanner.verificationTime = Policy.dayText(day) == Policy.dayText(Date()) ? Date() : day.addingTimeInterval(12 * 3600)
        let endpoint = scanner.scan()
        for failure in endpoint.failures { printError("\(endpoint.endpoint): \(failure)") }
        for version in endpoint.versions {
            if case .failed(let reason) = version.status { printError("\(endpoint.endpoint) \(version.version.name): \(reason)") }
        }
        let observations = ObservationSet(tool: "cryptcheck \(CryptCheck.version)", observedAt: Date(), endpoints: [endpoint])
        if let saveObservations {
            try JSONRenderer.render(observations).write(toFile: saveObservations, atomically: true, encoding: .utf8)
        }
        let evaluation = Evaluator.evaluate(observations, policies: policies)
        try output.emit(evaluation)
    }
}
