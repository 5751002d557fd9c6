internal import COpenSSL

/// Message digests computed by OpenSSL's EVP interface.
public enum Digest {
    /// SHA-256 of `bytes` as lower-case hex.
    public static func sha256Hex(_ bytes: [UInt8]) throws -> String {
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let ok = bytes.withUnsafeBufferPointer { input in
            EVP_Digest(input.baseAddress, input.count, &output, &length, EVP_sha256(), nil)
        }
        guard ok == 1 else { throw OpenSSLError.drain("computing SHA-256") }
        return output.prefix(Int(length)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// SHA-1 of `bytes` (for formats that use it structurally, such as JKS key protection).
    public static func sha1(_ bytes: [UInt8]) throws -> [UInt8] {
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let ok = bytes.withUnsafeBufferPointer { input in
            EVP_Digest(input.baseAddress, input.count, &output, &length, EVP_sha1(), nil)
        }
        guard ok == 1 else { throw OpenSSLError.drain("computing SHA-1") }
        return Array(output.prefix(Int(length)))
    }
}
