internal import COpenSSL

/// Facts about the linked OpenSSL library.
public enum OpenSSLLibrary {
    /// The version text of the library actually loaded (`OpenSSL 3.0.19 27 Jan 2026`).
    public static var version: String {
        String(cString: OpenSSL_version(OPENSSL_VERSION))
    }

    /// The major version number of the loaded library.
    public static var majorVersion: Int { Int(OPENSSL_version_major()) }
}
