internal import COpenSSL

/// OpenSSL's providers, loaded once before any algorithm is fetched.
///
/// Loading a provider explicitly turns off the implicit default one, so `default` is loaded
/// first and `legacy` (RC2, DES, MD5-based PBE, needed to open old keystores) after it. Every
/// fetch in this module goes through `ensureLoaded()` first: a fetch racing the loading could
/// otherwise find no provider at all.
enum Providers {
    /// The loaded providers, kept for the life of the process: holding the handles keeps
    /// what they own reachable after OpenSSL's own clean-up at exit, so LeakSanitizer (`make
    /// sanitize`, `make fuzz`) does not report them as leaked. nonisolated(unsafe): set once by
    /// Swift's thread-safe lazy initialisation and never read or changed afterwards.
    nonisolated(unsafe) private static let loaded: [OpaquePointer?] = [
        OSSL_PROVIDER_load(nil, "default"),
        OSSL_PROVIDER_load(nil, "legacy"),
    ]

    static func ensureLoaded() { _ = loaded }
}
