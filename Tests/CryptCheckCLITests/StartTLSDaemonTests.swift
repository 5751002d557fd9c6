import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// STARTTLS against real daemons from Debian, each started by the test in the foreground on a
/// loopback port with a configuration written into a temporary directory: what cryptcheck
/// reports must agree with `openssl s_client -starttls` (the negotiated version is the highest
/// accepted, its suite is among those accepted for that version, at TLS 1.3 and at TLS 1.2, and
/// the leaf certificate's SHA-256 is the same).
@Suite("STARTTLS against real daemons", .serialized)
struct StartTLSDaemonTests {
    static let cert = LocalServer.fixtures + "/certs/rsa2048-sha256.pem"
    static let key = LocalServer.fixtures + "/keys/rsa2048-pkcs1.pem"

    /// What one `openssl s_client` handshake negotiated.
    struct Negotiated {
        let version: String
        let cipher: String
        let leafSHA256: String
    }

    /// Runs `openssl` with `arguments` and standard input closed; its standard output.
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

    /// `openssl s_client -starttls NAME` to 127.0.0.1:`port`, with `extra` options (`-tls1_2`).
    static func sClient(_ name: String, port: Int, extra: [String] = []) throws -> Negotiated {
        let output = try openssl(["s_client", "-starttls", name, "-connect", "127.0.0.1:\(port)"] + extra)
        let line = try #require(output.split(separator: "\n").first { $0.hasPrefix("New, ") }, "s_client -starttls \(name): \(output)")
        // "New, TLSv1.3, Cipher is TLS_AES_256_GCM_SHA384"
        let parts = line.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let version = parts[1]
        let cipher = String(parts[2].dropFirst("Cipher is ".count))
        let begin = try #require(output.range(of: "-----BEGIN CERTIFICATE-----"), "s_client -starttls \(name) \(extra): \(output)")
        let end = try #require(output.range(of: "-----END CERTIFICATE-----"))
        let pem = String(output[begin.lowerBound..<end.upperBound]) + "\n"
        let fingerprint = try openssl(["x509", "-noout", "-fingerprint", "-sha256"], input: pem)
        let hex = fingerprint.split(separator: "=").last.map { $0.replacingOccurrences(of: ":", with: "").lowercased() } ?? ""
        return Negotiated(version: version, cipher: cipher, leafSHA256: hex.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// OpenSSL's suite names to IANA's (`openssl ciphers -stdname`).
    static func standardNames() throws -> [String: String] {
        var names: [String: String] = [:]
        for line in try openssl(["ciphers", "-stdname", "ALL:@SECLEVEL=0"]).split(separator: "\n") {
            let fields = line.split(separator: " ")
            // "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 - ECDHE-RSA-AES256-GCM-SHA384 TLSv1.2 ..."
            if fields.count >= 3, fields[1] == "-" { names[String(fields[2])] = String(fields[0]) }
        }
        return names
    }

    /// Scans `target` with cryptcheck and checks it against s_client `-starttls name` at
    /// TLS 1.3 and TLS 1.2.
    static func expectAgreement(
        _ target: String, sClientName name: String, port: Int, in directory: URL, daemon: Daemon
    ) throws {
        try expectAgreement(target, sClientName: name, port: port, in: directory, log: { daemon.logText })
    }

    /// As above, with the daemon's log read by `log` for failure messages.
    static func expectAgreement(
        _ target: String, sClientName name: String, port: Int, in directory: URL, log: () -> String
    ) throws {
        let report = directory.appendingPathComponent("report-\(name).json").path
        let saved = directory.appendingPathComponent("observations-\(name).json").path
        let result = try CLI.run([target, "--format", "json", "-o", report, "--save-observations", saved])
        #expect(result.status == 0 || result.status == 1, "\(name): exit \(result.status): \(result.stderr)\n\(log())")
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: report))) as? [String: Any])
        let endpoint = try #require(((document["evidence"] as? [String: Any])?["endpoints"] as? [[String: Any]])?.first)
        #expect(endpoint["starttls"] as? String != nil, "\(name)")
        let accepted = (endpoint["versions"] as? [[String: Any]] ?? []).filter { $0["status"] as? String == "yes" }.compactMap {
            $0["version"] as? String
        }
        var suites: [String: [String]] = [:]
        for entry in endpoint["suites"] as? [[String: Any]] ?? [] {
            suites[entry["version"] as? String ?? ""] = (entry["suites"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        }
        let observations = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: saved))) as? [String: Any])
        let observed = try #require((observations["endpoints"] as? [[String: Any]])?.first)
        let chains = observed["certificateChains"] as? [[String: Any]] ?? []
        let leaves = chains.compactMap { ($0["certificates"] as? [[String: Any]])?.first?["sha256Fingerprint"] as? String }

        let newest: Negotiated
        do {
            newest = try sClient(name, port: port)
        } catch {
            Issue.record("\(name): the daemon's log: \(log())")
            throw error
        }
        #expect(newest.version == "TLSv1.3" && accepted.last == "TLSv1.3", "\(name): s_client \(newest.version), cryptcheck \(accepted)")
        #expect(suites["TLSv1.3"]?.contains(newest.cipher) == true, "\(name): \(newest.cipher) not in \(suites["TLSv1.3"] ?? [])")
        #expect(leaves.contains(newest.leafSHA256), "\(name): leaf \(newest.leafSHA256) not in \(leaves)")
        let tls12 = try sClient(name, port: port, extra: ["-tls1_2"])
        let standard = try standardNames()[tls12.cipher]
        #expect(tls12.version == "TLSv1.2" && accepted.contains("TLSv1.2"), "\(name): \(tls12.version) \(accepted)")
        #expect(
            standard != nil && suites["TLSv1.2"]?.contains(standard ?? "") == true,
            "\(name): \(tls12.cipher) not in \(suites["TLSv1.2"] ?? [])")
        #expect(leaves.contains(tls12.leafSHA256), "\(name)")
    }

    /// A temporary directory with the test certificate and key, owned by `owner` when given.
    static func directory(owner: String? = nil) throws -> URL {
        let directory = try CLI.temporaryDirectory()
        try FileManager.default.copyItem(atPath: cert, toPath: directory.appendingPathComponent("cert.pem").path)
        try FileManager.default.copyItem(atPath: key, toPath: directory.appendingPathComponent("key.pem").path)
        chmod(directory.appendingPathComponent("key.pem").path, 0o600)
        if let owner {
            try Daemon.prepare("/usr/bin/chown", ["-R", "\(owner):\(owner)", directory.path])
        }
        return directory
    }

    @Test func postgreSQL() throws {
        let directory = try Self.directory(owner: Daemon.user)
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = directory.appendingPathComponent("data").path
        try Daemon.prepare("/usr/lib/postgresql/15/bin/initdb", ["-D", data, "-A", "trust", "-U", "postgres"], user: Daemon.user)
        let port = try LocalServer.freePort()
        let daemon = try Daemon(
            "/usr/lib/postgresql/15/bin/postgres",
            [
                "-D", data, "-h", "127.0.0.1", "-p", String(port), "-k", directory.path, "-c", "ssl=on",
                "-c", "ssl_cert_file=\(directory.path)/cert.pem", "-c", "ssl_key_file=\(directory.path)/key.pem",
            ], port: port, user: Daemon.user, log: directory.appendingPathComponent("postgres.log"))
        try Self.expectAgreement("postgres://127.0.0.1:\(port)", sClientName: "postgres", port: port, in: directory, daemon: daemon)
    }

    @Test func slapd() throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("db"), withIntermediateDirectories: true)
        let configuration = """
            include /etc/ldap/schema/core.schema
            pidfile \(directory.path)/slapd.pid
            modulepath /usr/lib/ldap
            moduleload back_mdb
            TLSCertificateFile \(directory.path)/cert.pem
            TLSCertificateKeyFile \(directory.path)/key.pem
            database mdb
            suffix "dc=example,dc=test"
            directory \(directory.path)/db

            """
        let file = directory.appendingPathComponent("slapd.conf")
        try configuration.write(to: file, atomically: true, encoding: .utf8)
        let port = try LocalServer.freePort()
        let daemon = try Daemon(
            "/usr/sbin/slapd", ["-d", "0", "-f", file.path, "-h", "ldap://127.0.0.1:\(port)/"], port: port,
            log: directory.appendingPathComponent("slapd.log"))
        try Self.expectAgreement("ldap://127.0.0.1:\(port)", sClientName: "ldap", port: port, in: directory, daemon: daemon)
    }

    @Test func dovecotIMAPPOP3AndManageSieve() throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let imap = try LocalServer.freePort(), pop3 = try LocalServer.freePort(), sieve = try LocalServer.freePort()
        let configuration = """
            protocols = imap pop3 sieve
            listen = 127.0.0.1
            base_dir = \(directory.path)/run
            state_dir = \(directory.path)/state
            log_path = /dev/stderr
            ssl = yes
            ssl_cert = <\(directory.path)/cert.pem
            ssl_key = <\(directory.path)/key.pem
            ssl_dh = <\(directory.path)/dh.pem
            passdb {
              driver = static
              args = password=unused
            }
            userdb {
              driver = static
              args = uid=\(Daemon.user) gid=\(Daemon.user) home=\(directory.path)/home
            }
            service imap-login {
              # One login process for every connection of the scan (the default of one process per
              # connection reaches process_limit while a scan's connections close).
              service_count = 0
              client_limit = 1000
              inet_listener imap {
                port = \(imap)
              }
              inet_listener imaps {
                port = 0
              }
            }
            service pop3-login {
              # One login process for every connection of the scan (the default of one process per
              # connection reaches process_limit while a scan's connections close).
              service_count = 0
              client_limit = 1000
              inet_listener pop3 {
                port = \(pop3)
              }
              inet_listener pop3s {
                port = 0
              }
            }
            service managesieve-login {
              # One login process for every connection of the scan (the default of one process per
              # connection reaches process_limit while a scan's connections close).
              service_count = 0
              client_limit = 1000
              inet_listener sieve {
                port = \(sieve)
              }
            }

            """
        // Without DH parameters Dovecot closes every handshake where it picks a DHE suite (its
        // log says so), and the suite enumeration reads such a chunk as refused; s_client, which
        // it answers with ECDHE, then disagrees. Configured as a real server is.
        try Daemon.prepare(
            "/usr/bin/openssl",
            ["genpkey", "-genparam", "-algorithm", "DH", "-pkeyopt", "group:ffdhe2048", "-out", directory.path + "/dh.pem"])
        let file = directory.appendingPathComponent("dovecot.conf")
        try configuration.write(to: file, atomically: true, encoding: .utf8)
        // Dovecot's default (one login process per connection) is not how a busy server runs.
        let daemon = try Daemon(
            "/usr/sbin/dovecot", ["-F", "-c", file.path], port: imap, log: directory.appendingPathComponent("dovecot.log"))
        for _ in 0..<100 where !(LocalServer.accepts(port: pop3) && LocalServer.accepts(port: sieve)) { usleep(50_000) }
        try Self.expectAgreement("imap://127.0.0.1:\(imap)", sClientName: "imap", port: imap, in: directory, daemon: daemon)
        try Self.expectAgreement("pop3://127.0.0.1:\(pop3)", sClientName: "pop3", port: pop3, in: directory, daemon: daemon)
        try Self.expectAgreement("sieve://127.0.0.1:\(sieve)", sClientName: "sieve", port: sieve, in: directory, daemon: daemon)
    }

    @Test func postfixSMTP() throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let port = try LocalServer.freePort()
        let main = """
            compatibility_level = 3.6
            queue_directory = \(directory.path)/queue
            data_directory = \(directory.path)/data
            inet_interfaces = 127.0.0.1
            inet_protocols = ipv4
            myhostname = mail.example.test
            mydestination =
            maillog_file_prefixes = \(directory.path)
            maillog_file = \(directory.path)/maillog
            smtpd_tls_cert_file = \(directory.path)/cert.pem
            smtpd_tls_key_file = \(directory.path)/key.pem
            smtpd_tls_security_level = may

            """
        // Only what an SMTP server that accepts STARTTLS needs; no chroot (the temporary directory).
        let services = [
            "127.0.0.1:\(port) inet n - n - - smtpd", "cleanup unix n - n - 0 cleanup", "qmgr unix n - n 300 1 qmgr",
            "tlsmgr unix - - n 1000? 1 tlsmgr", "rewrite unix - - n - - trivial-rewrite", "bounce unix - - n - 0 bounce",
            "defer unix - - n - 0 bounce", "trace unix - - n - 0 bounce", "proxymap unix - - n - - proxymap",
            "anvil unix - - n - 1 anvil", "scache unix - - n - 1 scache", "postlog unix-dgram n - n - 1 postlogd",
        ]
        try main.write(to: directory.appendingPathComponent("main.cf"), atomically: true, encoding: .utf8)
        try (services.joined(separator: "\n") + "\n").write(
            to: directory.appendingPathComponent("master.cf"), atomically: true, encoding: .utf8)
        // The queue directory is root's, the data directory the mail owner's; `postfix check`
        // creates the queue's subdirectories with their owners.
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("queue"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("data"), withIntermediateDirectories: true)
        try Daemon.prepare("/usr/bin/chown", ["postfix", directory.appendingPathComponent("data").path])
        try Daemon.prepare("/usr/sbin/postfix", ["-c", directory.path, "check"])
        // master(8) in the foreground (-d), in a session of its own (`DetachedDaemon`).
        let master = try DetachedDaemon(
            "/usr/lib/postfix/sbin/master", ["-c", directory.path, "-d"], port: port,
            pidFile: directory.appendingPathComponent("queue/pid/master.pid"), log: directory.appendingPathComponent("master.log"))
        try Self.expectAgreement(
            "smtp://127.0.0.1:\(master.port)", sClientName: "smtp", port: port, in: directory,
            log: { (try? String(contentsOf: directory.appendingPathComponent("maillog"), encoding: .utf8)) ?? "" })
    }
}
