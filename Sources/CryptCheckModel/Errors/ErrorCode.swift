/// A stable, machine-readable code for an operational failure: a dotted family and a kebab-case
/// name (`der.truncated`, `connection.timeout`, `openssl.13.168`).
///
/// The message next to it is for a person and may change (it names positions, hosts and
/// files); the code does not, so tests, scripts and saved observations match on the code. The
/// set is open, like an OID registry: the known values are the `static let`s below, OpenSSL's
/// are built from its own library and reason codes, and a code this version does not know
/// (from a newer file) is kept as read. Codes are never derived from message text.
package struct ErrorCode: RawRepresentable, Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    package let rawValue: String
    package init(rawValue: String) { self.rawValue = rawValue }

    package var description: String { rawValue }

    /// The family: everything before the first dot (`der`, `tls`, `connection`, `openssl`).
    package var family: Substring { rawValue.prefix { $0 != "." } }

    package static func < (lhs: ErrorCode, rhs: ErrorCode) -> Bool { lhs.rawValue < rhs.rawValue }

    /// An error that carries no code of its own (a Foundation or system error passed through).
    package static let unknown = ErrorCode(rawValue: "unknown")

    /// The code of any error: its own when it is a `CodedError`, otherwise `unknown`.
    package static func of(_ error: any Error) -> ErrorCode {
        (error as? any CodedError)?.code ?? .unknown
    }
}

/// An error with a stable code. The error types stay in their modules (`FormatError`,
/// `TLSParseError`, `ConnectionError`, `OpenSSLError`, `KDFLimitExceeded`); their codes are
/// the vocabulary on `ErrorCode`, defined here once.
package protocol CodedError: Error {
    /// The stable code of this failure; the message (`description`) is for a person.
    var code: ErrorCode { get }
}

// MARK: - DER and the structures read from it (`FormatError`)

extension ErrorCode {
    /// The data ends inside a TLV header, a value or an OID.
    package static let derTruncated = ErrorCode(rawValue: "der.truncated")
    /// Bytes follow the structure that should fill the data.
    package static let derTrailingData = ErrorCode(rawValue: "der.trailing-data")
    /// A multi-byte (high-number) tag.
    package static let derUnsupportedTag = ErrorCode(rawValue: "der.unsupported-tag")
    /// A BER indefinite length, which DER forbids.
    package static let derIndefiniteLength = ErrorCode(rawValue: "der.indefinite-length")
    /// A length field that is empty or longer than four bytes.
    package static let derBadLength = ErrorCode(rawValue: "der.bad-length")
    /// Nesting deeper than the reader allows.
    package static let derTooDeep = ErrorCode(rawValue: "der.too-deep")
    /// A value of another type than the structure requires.
    package static let derUnexpectedTag = ErrorCode(rawValue: "der.unexpected-tag")
    /// A SEQUENCE with fewer fields than the structure requires.
    package static let derMissingFields = ErrorCode(rawValue: "der.missing-fields")
    /// A well-formed value out of its range (a negative or zero size, an OID arc too large).
    package static let derBadValue = ErrorCode(rawValue: "der.bad-value")
    /// A DER structure of none of the kinds the scanner reads.
    package static let derUnknownStructure = ErrorCode(rawValue: "der.unknown-structure")
    /// A DER structure with the shape of more than one kind.
    package static let derAmbiguousStructure = ErrorCode(rawValue: "der.ambiguous-structure")
    /// A certificate whose structure or fields cannot be read.
    package static let x509Malformed = ErrorCode(rawValue: "x509.malformed")
    /// A certificate time that is not a valid UTCTime or GeneralizedTime.
    package static let x509BadTime = ErrorCode(rawValue: "x509.bad-time")
    /// A key whose encoding does not fit its algorithm (length, missing curve).
    package static let keyMalformed = ErrorCode(rawValue: "key.malformed")
    /// Explicit elliptic-curve parameters that cannot be read.
    package static let ecParametersMalformed = ErrorCode(rawValue: "ec-parameters.malformed")
}

// MARK: - Files and containers (`FormatError`, `KDFLimitExceeded`)

extension ErrorCode {
    /// The file could not be opened.
    package static let fileCannotOpen = ErrorCode(rawValue: "file.cannot-open")
    /// The file's metadata could not be read.
    package static let fileCannotStat = ErrorCode(rawValue: "file.cannot-stat")
    /// The file could not be read.
    package static let fileCannotRead = ErrorCode(rawValue: "file.cannot-read")
    /// The path stopped being a regular file while it was scanned.
    package static let fileNotRegular = ErrorCode(rawValue: "file.not-regular")
    /// The file is (or grew) over the size cap (`--max-size`).
    package static let fileTooLarge = ErrorCode(rawValue: "file.too-large")
    /// A file named like key material holds no bytes.
    package static let fileEmpty = ErrorCode(rawValue: "file.empty")
    /// A symbolic link whose target does not exist.
    package static let fileBrokenSymlink = ErrorCode(rawValue: "file.broken-symlink")
    /// A directory that could not be listed.
    package static let fileCannotList = ErrorCode(rawValue: "file.cannot-list")
    /// A directory reached again through a symbolic link.
    package static let fileSymlinkLoop = ErrorCode(rawValue: "file.symlink-loop")
    /// Directories nested deeper than the walk goes.
    package static let fileTooDeep = ErrorCode(rawValue: "file.too-deep")
    /// A saved observation file that is not valid JSON or not in the observations' shape.
    package static let observationsInvalid = ErrorCode(rawValue: "observations.invalid")
    /// A PEM BEGIN line that is not well-formed.
    package static let pemBadBeginLine = ErrorCode(rawValue: "pem.bad-begin-line")
    /// A PEM block without its END line.
    package static let pemNoEndLine = ErrorCode(rawValue: "pem.no-end-line")
    /// A PEM block whose body is not base64.
    package static let pemBadBase64 = ErrorCode(rawValue: "pem.bad-base64")
    /// A PEM block with a label the scanner does not read.
    package static let pemUnsupportedBlock = ErrorCode(rawValue: "pem.unsupported-block")
    /// The count of further PEM blocks that failed past the number reported one by one.
    package static let pemMoreFailures = ErrorCode(rawValue: "pem.more-failures")
    /// A traditional encrypted PEM key without its DEK-Info header.
    package static let pemNoDEKInfo = ErrorCode(rawValue: "pem.no-dek-info")
    /// A PKCS#7 structure that cannot be read.
    package static let pkcs7Malformed = ErrorCode(rawValue: "pkcs7.malformed")
    /// A PKCS#12 structure that cannot be read.
    package static let pkcs12Malformed = ErrorCode(rawValue: "pkcs12.malformed")
    /// A PKCS#12 part of a kind the scanner does not open (public-key encrypted, unknown type).
    package static let pkcs12Unsupported = ErrorCode(rawValue: "pkcs12.unsupported")
    /// A password envelope (PBES1/PBES2, PBKDF2) without the parameters it needs.
    package static let envelopeMalformed = ErrorCode(rawValue: "envelope.malformed")
    /// An encrypted object that no given password opened.
    package static let envelopeNotOpened = ErrorCode(rawValue: "envelope.not-opened")
    /// A key derivation not run because it would pass the file's limit (`--max-kdf-iterations`).
    package static let kdfLimitExceeded = ErrorCode(rawValue: "kdf.limit-exceeded")
    /// A JKS or JCEKS keystore that cannot be read.
    package static let keystoreMalformed = ErrorCode(rawValue: "keystore.malformed")
    /// A keystore version, entry or certificate type the scanner does not read.
    package static let keystoreUnsupported = ErrorCode(rawValue: "keystore.unsupported")
    /// The keystore's integrity check failed with every password given.
    package static let keystoreWrongPassword = ErrorCode(rawValue: "keystore.wrong-password")
    /// A JCEKS password with non-ASCII characters (the format cannot use it).
    package static let keystorePasswordNotASCII = ErrorCode(rawValue: "keystore.password-not-ascii")
    /// An OpenSSH key or certificate that cannot be read.
    package static let sshMalformed = ErrorCode(rawValue: "ssh.malformed")
    /// An OpenSSH key whose fields do not fit its type (length, curve, point).
    package static let sshBadKey = ErrorCode(rawValue: "ssh.bad-key")
    /// An OpenSSH key or certificate of an algorithm the scanner does not know.
    package static let sshUnsupported = ErrorCode(rawValue: "ssh.unsupported")
}

// MARK: - SSH endpoints (`SSHWireError`)

extension ErrorCode {
    /// An SSH identification line or packet that breaks RFC 4253 (no `SSH-` line, a bad length).
    package static let sshWireMalformed = ErrorCode(rawValue: "ssh-wire.malformed")
    /// An SSH server sent more than the scanner reads (lines before the version, a packet).
    package static let sshWireOversized = ErrorCode(rawValue: "ssh-wire.oversized")
    /// An SSH server closed or disconnected where the exchange needed an answer.
    package static let sshWireClosed = ErrorCode(rawValue: "ssh-wire.closed")
    /// An SSH server speaks a protocol version other than 2.0 (or 1.99).
    package static let sshWireVersion = ErrorCode(rawValue: "ssh-wire.version")
    /// An SSH server's answer was well formed but not what the exchange allows.
    package static let sshWireUnexpected = ErrorCode(rawValue: "ssh-wire.unexpected")
    /// The signature over the exchange hash did not verify with the host key shown.
    package static let sshBadSignature = ErrorCode(rawValue: "ssh-wire.bad-signature")
    /// A method the scanner cannot run (a key exchange it does not implement).
    package static let sshWireUnsupported = ErrorCode(rawValue: "ssh-wire.unsupported")
}

// MARK: - TLS messages (`TLSParseError`)

extension ErrorCode {
    /// A TLS or SSLv2 message that ends before its fields do.
    package static let tlsTruncated = ErrorCode(rawValue: "tls.truncated")
    /// Bytes that are not a TLS record (content type or version), or not an SSLv2 record.
    package static let tlsNotARecord = ErrorCode(rawValue: "tls.not-a-record")
    /// A record, message or list longer than the reader accepts.
    package static let tlsOversized = ErrorCode(rawValue: "tls.oversized")
    /// A TLS or SSLv2 message whose fields are inconsistent.
    package static let tlsMalformed = ErrorCode(rawValue: "tls.malformed")
    /// A well-formed message the scanner does not read (explicit curve parameters).
    package static let tlsUnsupported = ErrorCode(rawValue: "tls.unsupported")
}

// MARK: - Connections (`ConnectionError`)

extension ErrorCode {
    /// The host name could not be resolved, or to no usable address.
    package static let connectionUnresolved = ErrorCode(rawValue: "connection.unresolved")
    /// The server refused the TCP connection.
    package static let connectionRefused = ErrorCode(rawValue: "connection.refused")
    /// No route to the host or network.
    package static let connectionUnreachable = ErrorCode(rawValue: "connection.unreachable")
    /// Connecting, sending or waiting for the server passed its deadline.
    package static let connectionTimeout = ErrorCode(rawValue: "connection.timeout")
    /// The connection was reset or broken while sending.
    package static let connectionReset = ErrorCode(rawValue: "connection.reset")
    /// Another system failure (no socket, a failed poll, send or receive).
    package static let connectionFailed = ErrorCode(rawValue: "connection.failed")
    /// The endpoint's time budget (`--endpoint-timeout`) ran out.
    package static let connectionBudgetExhausted = ErrorCode(rawValue: "connection.budget-exhausted")
    /// The run was interrupted (SIGINT) before this target was scanned or finished.
    package static let scanInterrupted = ErrorCode(rawValue: "scan.interrupted")
    /// The server sent more than a probe reads.
    package static let connectionOversized = ErrorCode(rawValue: "connection.oversized")
}

// MARK: - STARTTLS preambles (`StartTLSError`)

extension ErrorCode {
    /// The server does not upgrade to TLS: no STARTTLS capability, an error reply, `N` to
    /// PostgreSQL's SSLRequest, an LDAP result code other than success, an XMPP `<failure/>`.
    package static let starttlsRefused = ErrorCode(rawValue: "starttls.refused")
    /// The server's answer during the preamble is not the protocol's: a line too long, too many
    /// bytes, an unparsable reply, or bytes after the answer that lets TLS start.
    package static let starttlsMalformed = ErrorCode(rawValue: "starttls.malformed")
    /// A line of the targets file (`-f`) is not a target.
    package static let targetSyntax = ErrorCode(rawValue: "target.syntax")
}

// MARK: - Probes: failures that are answers no probe can interpret

extension ErrorCode {
    /// The server closed the connection without an alert where a refusal was not expected.
    package static let probeSilentClose = ErrorCode(rawValue: "probe.silent-close")
    /// The server answered with a choice that was not offered.
    package static let probeUnexpectedChoice = ErrorCode(rawValue: "probe.unexpected-choice")
    /// The server refused a hello it should have accepted, or with an unexpected alert.
    package static let probeUnexpectedRefusal = ErrorCode(rawValue: "probe.unexpected-refusal")
    /// The server answered without what the probe asked for (no group, no scheme, no parameters).
    package static let probeUnexpectedAnswer = ErrorCode(rawValue: "probe.unexpected-answer")
    /// The server's answers contradict each other (other suites accepted when offered together).
    package static let probeInconsistent = ErrorCode(rawValue: "probe.inconsistent")
    /// The probe had nothing it could offer (no known suite, a key share it cannot make).
    package static let probeCannotOffer = ErrorCode(rawValue: "probe.cannot-offer")
    /// The server chose a suite and then did not complete its first flight (an alert or a close
    /// before ServerHelloDone, or a message the suite needs missing): the suite is not accepted.
    package static let probeChosenThenFailed = ErrorCode(rawValue: "probe.chosen-then-failed")
    /// The attack's prerequisite is accepted, but whether it works depends on how the server
    /// implements it (a constant-time padding check, for LUCKY13), which a scan cannot see.
    package static let attackNotObservable = ErrorCode(rawValue: "attack.not-observable")
}

// MARK: - Full handshakes through OpenSSL (`OpenSSLError` found by cryptcheck)

extension ErrorCode {
    /// The handshake took more round trips than any real one does.
    package static let handshakeTooManyRounds = ErrorCode(rawValue: "handshake.too-many-rounds")
    /// The server closed the connection during the handshake.
    package static let handshakeClosed = ErrorCode(rawValue: "handshake.closed")
    /// The linked OpenSSL can do none of the suites the server accepted.
    package static let handshakeNoCommonSuite = ErrorCode(rawValue: "handshake.no-common-suite")
}

// MARK: - OpenSSL (`OpenSSLError`)

extension ErrorCode {
    /// OpenSSL's own code: `openssl.<library>.<reason>`, the numbers of `ERR_GET_LIB` and
    /// `ERR_GET_REASON` (`openssl.13.168` is ASN.1's "wrong tag"), stable across OpenSSL 3.
    package static func openSSL(library: Int32, reason: Int32) -> ErrorCode {
        ErrorCode(rawValue: "openssl.\(library).\(reason)")
    }

    /// An OpenSSL call failed and left nothing in the error queue.
    package static let openSSLNoReason = ErrorCode(rawValue: "openssl.no-reason")
}

// MARK: - CycloneDX BOMs given to `evaluate` (declared, not observed)

extension ErrorCode {
    /// The BOM is not valid JSON, too large or too deep, or not in CycloneDX's shape.
    package static let bomInvalid = ErrorCode(rawValue: "bom.invalid")
    /// The BOM carries no cryptographic asset (CycloneDX 1.4 and 1.5 have no such type).
    package static let bomNoCryptographicAssets = ErrorCode(rawValue: "bom.no-cryptographic-assets")
    /// An asset names an algorithm (by name or OID) the registry does not know.
    package static let bomUnknownAlgorithm = ErrorCode(rawValue: "bom.unknown-algorithm")
    /// An asset of a type, or a protocol, that cryptcheck does not judge.
    package static let bomUnsupportedAsset = ErrorCode(rawValue: "bom.unsupported-asset")
    /// An asset whose fields are missing or of the wrong type, or a reference to no asset.
    package static let bomMalformedAsset = ErrorCode(rawValue: "bom.malformed-asset")

    /// A code about a BOM or one of its assets: its finding is declared, and not judged.
    package var isDeclaredAsset: Bool { rawValue.hasPrefix("bom.") }
}
