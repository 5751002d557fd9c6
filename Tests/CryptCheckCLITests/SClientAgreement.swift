import CryptCheckModel
import CryptCheckReport
import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The comparison of a cryptcheck STARTTLS scan with `openssl s_client -starttls NAME` against
/// the same daemon, field by field:
/// - versions: for each of TLS 1.0 to 1.3, s_client limited to that version (every suite it
///   knows, `@SECLEVEL=0`, so that old versions are really offered) connects exactly when
///   cryptcheck says the version is accepted;
/// - suites: every suite cryptcheck lists as accepted for a version is negotiated by s_client
///   offering that suite alone at that version, and s_client offering, in one handshake, every
///   suite OpenSSL can offer at that version that cryptcheck says is not accepted fails;
///   (a DHE suite before TLS 1.3 that s_client cannot negotiate is asked again with gnutls-cli
///   offering the FFDHE groups cryptcheck offers, which s_client cannot: see `ffdheCommand`);
/// - the chain: the certificates s_client `-showcerts` is sent, by SHA-256 and in order, are a
///   chain cryptcheck observed, and no chain cryptcheck saw with that leaf differs.
/// A refusal counts only when it is the TLS handshake that failed (an error of OpenSSL's SSL
/// routines, not s_client finding no STARTTLS or having nothing to offer), and an s_client that
/// does not finish within its deadline fails the test: nothing that was not observed agrees.
struct SClientAgreement {
    /// The versions s_client can be limited to, with its option.
    static let versions: [(ProtocolVersion, String)] = [
        (.tlsv1_0, "-tls1"), (.tlsv1_1, "-tls1_1"), (.tlsv1_2, "-tls1_2"), (.tlsv1_3, "-tls1_3"),
    ]
    /// Every TLS 1.3 suite OpenSSL implements (its default leaves the CCM ones out).
    static let tls13Suites =
        "TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256:TLS_AES_128_CCM_SHA256:TLS_AES_128_CCM_8_SHA256"
    /// How many s_client processes run at once.
    static let width = 12
    /// How long one s_client may take.
    static let deadline: Duration = .seconds(20)

    /// s_client's `-starttls` name (`smtp`, `xmpp-server`).
    let name: String
    let port: Int
    /// Further s_client options for every handshake (`-xmpphost`, `-servername`).
    let extra: [String]
    /// Where the s_client outputs are written.
    let directory: URL

    /// What one s_client run showed.
    struct Run {
        let arguments: [String]
        /// The exit status; nil when it was killed at the deadline.
        let status: Int32?
        let output: String

        /// The version and suite `-brief` reports for a completed handshake.
        var negotiated: (version: String, suite: String)? {
            guard status == 0 else { return nil }
            let lines = output.split(separator: "\n")
            func value(_ key: String) -> String? {
                lines.first { $0.hasPrefix(key) }.map { $0.dropFirst(key.count).trimmingCharacters(in: .whitespaces) }
            }
            guard lines.contains("CONNECTION ESTABLISHED"), let version = value("Protocol version:"),
                let suite = value("Ciphersuite:")
            else { return nil }
            return (version, suite)
        }

        /// Whether the TLS handshake itself failed: an error of OpenSSL's SSL routines, with the
        /// STARTTLS preamble done and something offered.
        var refusedByTLS: Bool {
            guard let status, status != 0, output.contains(":SSL routines:") else { return false }
            let vacuous = ["no ciphers available", "no protocols available", "trying anyway", "STARTTLS not supported"]
            return !vacuous.contains { output.localizedCaseInsensitiveContains($0) }
        }

        var shown: String {
            "\(arguments.joined(separator: " ")) (exit \(status.map { String($0) } ?? "killed at the deadline")): \(output.suffix(600))"
        }
    }

    /// s_client's name of a version in `-brief` output.
    static func sClientName(_ version: ProtocolVersion) -> String {
        version == .tlsv1_0 ? "TLSv1" : version.name
    }

    /// The suites OpenSSL can offer at `version`, by code point, with OpenSSL's name (TLS 1.3:
    /// the IANA name, which `-ciphersuites` takes).
    static func openSSLSuites(_ version: ProtocolVersion) throws -> [CipherSuite: String] {
        let option = versions.first { $0.0 == version }!.1
        var arguments = ["ciphers", "-V", "-s", option]
        if version == .tlsv1_3 { arguments += ["-ciphersuites", tls13Suites] }
        arguments.append("ALL:COMPLEMENTOFALL:@SECLEVEL=0")
        var suites: [CipherSuite: String] = [:]
        for line in try openssl(arguments).split(separator: "\n") {
            // "0xC0,0x30 - ECDHE-RSA-AES256-GCM-SHA384 TLSv1.2 Kx=ECDH ..."
            let fields = line.split(separator: " ")
            guard fields.count >= 4, fields[1] == "-", (fields[3] == "TLSv1.3") == (version == .tlsv1_3) else { continue }
            let bytes = fields[0].split(separator: ",").compactMap { UInt16($0.dropFirst(2), radix: 16) }
            guard bytes.count == 2 else { continue }
            suites[CipherSuite(bytes[0] << 8 | bytes[1])] = String(fields[2])
        }
        #expect(!suites.isEmpty, "openssl ciphers \(arguments): nothing listed")
        return suites
    }

    /// Runs `openssl` with `arguments` to its end; its standard output.
    static func openssl(_ arguments: [String], input: String? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = arguments
        let inPipe = Pipe(), outPipe = Pipe()
        process.standardInput = inPipe
        process.standardOutput = outPipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        if let input { inPipe.fileHandleForWriting.write(Data(input.utf8)) }
        try inPipe.fileHandleForWriting.close()
        let output = outPipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: output, as: UTF8.self)
    }

    /// Runs s_client once for each argument list (after `-starttls NAME -connect ...`), `width`
    /// at a time, each killed at `deadline`; standard input is empty, so each ends after its handshake.
    func run(_ argumentLists: [[String]]) throws -> [Run] {
        try Self.run(
            argumentLists.map { ("/usr/bin/openssl", ["s_client", "-starttls", name, "-connect", "127.0.0.1:\(port)"] + extra + $0) },
            in: directory)
    }

    /// Runs each command, `width` at a time, each killed at `deadline`, with empty standard
    /// input and its output (standard output and error) into a file in `directory`.
    static func run(_ commands: [(executable: String, arguments: [String])], in directory: URL) throws -> [Run] {
        var runs: [Run] = []
        for start in stride(from: 0, to: commands.count, by: Self.width) {
            let batch = commands[start..<min(start + Self.width, commands.count)]
            var started: [(Process, URL, [String])] = []
            defer {
                // However this batch ends, no client outlives it.
                for (process, _, _) in started where process.isRunning {
                    kill(process.processIdentifier, SIGKILL)
                    process.waitUntilExit()
                }
            }
            for (executable, all) in batch {
                let file = directory.appendingPathComponent("client-\(UUID().uuidString).txt")
                _ = FileManager.default.createFile(atPath: file.path, contents: nil)
                let output = try FileHandle(forWritingTo: file)
                defer { try? output.close() }
                let process = Process()
                process.executableURL = URL(fileURLWithPath: executable)
                process.arguments = all
                process.standardInput = FileHandle.nullDevice
                process.standardOutput = output
                process.standardError = output
                try process.run()
                started.append((process, file, [URL(fileURLWithPath: executable).lastPathComponent] + all))
            }
            let end = ContinuousClock.now + Self.deadline
            for (process, file, arguments) in started {
                while process.isRunning && ContinuousClock.now < end { usleep(5_000) }
                var killed = false
                if process.isRunning {
                    kill(process.processIdentifier, SIGKILL)
                    killed = true
                }
                process.waitUntilExit()
                let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
                runs.append(Run(arguments: arguments, status: killed ? nil : process.terminationStatus, output: text))
            }
        }
        return runs
    }

    /// The SHA-256 fingerprints (lowercase hex) of the certificates in `output`, in order.
    static func chain(in output: String) throws -> [String] {
        var fingerprints: [String] = []
        var rest = output[...]
        while let begin = rest.range(of: "-----BEGIN CERTIFICATE-----"), let end = rest.range(of: "-----END CERTIFICATE-----") {
            let pem = String(rest[begin.lowerBound..<end.upperBound]) + "\n"
            let line = try openssl(["x509", "-noout", "-fingerprint", "-sha256"], input: pem)
            // "sha256 Fingerprint=AB:CD:..."
            let hex = line.split(separator: "=").last.map { $0.replacingOccurrences(of: ":", with: "").lowercased() } ?? ""
            fingerprints.append(hex.trimmingCharacters(in: .whitespacesAndNewlines))
            rest = rest[end.upperBound...]
        }
        return fingerprints
    }

    /// Scans `target` with cryptcheck (JSON report and observations into `directory`) and holds
    /// every field of the scan against s_client `-starttls name` at 127.0.0.1:`port`. `log`
    /// reads the daemon's log for failure messages. Returns the endpoint observed.
    @discardableResult
    static func expect(
        _ target: String, sClient name: String, port: Int, extra: [String] = [], in directory: URL, log: () -> String
    ) throws -> TLSEndpointObservation {
        let tag = name + "-" + String(port)
        let report = directory.appendingPathComponent("report-\(tag).json").path
        let saved = directory.appendingPathComponent("observations-\(tag).json").path
        let scanStarted = ContinuousClock.now
        let result = try CLI.run([target, "--format", "json", "-o", report, "--save-observations", saved])
        let scanTime = ContinuousClock.now - scanStarted
        #expect(result.status == 0 || result.status == 1, "\(name): exit \(result.status): \(result.stderr)\n\(log())")
        let observations = try JSONRenderer.decoder().decode(ObservationSet.self, from: Data(contentsOf: URL(fileURLWithPath: saved)))
        let endpoint = try #require(observations.endpoints.first, "\(name): no endpoint observed: \(result.stderr)")
        #expect(endpoint.starttls != nil, "\(name): the observation names no STARTTLS protocol")
        #expect(endpoint.completedHandshake, "\(name): \(endpoint.noHandshakeOutcome.map { "\($0)" } ?? "")\n\(log())")

        let agreement = SClientAgreement(name: name, port: port, extra: extra, directory: directory)
        let compareStarted = ContinuousClock.now
        try agreement.compare(endpoint, log: log)
        print("\(name): cryptcheck scan \(scanTime), s_client comparison \(ContinuousClock.now - compareStarted)")
        return endpoint
    }

    /// What the versions, suites and chain of `endpoint` must agree with.
    func compare(_ endpoint: TLSEndpointObservation, log: () -> String) throws {
        // What cryptcheck says, per version: accepted or not (anything else is not an answer).
        var accepted: [ProtocolVersion: Bool] = [:]
        for (version, _) in Self.versions {
            switch endpoint.versions.first(where: { $0.version == version })?.status {
            case .yes: accepted[version] = true
            case .no: accepted[version] = false
            case let other: Issue.record("\(name): cryptcheck has no answer for \(version.name): \(String(describing: other))")
            }
        }
        var plans: [(check: String, arguments: [String], expect: Expectation, suite: (ProtocolVersion, CipherSuite)?)] = []
        for (version, option) in Self.versions {
            guard let isAccepted = accepted[version] else { continue }
            let offer = version == .tlsv1_3 ? ["-ciphersuites", Self.tls13Suites] : ["-cipher", "ALL:COMPLEMENTOFALL:@SECLEVEL=0"]
            plans.append(
                (
                    "\(version.name) accepted: \(isAccepted)", [option, "-brief"] + offer,
                    isAccepted ? Expectation.negotiates(Self.sClientName(version), nil) : Expectation.refused, nil
                ))
            guard isAccepted else { continue }
            let known = try Self.openSSLSuites(version)
            let enumeration = endpoint.cipherSuites.first { $0.version == version }
            let listed = enumeration?.accepted ?? []
            #expect(
                enumeration?.complete == true,
                "\(name): cryptcheck's \(version.name) suite enumeration is not complete: \(enumeration?.failure ?? "-")\n\(log())")
            #expect(!listed.isEmpty, "\(name): \(version.name) accepted, but cryptcheck lists no suite for it")
            for suite in listed {
                guard let openSSLName = known[suite] else {
                    Issue.record("\(name): cryptcheck lists \(suite.name) at \(version.name), which OpenSSL cannot offer: not comparable")
                    continue
                }
                let alone = version == .tlsv1_3 ? ["-ciphersuites", openSSLName] : ["-cipher", openSSLName + ":@SECLEVEL=0"]
                plans.append(
                    (
                        "\(version.name) \(suite.name) accepted", [option, "-brief"] + alone,
                        Expectation.negotiates(Self.sClientName(version), openSSLName), (version, suite)
                    ))
            }
            let rejected = known.filter { !listed.contains($0.key) }.map(\.value).sorted()
            if !rejected.isEmpty {
                let all =
                    version == .tlsv1_3
                    ? ["-ciphersuites", rejected.joined(separator: ":")]
                    : ["-cipher", rejected.joined(separator: ":") + ":@SECLEVEL=0"]
                plans.append(
                    ("\(version.name) the \(rejected.count) suites not accepted", [option, "-brief"] + all, Expectation.refused, nil))
            }
        }
        plans.append(("the chain", ["-showcerts"], Expectation.chain, nil))

        let runs = try run(plans.map(\.arguments))
        // DHE suites before TLS 1.3 that s_client could not negotiate alone, asked again with
        // the FFDHE groups offered (see `ffdheCommand`).
        let ffdhe = zip(plans, runs).compactMap { plan, run -> ((ProtocolVersion, CipherSuite), [String])? in
            guard case .negotiates(let version, let suite) = plan.expect, case (let tlsVersion, let cipherSuite)? = plan.suite,
                run.negotiated.map({ $0.version == version && (suite == nil || $0.suite == suite) }) != true,
                let command = ffdheCommand(tlsVersion, cipherSuite)
            else { return nil }
            return ((tlsVersion, cipherSuite), command)
        }
        let ffdheRuns = try Self.run(ffdhe.map { ("/usr/bin/gnutls-cli", $0.1) }, in: directory)
        var withFFDHE: [String: Run] = [:]
        for ((key, _), run) in zip(ffdhe, ffdheRuns) { withFFDHE["\(key.0.name) \(key.1.name)"] = run }
        var failed = 0
        for (plan, run) in zip(plans, runs) {
            var agrees = true
            switch plan.expect {
            case .negotiates(let version, let suite):
                let negotiated = run.negotiated
                agrees = negotiated?.version == version && (suite == nil || negotiated?.suite == suite)
                if !agrees, case (let tlsVersion, let cipherSuite)? = plan.suite,
                    let other = withFFDHE["\(tlsVersion.name) \(cipherSuite.name)"]
                {
                    agrees = Self.gnutlsCompleted(other, version: tlsVersion)
                    if agrees {
                        print(
                            "\(name): \(plan.check): s_client cannot offer FFDHE groups before TLS 1.3; gnutls-cli offering them negotiated it"
                        )
                    } else {
                        Issue.record(
                            "\(name): \(plan.check): gnutls-cli offering the FFDHE groups did not negotiate it either: \(other.shown)")
                    }
                }
            case .refused:
                agrees = run.refusedByTLS
            case .chain:
                let shown = try Self.chain(in: run.output)
                let observed = endpoint.certificateChains.map { $0.certificates.map(\.sha256Fingerprint) }
                agrees =
                    run.status == 0 && !shown.isEmpty && observed.contains(shown)
                    && !observed.contains { $0.first == shown.first && $0 != shown }
                if !agrees { Issue.record("\(name): s_client's chain \(shown), cryptcheck's \(observed)") }
            }
            if !agrees {
                failed += 1
                Issue.record("\(name): cryptcheck and s_client disagree on \(plan.check): \(run.shown)")
            }
        }
        if failed > 0 { Issue.record("\(name): \(failed) of \(plans.count) comparisons failed; the daemon's log: \(log())") }
    }

    /// cryptcheck offers every FFDHE group of RFC 7919 in supported_groups with every
    /// ClientHello (`ClientHelloSpec.defaultGroups`), and a server may take a DHE suite only
    /// with one of those groups: GnuTLS without DH parameters (slapd, as the test runs it)
    /// closes the connection on a DHE-only hello without them and completes the handshake with
    /// ffdhe2048 when they are offered. OpenSSL 3.0's s_client cannot make that offer: before
    /// TLS 1.3 it sends no FFDHE group in supported_groups whatever `-groups` says (and no
    /// supported_groups at all without an ECC suite). So a DHE suite before TLS 1.3 that s_client
    /// could not negotiate alone is asked again with gnutls-cli (`--starttls-proto`), offering
    /// that suite alone and the FFDHE groups, as cryptcheck does; `nil` when gnutls-cli has no
    /// STARTTLS for this protocol or GnuTLS no name for a part of the suite.
    func ffdheCommand(_ version: ProtocolVersion, _ suite: CipherSuite) -> [String]? {
        guard version < .tlsv1_3, suite.info?.keyExchange == .dhe,
            let proto = [
                "smtp": "smtp", "imap": "imap", "pop3": "pop3", "ftp": "ftp", "ldap": "ldap", "postgres": "postgres", "sieve": "sieve",
            ][name],
            let parts = Self.gnutlsParts(suite),
            let gnutlsVersion = [ProtocolVersion.tlsv1_0: "TLS1.0", .tlsv1_1: "TLS1.1", .tlsv1_2: "TLS1.2"][version]
        else { return nil }
        let groups = ["FFDHE2048", "FFDHE3072", "FFDHE4096", "FFDHE6144", "FFDHE8192"].map { "+GROUP-" + $0 }
        let priority =
            ([
                "NONE", "+VERS-" + gnutlsVersion, "+" + parts.keyExchange, "+" + parts.cipher, "+" + parts.mac, "+COMP-NULL", "+SIGN-ALL",
                "+CTYPE-X509",
            ] + groups)
            .joined(separator: ":")
        return ["--starttls-proto=\(proto)", "--insecure", "--priority", priority, "-p", String(port), "127.0.0.1"]
    }

    /// GnuTLS's names of the key exchange, cipher and MAC of a DHE suite, from its IANA name
    /// (`TLS_DHE_RSA_WITH_AES_128_GCM_SHA256`: `DHE-RSA`, `AES-128-GCM`, `AEAD`).
    static func gnutlsParts(_ suite: CipherSuite) -> (keyExchange: String, cipher: String, mac: String)? {
        guard let iana = suite.info?.ianaName, iana.hasPrefix("TLS_"), let with = iana.range(of: "_WITH_") else { return nil }
        let keyExchange = iana[iana.index(iana.startIndex, offsetBy: 4)..<with.lowerBound].replacingOccurrences(of: "_", with: "-")
        var rest = String(iana[with.upperBound...])
        var mac = "AEAD"
        if rest.hasSuffix("_SHA") {
            mac = "SHA1"
            rest.removeLast(4)
        } else if let hash = ["_SHA256", "_SHA384"].first(where: rest.hasSuffix) {
            rest.removeLast(hash.count)
            if !["GCM", "CCM", "POLY1305"].contains(where: { rest.contains($0) }) { mac = String(hash.dropFirst()) }
        }
        return (keyExchange, rest.replacingOccurrences(of: "_", with: "-"), mac)
    }

    /// Whether gnutls-cli completed a handshake at `version`.
    static func gnutlsCompleted(_ run: Run, version: ProtocolVersion) -> Bool {
        let name = [ProtocolVersion.tlsv1_0: "TLS1.0", .tlsv1_1: "TLS1.1", .tlsv1_2: "TLS1.2"][version] ?? "?"
        return run.status != nil && run.output.contains("- Handshake was completed") && run.output.contains("- Description: (\(name)-")
    }

    /// What one s_client handshake must show.
    enum Expectation {
        /// A handshake at this version (s_client's name), with this suite when given.
        case negotiates(String, String?)
        /// The TLS handshake fails.
        case refused
        /// The certificates sent are a chain cryptcheck observed.
        case chain
    }
}
