internal import COpenSSL

/// Random bytes for what a probe sends (client randoms, challenges, padding): from OpenSSL's
/// DRBG, one call for the lot. Drawing them a byte at a time from `SystemRandomNumberGenerator`
/// made a `getrandom` system call per byte, 64 for each ClientHello of a scan.
package enum RandomBytes {
    package static func make(_ count: Int) -> [UInt8] {
        guard count > 0 else { return [] }
        var bytes = [UInt8](repeating: 0, count: count)
        let drawn = bytes.withUnsafeMutableBufferPointer { RAND_bytes($0.baseAddress, Int32($0.count)) }
        if drawn != 1 {
            // OpenSSL's generator could not be seeded: the system's, eight bytes a draw.
            var generator = SystemRandomNumberGenerator()
            for start in stride(from: 0, to: count, by: 8) {
                withUnsafeBytes(of: generator.next()) { word in
                    for (offset, byte) in word.prefix(count - start).enumerated() { bytes[start + offset] = byte }
                }
            }
        }
        return bytes
    }

    /// `count` random bytes none of which is zero (PKCS #1 v1.5 padding).
    package static func nonzero(_ count: Int) -> [UInt8] {
        var bytes = make(count)
        for index in bytes.indices where bytes[index] == 0 {
            while bytes[index] == 0 { bytes[index] = make(1)[0] }
        }
        return bytes
    }
}
