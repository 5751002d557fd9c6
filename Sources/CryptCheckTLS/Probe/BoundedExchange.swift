import CryptCheckModel

extension HandshakeProbe {
    /// A connection (`withConnection`) given to `body` as the `send` and `receive` an OpenSSL
    /// handshake over memory BIOs takes, within the probe's deadline; `receive` throws once the
    /// server has sent more than `readLimit` bytes in all.
    func withBoundedExchange<T>(
        _ body: (_ send: ([UInt8]) throws -> Void, _ receive: () throws -> [UInt8]) throws -> T
    ) throws -> T {
        try withConnection { connection, deadline in
            var received = 0
            return try body(
                { try connection.send($0, deadline: deadline) },
                {
                    let bytes = try connection.receive(deadline: deadline)
                    received += bytes.count
                    guard received <= HandshakeProbe.readLimit else {
                        throw ConnectionError(.connectionOversized, "the server sent too much", transient: false)
                    }
                    return bytes
                })
        }
    }
}
