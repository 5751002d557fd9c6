internal import COpenSSL
import Foundation
import Synchronization

/// Verifies a certificate chain with OpenSSL: trust against the system store (and an extra CA
/// file), at a given time, and whether the leaf names a host.
package enum ChainVerifier {
    package struct Result: Sendable, Hashable {
        /// Whether a path to a trusted root was built and every signature and date checked.
        package let trusted: Bool
        /// OpenSSL's reason when not trusted (`self-signed certificate`, `certificate has expired`).
        package let reason: String?
        /// Whether path building stopped because a certificate's issuer was neither sent nor in
        /// the trust store: the chain is incomplete (or ends at an unknown root). Other failures
        /// (expiry, an untrusted self-signed root) come after a complete path was built.
        package let issuerMissing: Bool

        package init(trusted: Bool, reason: String?, issuerMissing: Bool = false) {
            self.trusted = trusted
            self.reason = reason
            self.issuerMissing = issuerMissing
        }
    }

    /// `chain` is DER, leaf first, as the server sent it.
    package static func verify(chain: [[UInt8]], caFile: String?, at time: Date) throws -> Result {
        Providers.ensureLoaded()
        ERR_clear_error()
        guard !chain.isEmpty else { return Result(trusted: false, reason: "no certificate") }
        let certificates = try chain.map { try X509Certificate(der: $0) }
        let store = try Self.store(caFile: caFile)
        guard let untrusted = cc_sk_X509_new_null(), let context = X509_STORE_CTX_new() else {
            throw OpenSSLError.drain("creating a verification context")
        }
        defer {
            X509_STORE_CTX_free(context)
            cc_sk_X509_free(untrusted)
        }
        // The X509 objects must outlive the context that points at them.
        return try withExtendedLifetime(certificates) {
            for certificate in certificates.dropFirst() { _ = certificate.withHandle { cc_sk_X509_push(untrusted, $0) } }
            let initialised = certificates[0].withHandle { X509_STORE_CTX_init(context, store, $0, untrusted) }
            guard initialised == 1 else { throw OpenSSLError.drain("initialising chain verification") }
            X509_VERIFY_PARAM_set_time(X509_STORE_CTX_get0_param(context), time_t(time.timeIntervalSince1970))
            let verified = X509_verify_cert(context) == 1
            let code = X509_STORE_CTX_get_error(context)
            let reason = verified ? nil : String(cString: X509_verify_cert_error_string(Int(code)))
            let missing =
                !verified && (code == X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY || code == X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT)
            return Result(trusted: verified, reason: reason, issuerMissing: missing)
        }
    }

    /// A trust store: the system's (its CA bundle and hashed directory) and `caFile`, loaded
    /// once per process and CA file. Loading parses the whole bundle (about 150 certificates,
    /// tens of milliseconds), which every chain of every endpoint would otherwise pay again; an
    /// `X509_STORE` is safe to verify against from several threads at once (OpenSSL 1.1 on).
    /// The stores live as long as the process.
    private static func store(caFile: String?) throws -> OpaquePointer {
        try stores.withLock { stores in
            if let store = stores[caFile] { return store.pointer }
            guard let store = X509_STORE_new() else { throw OpenSSLError.drain("creating a certificate store") }
            X509_STORE_set_default_paths(store)
            if let caFile {
                guard X509_STORE_load_file(store, caFile) == 1 else {
                    X509_STORE_free(store)
                    throw OpenSSLError.drain("loading the CA file \(caFile)")
                }
            }
            stores[caFile] = Store(pointer: store)
            return store
        }
    }

    /// A loaded store, shared read-only between threads after it is made.
    private struct Store: @unchecked Sendable { let pointer: OpaquePointer }
    private static let stores = Mutex<[String?: Store]>([:])

    /// Whether the leaf's subjectAltName (or CN) matches `host`, a DNS name or an IP address.
    package static func matches(leaf: [UInt8], host: String) throws -> Bool {
        let certificate = try X509Certificate(der: leaf)
        return certificate.withHandle { handle in
            if host.contains(":") || host.split(separator: ".").allSatisfy({ Int($0) != nil }) {
                return X509_check_ip_asc(handle, host, 0) == 1
            }
            return X509_check_host(handle, host, host.utf8.count, 0, nil) == 1
        }
    }
}
