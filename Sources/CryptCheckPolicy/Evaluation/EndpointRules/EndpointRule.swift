import CryptCheckModel

/// One judgement of a TLS endpoint, described the way zlint describes a lint: a stable id, what
/// it checks, the document it rests on, and the check itself. Every rule is a file of its own
/// in this folder; `EndpointRule.all` runs them in order.
struct EndpointRule: Sendable {
    /// Which endpoints a rule judges: one where no hello got a ServerHello gets only the
    /// `.noHandshake` rules, every other endpoint only the `.handshake` rules.
    enum Scope: Sendable {
        case noHandshake, handshake
    }

    /// A stable kebab-case name (`protocol-version`), listed in ARCHITECTURE.md.
    let id: String
    /// One line: what the rule judges.
    let description: String
    /// The document, section or RFC the rule rests on (`GL-3001 …`, `LS-0001`, `RFC 5280 6`).
    let citation: String
    let scope: Scope
    /// The findings for one endpoint, in the order they are reported.
    let check: @Sendable (Judge, TLSEndpointObservation) -> [Finding]
}
