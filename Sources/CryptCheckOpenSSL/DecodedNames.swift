internal import COpenSSL
import CryptCheckModel
import Synchronization

/// X.509 names decoded by OpenSSL, with their RFC 2253 text, kept by their DER for the rest of
/// the run (the certificate reader keeps issuers): most certificates of a tree share their
/// issuer's name, and decoding a name (`d2i_X509_NAME`, which also computes its canonical form)
/// and printing it cost more than the rest of reading a certificate's fields. Bounded: emptied
/// when it holds `capacity`; left for the rest of the run when names rarely repeat.
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

    private struct State {
        var names: [[UInt8]: Name] = [:]
        /// Once names have rarely repeated (a tree of self-signed certificates), looking them
        /// up costs more than decoding them, every time: the cache is left for the run.
        var usage = CacheUsage(trialLookups: DecodedNames.trialLookups)
    }

    private let state = Mutex(State())
    /// Whether the cache was left (for tests).
    var bypassed: Bool { state.withLock { $0.usage.notWorthKeeping } }
    /// Lookups after which the cache is judged (`CacheUsage`).
    static let trialLookups = 1024

    /// The name encoded as exactly `der` (one complete Name), or nil when OpenSSL cannot read
    /// it (its error left on the queue for the caller to drain).
    func name(_ der: ArraySlice<UInt8>) -> Name? {
        let key = Array(der)
        let known = state.withLock { state -> Name?? in
            if state.usage.notWorthKeeping { return .none }
            let name = state.names[key]
            state.usage.record(hit: name != nil)
            if state.usage.notWorthKeeping { state.names.removeAll() }
            return .some(name)
        }
        switch known {
        case .none: return Self.decode(der)
        case .some(.some(let name)): return name
        case .some(.none): break
        }
        guard let name = Self.decode(der) else { return nil }
        state.withLock { state in
            guard !state.usage.notWorthKeeping else { return }
            if state.names.count >= Self.capacity { state.names.removeAll(keepingCapacity: true) }
            state.names[key] = name
        }
        return name
    }

    /// The name encoded as exactly `der`, decoded now and not kept.
    static func decode(_ der: ArraySlice<UInt8>) -> Name? {
        CertificateFields.decode(der, d2i_X509_NAME, free: X509_NAME_free).map(Name.init)
    }
}
