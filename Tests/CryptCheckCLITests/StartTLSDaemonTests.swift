import CryptCheckModel
import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// STARTTLS against real daemons from Debian, each started by the test in the foreground on a
/// loopback port with a configuration written into a temporary directory (as `Daemon.user` where
/// the daemon refuses root), stopped when the test ends, also on failure: what cryptcheck
/// observes must agree field by field with `openssl s_client -starttls` (`SClientAgreement`:
/// versions, suites, the chain). Each daemon sends the fixture chain (leaf, intermediate, root),
/// so the chain's order is compared too.
@Suite("STARTTLS against real daemons", .serialized)
struct StartTLSDaemonTests {
    /// Leaf (RSA 2048, the key below), intermediate and root.
    static let cert = LocalServer.fixtures + "/certs/chain-bundle.pem"
    static let key = LocalServer.fixtures + "/keys/rsa2048-pkcs1.pem"

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

    /// A daemon starts with no signal blocked, whatever the mask of the thread that
    /// starts it (`Daemon.command`): Foundation's `Process` hands a child the calling thread's
    /// mask, and vsftpd with SIGCHLD blocked never counts a child down. s_server is the daemon
    /// here because it leaves its mask as it found it (a shell would clear it).
    @Test func daemonsStartWithNoSignalBlocked() throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let port = try LocalServer.freePort()
        // Started from a thread with every signal blocked.
        var all = sigset_t(), saved = sigset_t()
        sigfillset(&all)
        pthread_sigmask(SIG_BLOCK, &all, &saved)
        let started = Result {
            try Daemon(
                "/usr/bin/openssl",
                [
                    "s_server", "-quiet", "-accept", "127.0.0.1:\(port)", "-cert", directory.path + "/cert.pem",
                    "-key", directory.path + "/key.pem",
                ], port: port, log: directory.appendingPathComponent("s_server.log"))
        }
        pthread_sigmask(SIG_SETMASK, &saved, nil)
        let daemon = try started.get()
        // "SigBlk:\t0000000000000000": a mask in hex, bit n-1 for signal n. (What s_server ignores
        // is its own doing: it ignores SIGPIPE.)
        var masks: [String: UInt64] = [:]
        for line in try String(contentsOfFile: "/proc/\(daemon.processID)/status", encoding: .utf8).split(separator: "\n")
        where line.hasPrefix("Sig") {
            let parts = line.split(separator: ":")
            masks[String(parts[0])] = UInt64(parts[1].trimmingCharacters(in: .whitespaces), radix: 16)
        }
        #expect(masks["SigBlk"] == 0, "\(masks) \(daemon.logText)")
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
        try SClientAgreement.expect("postgres://127.0.0.1:\(port)", sClient: "postgres", port: port, in: directory, log: { daemon.logText })
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
        try SClientAgreement.expect("ldap://127.0.0.1:\(port)", sClient: "ldap", port: port, in: directory, log: { daemon.logText })
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
        try SClientAgreement.expect("imap://127.0.0.1:\(imap)", sClient: "imap", port: imap, in: directory, log: { daemon.logText })
        try SClientAgreement.expect("pop3://127.0.0.1:\(pop3)", sClient: "pop3", port: pop3, in: directory, log: { daemon.logText })
        try SClientAgreement.expect("sieve://127.0.0.1:\(sieve)", sClient: "sieve", port: sieve, in: directory, log: { daemon.logText })
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
        let maillog = { (try? String(contentsOf: directory.appendingPathComponent("maillog"), encoding: .utf8)) ?? "" }
        let scanned = try SClientAgreement.expect(
            "smtp://127.0.0.1:\(master.port)", sClient: "smtp", port: port, in: directory, log: maillog)
        // `report --tls` with --starttls scans through the same preamble and reports what `tls` saw.
        let report = directory.appendingPathComponent("report-starttls.json").path
        let result = try CLI.run(["report", "--tls", "127.0.0.1:\(port)", "--starttls", "smtp", "--format", "json", "-o", report])
        #expect(result.status == 0 || result.status == 1, "\(result.stderr)\n\(maillog())")
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: report))) as? [String: Any])
        let endpoint = try #require(((document["evidence"] as? [String: Any])?["endpoints"] as? [[String: Any]])?.first)
        #expect(endpoint["endpoint"] as? String == "smtp://127.0.0.1:\(port)")
        #expect(endpoint["starttls"] as? String == "smtp")
        let accepted = (endpoint["versions"] as? [[String: Any]] ?? []).filter { $0["status"] as? String == "yes" }.compactMap {
            $0["version"] as? String
        }
        #expect(accepted == scanned.versions.filter { $0.status == .yes }.map(\.version.name), "\(accepted)")
    }

    @Test func mariaDB() throws {
        let directory = try Self.directory(owner: Daemon.user)
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = directory.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try Daemon.prepare("/usr/bin/chown", ["\(Daemon.user):\(Daemon.user)", data.path])
        let port = try LocalServer.freePort()
        // No system tables and no InnoDB (nothing is stored; it starts in well under a second),
        // only this configuration (--no-defaults), TLS as MariaDB's defaults leave it.
        let daemon = try Daemon(
            "/usr/sbin/mariadbd",
            [
                "--no-defaults", "--datadir=\(data.path)", "--socket=\(directory.path)/mysqld.sock",
                "--pid-file=\(directory.path)/mysqld.pid", "--bind-address=127.0.0.1", "--port=\(port)",
                "--skip-grant-tables", "--skip-innodb", "--default-storage-engine=Aria", "--skip-name-resolve",
                "--ssl-cert=\(directory.path)/cert.pem", "--ssl-key=\(directory.path)/key.pem",
            ], port: port, user: Daemon.user, log: directory.appendingPathComponent("mariadbd.log"))
        try SClientAgreement.expect("mysql://127.0.0.1:\(port)", sClient: "mysql", port: port, in: directory, log: { daemon.logText })
    }

    @Test func prosodyClientAndServerToServer() throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let client = try LocalServer.freePort(), server = try LocalServer.freePort()
        for name in ["data", "certs"] {
            try FileManager.default.createDirectory(at: directory.appendingPathComponent(name), withIntermediateDirectories: true)
        }
        let configuration = """
            daemonize = false
            data_path = "\(directory.path)/data"
            certificates = "\(directory.path)/certs"
            interfaces = { "127.0.0.1" }
            local_interfaces = { "127.0.0.1" }
            c2s_ports = { \(client) }
            s2s_ports = { \(server) }
            c2s_direct_tls_ports = { }
            s2s_direct_tls_ports = { }
            legacy_ssl_ports = { }
            log = { info = "*console" }
            modules_enabled = { "tls", "saslauth", "dialback", "disco" }
            modules_disabled = { "posix" }
            ssl = { certificate = "\(directory.path)/cert.pem", key = "\(directory.path)/key.pem" }
            VirtualHost "xmpp.example.test"

            """
        let file = directory.appendingPathComponent("prosody.cfg.lua")
        try configuration.write(to: file, atomically: true, encoding: .utf8)
        try Daemon.prepare("/usr/bin/chown", ["-R", "\(Daemon.user):\(Daemon.user)", directory.path])
        // Prosody refuses root; -F keeps it in the foreground.
        let daemon = try Daemon(
            "/usr/bin/prosody", ["-F", "--config", file.path], port: client, user: Daemon.user,
            log: directory.appendingPathComponent("prosody.log"))
        for _ in 0..<100 where !LocalServer.accepts(port: server) { usleep(50_000) }
        // The stream is opened to the virtual host: the target names it and connects to 127.0.0.1.
        let name = ["-xmpphost", "xmpp.example.test", "-servername", "xmpp.example.test"]
        try SClientAgreement.expect(
            "xmpp://xmpp.example.test:\(client){127.0.0.1}", sClient: "xmpp", port: client, extra: name, in: directory,
            log: { daemon.logText })
        try SClientAgreement.expect(
            "xmpp-server://xmpp.example.test:\(server){127.0.0.1}", sClient: "xmpp-server", port: server, extra: name,
            in: directory, log: { daemon.logText })
    }

    @Test func vsftpdAuthTLS() throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let port = try LocalServer.freePort()
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("empty"), withIntermediateDirectories: true)
        // A banner of several lines, one of them starting with digits, as a server's notice is.
        try "Test server of cryptcheck.\n220 lines may start with digits\n\nLast line.\n".write(
            to: directory.appendingPathComponent("banner.txt"), atomically: true, encoding: .utf8)
        // Standalone (listen) in the foreground (background=NO); every TLS version and suite
        // OpenSSL has (@SECLEVEL=0), as an old server configured for old clients is, so that
        // the comparison sees TLS 1.0 and 1.1 accepted and many suites at each version.
        let configuration = """
            listen=YES
            listen_ipv6=NO
            listen_address=127.0.0.1
            listen_port=\(port)
            background=NO
            anonymous_enable=NO
            local_enable=YES
            secure_chroot_dir=\(directory.path)/empty
            banner_file=\(directory.path)/banner.txt
            ssl_enable=YES
            ssl_tlsv1=YES
            rsa_cert_file=\(directory.path)/cert.pem
            rsa_private_key_file=\(directory.path)/key.pem
            ssl_ciphers=ALL:@SECLEVEL=0

            """
        let file = directory.appendingPathComponent("vsftpd.conf")
        try configuration.write(to: file, atomically: true, encoding: .utf8)
        let daemon = try Daemon("/usr/sbin/vsftpd", [file.path], port: port, log: directory.appendingPathComponent("vsftpd.log"))
        try SClientAgreement.expect("ftp://127.0.0.1:\(port)", sClient: "ftp", port: port, in: directory, log: { daemon.logText })
    }
}
