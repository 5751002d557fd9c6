internal import COpenSSL

/// OpenSSL's providers, loaded once before any algorithm is fetched.
///
/// Loading a provider explicitly turns off the implicit default one, so `default` is loaded
/// first and `legacy` (RC2, DES, MD5-based PBE, needed to open old keystores) after it. Every
/// fetch in this module goes through `ensureLoaded()` first: a fetch racing the loading could
/// otherwise find no provider at all.
enum Providers {
    private static let loaded: Bool = {
        _ = OSSL_PROVIDER_load(nil, "default")
        _ = OSSL_PROVIDER_load(nil, "legacy")
        return true
    }()

    static func ensureLoaded() { _ = loaded }
}
