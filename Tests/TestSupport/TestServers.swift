import Foundation

/// Misbehaving scripted servers several suites need, and nginx in a temporary prefix.
extension FakeServer {
    /// Starts a TLS record after the hello and trickles it a byte at a time, past any timeout.
    public static func trickling() throws -> FakeServer {
        try FakeServer { _, connection in
            _ = connection.read()
            connection.write([0x16, 0x03, 0x03, 0x00, 0x40])
            for _ in 0..<40 {
                connection.write([0x02])
                connection.stall(0.05)
            }
        }
    }

    /// Floods the client with 1.3 MB of application-data records after the hello.
    public static func flooding() throws -> FakeServer {
        try FakeServer { _, connection in
            _ = connection.read()
            let record = [0x17, 0x03, 0x03, 0x40, 0x00] + [UInt8](repeating: 0xAB, count: 16_384)
            for _ in 0..<80 { connection.write(record) }
        }
    }
}

extension LocalServer {
    /// nginx in foreground on 127.0.0.1 with a configuration written into `directory`; `servers`
    /// gives the `server { }` blocks of the http section for the port nginx listens on.
    public static func nginx(in directory: URL, servers: (Int) -> String) throws -> LocalServer {
        try LocalServer(executable: "/usr/sbin/nginx") { port in
            let configuration = """
                daemon off;
                master_process off;
                pid \(directory.path)/nginx.pid;
                error_log \(directory.path)/error.log;
                events {}
                http {
                    access_log off;
                    client_body_temp_path \(directory.path)/body;
                    proxy_temp_path \(directory.path)/proxy;
                    fastcgi_temp_path \(directory.path)/fastcgi;
                    uwsgi_temp_path \(directory.path)/uwsgi;
                    scgi_temp_path \(directory.path)/scgi;
                \(servers(port))
                }
                """
            let path = directory.appendingPathComponent("nginx.conf").path
            try configuration.write(toFile: path, atomically: true, encoding: .utf8)
            return ["-c", path, "-p", directory.path, "-e", directory.appendingPathComponent("error.log").path]
        }
    }
}
