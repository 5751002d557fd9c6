internal import COpenSSL
import Synchronization

/// X.509 names decoded by OpenSSL, with their RFC 2253 text, kept by their DER for the rest of
/// the run (the certificate reader keeps issuers): most certificates of a tree share their
/// issuer's name, and decoding a name (`d2i_X509_NAME`, which also computes its canonical form)
/// and printing it cost more than the rest of reading a certificate's fields. Bounded: emptied
/// when it holds `capacity`.
///
/// A decoded name is only read after `d2i` (compared with `X509_NAME_cmp`, which uses the
/// canonical form `d2i` computed, and printed), which OpenSSL allows from several threads.
final class DecodedNames: Sendable {
    /// One decoded name; freed when no cache entry or caller holds it.
    final class Name: @unchecked Sendable {
        let pointer: OpaquePointer
        /// RFC 2253 one-line text.
        let text: String

        fileprivate init(_ pointer: OpaquePointer) {
            self.pointer = pointer
            text = X509Certificate.name(pointer)
        }

        deinit { X509_NAME_free(pointer) }
    }

    static let shared = DecodedNames()
    static let capacity = 4096

    private let names = Mutex<[[UInt8]: Name]>([:])

    /// The name encoded as exactly `der` (one complete Name), or nil when OpenSSL cannot read
    /// it (its error left on the queue for the caller to drain).
    func name(_ der: ArraySlice<UInt8>) -> Name? {
        let key = Array(der)
        if let known = names.withLock({ $0[key] }) { return known }
        guard let name = Self.decode(der) else { return nil }
        names.withLock { names in
            if names.count >= Self.capacity { names.removeAll(keepingCapacity: true) }
            names[key] = name
        }
        return name
    }

    /// The name encoded as exactly `der`, decoded now and not kept.
    static func decode(_ der: ArraySlice<UInt8>) -> Name? {
        CertificateFields.decode(der, d2i_X509_NAME, free: X509_NAME_free).map(Name.init)
    }
}
