/// Finite-field DH primes many servers share beyond the named groups of `KnownDHGroups`: one
/// precomputation of the number field sieve breaks every server that uses such a prime, which is
/// what makes a shared 1024-bit prime a Logjam target (Adrian et al., "Imperfect Forward
/// Secrecy", CCS 2015). By SHA-256 of the prime's big-endian bytes, no leading zero.
///
/// Where each came from (hashed with Python's hashlib, 2026-12-03):
/// - `rfc2409-group1`, `rfc2409-group2`: RFC 2409 6.1 and 6.2 (the First and Second Oakley
///   Groups), as OpenSSL's `BN_get_rfc2409_prime_768` and `BN_get_rfc2409_prime_1024` return
///   them; Apache httpd 2.4 picks the 1024-bit one for 1024-bit server keys.
/// - `mod_ssl-512`, `mod_ssl-1024`: the built-in temporary parameters of Apache httpd 2.0 and
///   2.2 mod_ssl (`modules/ssl/ssl_engine_dh.c`, `dh512_p` and `dh1024_p`), the most common
///   1024-bit prime in the Logjam study.
package enum CommonDHPrimes {
    package static let byPrimeSHA256: [String: String] = [
        "b52ba6a3026520a6c49d37e4587601801bee500123b3259b6bf03e7cecc3e63d": "rfc2409-group1",
        "3f35a3f5f6c4376a744acad409bb22f8d897f949d2311d885adaa890981b67a0": "rfc2409-group2",
        "3cdb020b9ef298b2f3f6cf5a872af527337bf7b9f654b2e70c49da16a4d24137": "mod_ssl-512",
        "f79d1db3c955a28fdeca462670a0712efee4b588c7858e4943883f903bd1354b": "mod_ssl-1024",
    ]

    /// The name of a prime by its SHA-256: a named group (`ffdhe2048`, `modp_2048`,
    /// `rfc5114-1`) or one of the widely shared primes above; `nil` for a prime of its own.
    package static func name(ofSHA256 hash: String) -> String? {
        KnownDHGroups.byPrimeSHA256[hash] ?? byPrimeSHA256[hash]
    }
}
