import CryptCheckModel

/// An SSH public key or certificate blob as other modules meet it (a host key an SSH server
/// sends): the key's facts, and the certificate's when the blob is one. The same readers as
/// `.pub` files and known_hosts lines.
package enum SSHPublicKeyBlob {
    package static func read(_ blob: [UInt8]) throws -> (key: KeyFacts, certificate: SSHCertificateFacts?) {
        var buffer = SSHKeyReader.Buffer(bytes: blob)
        let type = try buffer.text()
        if SSHCertificateReader.isCertificateType(type) {
            let (key, certificate) = try SSHCertificateReader.read(blob)
            return (key, certificate)
        }
        return (try SSHKeyReader.keyFields(type: type, from: &buffer), nil)
    }
}
