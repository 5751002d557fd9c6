import Foundation

/// Runs a program to its end and returns its standard output and error together (through
/// `ToolRunner`: Foundation's `Process` is never seen to end while a daemon runs as a child).
func runTool(_ executable: String, _ arguments: [String], input: Data? = nil) throws -> (status: Int32, output: String) {
    let result = try ToolRunner.run(executable, arguments, input: input)
    return (result.status, result.output)
}

/// Host keys made with ssh-keygen in a temporary directory: RSA, ECDSA P-256, Ed25519, and a
/// host certificate of the Ed25519 key signed by a test CA.
public final class SSHHostKeys {
    public let directory: URL

    public init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("cryptcheck-ssh-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (name, arguments) in [
            ("rsa", ["-t", "rsa", "-b", "2048"]), ("ecdsa", ["-t", "ecdsa", "-b", "256"]), ("ed25519", ["-t", "ed25519"]),
            ("ca", ["-t", "ed25519"]),
        ] {
            let result = try runTool("/usr/bin/ssh-keygen", ["-q", "-N", "", "-C", name, "-f", path(name)] + arguments)
            guard result.status == 0 else { throw SSHTestError("ssh-keygen: \(result.output)") }
        }
        let signed = try runTool(
            "/usr/bin/ssh-keygen", ["-q", "-s", path("ca"), "-I", "test-host", "-h", "-n", "localhost,127.0.0.1", path("ed25519") + ".pub"])
        guard signed.status == 0 else { throw SSHTestError("ssh-keygen -s: \(signed.output)") }
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    public func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// `SHA256:…` of a public key file, as `ssh-keygen -lf` prints it.
    public func fingerprint(_ name: String) throws -> String {
        let result = try runTool("/usr/bin/ssh-keygen", ["-lf", path(name) + ".pub"])
        return String(result.output.split(separator: " ")[1])
    }
}

/// OpenSSH's sshd in the foreground on 127.0.0.1 and a free port, with the given algorithm lines.
public final class SSHDaemon {
    public let port: Int
    public let daemon: Daemon
    public let keys: SSHHostKeys

    public init(keys: SSHHostKeys, lines: [String], certificate: Bool = true) throws {
        self.keys = keys
        try FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true)
        port = try LocalServer.freePort()
        var config = [
            "ListenAddress 127.0.0.1", "PidFile none", "UsePAM no", "PasswordAuthentication no",
            "KbdInteractiveAuthentication no", "LoginGraceTime 30", "MaxStartups 100:30:200", "LogLevel VERBOSE",
            "HostKey \(keys.path("rsa"))", "HostKey \(keys.path("ecdsa"))", "HostKey \(keys.path("ed25519"))",
        ]
        if certificate { config.append("HostCertificate \(keys.path("ed25519"))-cert.pub") }
        config += lines
        let file = keys.directory.appendingPathComponent("sshd_config-\(port)")
        try config.joined(separator: "\n").appending("\n").write(to: file, atomically: true, encoding: .utf8)
        daemon = try Daemon(
            "/usr/sbin/sshd", ["-D", "-e", "-f", file.path, "-p", String(port)], port: port,
            log: keys.directory.appendingPathComponent("sshd-\(port).log"))
    }

    public var client: SSHClient { SSHClient(port: port) }
}

/// OpenSSH's own client and ssh-keyscan against a daemon on 127.0.0.1.
public struct SSHClient {
    public let port: Int

    public init(port: Int) { self.port = port }

    private func ssh(_ options: [String]) throws -> String {
        var arguments = [
            "-vv", "-F", "/dev/null", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
            "-o", "ConnectTimeout=5", "-p", String(port),
        ]
        for option in options { arguments += ["-o", option] }
        return try runTool("/usr/bin/ssh", arguments + ["nobody@127.0.0.1", "true"]).output
    }

    /// Whether the real ssh client negotiates with these options: false when it says it is
    /// "Unable to negotiate", true when it got as far as the server's key-exchange reply.
    public func negotiates(_ options: [String]) throws -> Bool {
        let output = try ssh(options)
        if output.contains("Unable to negotiate") || output.contains("no matching") { return false }
        guard output.contains("SSH2_MSG_KEX") || output.contains("kex: algorithm:") else {
            throw SSHTestError("ssh: neither negotiated nor refused: \(output.suffix(800))")
        }
        return output.contains("SSH2_MSG_NEWKEYS received") || output.contains("Server host key:")
    }

    /// The server's KEXINIT lists as `ssh -vv` prints them after "peer server KEXINIT proposal",
    /// by the label ssh uses ("KEX algorithms", "ciphers ctos", ...).
    public func serverProposal() throws -> [String: [String]] {
        let output = try ssh([])
        guard let start = output.range(of: "peer server KEXINIT proposal") else {
            throw SSHTestError("ssh -vv printed no server proposal: \(output.suffix(800))")
        }
        var lists: [String: [String]] = [:]
        for line in output[start.upperBound...].split(whereSeparator: \.isNewline).prefix(12) {
            guard line.hasPrefix("debug2: "), let colon = line.firstIndex(of: ":"),
                let second = line[line.index(after: colon)...].firstIndex(of: ":")
            else { continue }
            let label = line[line.index(colon, offsetBy: 2)..<second].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: second)...].trimmingCharacters(in: .whitespaces)
            if lists[label] == nil { lists[label] = value.isEmpty ? [] : value.split(separator: ",").map(String.init) }
        }
        return lists
    }

    /// `ssh-keyscan -t TYPE` fingerprints (`ssh-keygen -lf -` of its lines).
    public func keyscanFingerprints(_ type: String, certificates: Bool = false) throws -> [String] {
        let scan = try runTool("/usr/bin/ssh-keyscan", (certificates ? ["-c"] : []) + ["-t", type, "-p", String(port), "127.0.0.1"])
        let lines = scan.output.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.isEmpty }
        guard !lines.isEmpty else { return [] }
        let printed = try runTool("/usr/bin/ssh-keygen", ["-lf", "-"], input: Data((lines.joined(separator: "\n") + "\n").utf8))
        return printed.output.split(separator: "\n").compactMap { $0.split(separator: " ").dropFirst().first.map(String.init) }
    }
}

/// Dropbear in the foreground on 127.0.0.1 and a free port, with Ed25519, ECDSA P-256 and RSA
/// host keys made by dropbearkey (no -R: it would make missing keys under /etc/dropbear).
public final class DropbearDaemon {
    public let port: Int
    public let daemon: Daemon
    public let keyFiles: [String: String]

    public init(directory: URL) throws {
        port = try LocalServer.freePort()
        var files: [String: String] = [:]
        for (type, size) in [("ed25519", nil), ("ecdsa", "256"), ("rsa", "2048")] as [(String, String?)] {
            let file = directory.appendingPathComponent("dropbear_\(type)").path
            if !FileManager.default.fileExists(atPath: file) {
                let made = try runTool("/usr/bin/dropbearkey", ["-t", type, "-f", file] + (size.map { ["-s", $0] } ?? []))
                guard made.status == 0 else { throw SSHTestError("dropbearkey: \(made.output)") }
            }
            files[type] = file
        }
        keyFiles = files
        daemon = try Daemon(
            "/usr/sbin/dropbear", ["-F", "-E", "-p", "127.0.0.1:\(port)"] + files.values.sorted().flatMap { ["-r", $0] }, port: port,
            log: directory.appendingPathComponent("dropbear-\(port).log"))
    }

    public var client: SSHClient { SSHClient(port: port) }

    /// The fingerprint (`SHA256:…`) of a key file, from `dropbearkey -y`'s public line.
    public func fingerprint(_ type: String) throws -> String {
        let result = try runTool("/usr/bin/dropbearkey", ["-y", "-f", keyFiles[type] ?? ""])
        guard let line = result.output.split(separator: "\n").first(where: { $0.hasPrefix("ssh-") || $0.hasPrefix("ecdsa-") }) else {
            throw SSHTestError("dropbearkey -y printed no public key: \(result.output)")
        }
        let printed = try runTool("/usr/bin/ssh-keygen", ["-lf", "-"], input: Data((line + "\n").utf8))
        return String(printed.output.split(separator: " ")[1])
    }
}

/// A test daemon or tool that did not do what the test needs, with what it said.
public struct SSHTestError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
