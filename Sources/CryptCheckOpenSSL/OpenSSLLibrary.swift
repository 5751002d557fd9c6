internal import COpenSSL

/// Facts about the linked OpenSSL library.
package enum OpenSSLLibrary {
    /// The version text of the library actually loaded (`OpenSSL 3.0.19 27 Jan 2026`).
    package static var version: String {
        String(cString: OpenSSL_version(OPENSSL_VERSION))
    }

    /// The major version number of the loaded library.
    package static var majorVersion: Int { Int(OPENSSL_version_major()) }

    /// Initialises OpenSSL without its exit handler. By default the first use registers
    /// `OPENSSL_cleanup` with `atexit`, which frees the library's global and thread state while
    /// probe threads of the worker pool may still be ending (their OpenSSL thread-state
    /// destructors run) or be inside a handshake (an exit after SIGINT): a double free that
    /// crashed about one fleet scan in ten at exit. The process ends anyway, so nothing needs
    /// freeing. Call first, before anything else touches OpenSSL.
    package static func initialiseWithoutExitHandler() {
        _ = OPENSSL_init_crypto(UInt64(OPENSSL_INIT_NO_ATEXIT), nil)
    }
}
