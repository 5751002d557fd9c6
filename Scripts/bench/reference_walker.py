#!/usr/bin/env python3
"""Reference walker for `make bench-files`: walks a tree and extracts the facts cryptcheck
reports (kind, key algorithm and size or curve; for certificates names, serial, validity,
signature algorithm and hash, SHA-256 fingerprint, CA flag, self-signed and subjectAltName;
PKCS#12 and encrypted keys as far as pyca/cryptography can without a password)
with pyca/cryptography, one file at a time, the way a straightforward script would.

usage: reference_walker.py DIR [--validate-keys]   -> prints "files N items M errors E"

Without --validate-keys, RSA private keys are loaded with unsafe_skip_rsa_key_validation, so
the walker does the same work as cryptcheck (which reads key facts, never checks key
consistency); with it, pyca's default (a full RSA consistency check per key) is measured.
"""
import hashlib
import os
import sys

import warnings

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import dsa, ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs7, pkcs12


def key_facts(key):
    if isinstance(key, (rsa.RSAPublicKey, rsa.RSAPrivateKey, dsa.DSAPublicKey, dsa.DSAPrivateKey)):
        return (type(key).__name__, key.key_size)
    if isinstance(key, (ec.EllipticCurvePublicKey, ec.EllipticCurvePrivateKey)):
        return ("EC", key.curve.name)
    return (type(key).__name__, None)


def cert_facts(cert):
    """The certificate facts cryptcheck reports: names, serial, validity, key, signature
    algorithm and hash, SHA-256 fingerprint, CA flag, self-signed, subjectAltName."""
    hash_algorithm = cert.signature_hash_algorithm
    extensions = cert.extensions
    try:
        is_ca = extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    except x509.ExtensionNotFound:
        is_ca = False
    try:
        names = [str(name.value) for name in extensions.get_extension_for_class(x509.SubjectAlternativeName).value]
    except x509.ExtensionNotFound:
        names = []
    self_signed = cert.issuer == cert.subject
    if self_signed:
        try:
            authority = extensions.get_extension_for_class(x509.AuthorityKeyIdentifier).value.key_identifier
            subject_key = extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value.digest
            self_signed = authority is None or authority == subject_key
        except x509.ExtensionNotFound:
            pass
    return (cert.subject.rfc4514_string(), cert.issuer.rfc4514_string(), cert.serial_number,
            cert.not_valid_before_utc, cert.not_valid_after_utc, key_facts(cert.public_key()),
            cert.signature_algorithm_oid.dotted_string, hash_algorithm and hash_algorithm.name,
            cert.fingerprint(hashes.SHA256()).hex(), is_ca, self_signed, names)


def facts(data):
    items = []
    if b"-----BEGIN" in data:
        text = data
        if b"CERTIFICATE-----" in text and b"REQUEST" not in text:
            items += [cert_facts(c) for c in x509.load_pem_x509_certificates(text)]
        elif b"CERTIFICATE REQUEST" in text:
            csr = x509.load_pem_x509_csr(text)
            items.append((key_facts(csr.public_key()), csr.signature_hash_algorithm))
        elif b"X509 CRL" in text:
            items.append(x509.load_pem_x509_crl(text).signature_hash_algorithm)
        elif b"OPENSSH PRIVATE KEY" in text:
            try:
                items.append(key_facts(serialization.load_ssh_private_key(text, None)))
            except (TypeError, ValueError):
                items.append(("encrypted openssh key", None))
        elif b"PUBLIC KEY" in text:
            items.append(key_facts(serialization.load_pem_public_key(text)))
        elif b"PRIVATE KEY" in text:
            try:
                items.append(key_facts(serialization.load_pem_private_key(text, None, unsafe_skip_rsa_key_validation=SKIP)))
            except TypeError:
                items.append(("encrypted key", None))
        return items
    if data[:4] == b"\xfe\xed\xfe\xed":
        return [("jks", None)]
    if data[:1] == b"\x30":
        for loader in (lambda d: [cert_facts(x509.load_der_x509_certificate(d))],
                       lambda d: [cert_facts(c) for c in pkcs7.load_der_pkcs7_certificates(d)],
                       lambda d: [key_facts(serialization.load_der_private_key(d, None, unsafe_skip_rsa_key_validation=SKIP))],
                       lambda d: [key_facts(x509.load_der_x509_csr(d).public_key())],
                       lambda d: [pkcs12.load_pkcs12(d, None)]):
            try:
                return loader(data)
            except Exception:
                continue
        raise ValueError("unknown DER")
    text = data.decode("utf-8", "replace")
    for line in text.splitlines():
        for token in line.split():
            if token.startswith(("ssh-", "ecdsa-")):
                try:
                    items.append(key_facts(serialization.load_ssh_public_key(line[line.index(token):].encode())))
                except Exception:
                    pass
                break
    return items


SKIP = "--validate-keys" not in sys.argv


def main():
    warnings.simplefilter("ignore")
    files = items = errors = 0
    for folder, _, names in os.walk(sys.argv[1]):
        for name in names:
            files += 1
            with open(os.path.join(folder, name), "rb") as handle:
                data = handle.read()
            hashlib.sha256(data).hexdigest()
            try:
                items += len(facts(data))
            except Exception:
                errors += 1
    print(f"files {files} items {items} errors {errors}")


if __name__ == "__main__":
    main()
