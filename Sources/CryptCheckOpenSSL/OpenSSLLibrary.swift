internal import COpenSSL

/// Facts about the linked OpenSSL library.
package enum OpenSSLLibrary {
    /// The version text of the library actually loaded (`OpenSSL 3.0.19 27 Jan 2026`).
    package static var version: String {
        String(cString: OpenSSL_version(OPENSSL_VERSION))
    }

    /// The major version number of the loaded library.
    package static var majorVersion: Int { Int(OPENSSL_version_major()) }
}
