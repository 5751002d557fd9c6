internal import COpenSSL
import CryptCheckModel

/// Message digests computed by OpenSSL's EVP interface.
public enum Digest {
    // Fetched once: `EVP_sha256()` makes OpenSSL 3 look the algorithm up, under a lock, on
    // every call. nonisolated(unsafe): the EVP_MD objects are immutable after the fetch and
    // OpenSSL documents them as safe to share between threads.
    nonisolated(unsafe) private static let sha256MD: OpaquePointer? = {
        Providers.ensureLoaded()
        return EVP_MD_fetch(nil, "SHA2-256", nil)
    }()
    nonisolated(unsafe) private static let sha1MD: OpaquePointer? = {
        Providers.ensureLoaded()
        return EVP_MD_fetch(nil, "SHA1", nil)
    }()

    /// SHA-256 of `bytes` as lower-case hex.
    public static func sha256Hex(_ bytes: [UInt8]) throws -> String {
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let ok = bytes.withUnsafeBufferPointer { input in
            EVP_Digest(input.baseAddress, input.count, &output, &length, sha256MD, nil)
        }
        guard ok == 1 else { throw OpenSSLError.drain("computing SHA-256") }
        return Hex.lower(output.prefix(Int(length)))
    }

    /// SHA-1 of `bytes` (for formats that use it structurally, such as JKS key protection).
    public static func sha1(_ bytes: [UInt8]) throws -> [UInt8] {
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let ok = bytes.withUnsafeBufferPointer { input in
            EVP_Digest(input.baseAddress, input.count, &output, &length, sha1MD, nil)
        }
        guard ok == 1 else { throw OpenSSLError.drain("computing SHA-1") }
        return Array(output.prefix(Int(length)))
    }
}
