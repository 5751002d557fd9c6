#!/usr/bin/env python3
"""Build a tree of N distinct certificates (PEM, one per file, nested folders): every one has
its own serial, subject, subjectAltName and validity, signed by one of a few CA keys
(RSA-2048, P-256, P-384, Ed25519). Unlike make_tree.py, whose files are copies of the
fixtures, nothing here repeats, so caches keyed by content or by facts gain little.

usage: make_unique_tree.py N DIR    (needs pyca/cryptography; DIR must not exist)
"""
import datetime
import pathlib
import random
import sys

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from cryptography.x509.oid import NameOID

count, root = int(sys.argv[1]), pathlib.Path(sys.argv[2])
rng = random.Random(20261130)
keys = [rsa.generate_private_key(public_exponent=65537, key_size=2048), ec.generate_private_key(ec.SECP256R1()),
        ec.generate_private_key(ec.SECP384R1()), ed25519.Ed25519PrivateKey.generate()]
subject_keys = [ec.generate_private_key(ec.SECP256R1()) for _ in range(8)] + [ed25519.Ed25519PrivateKey.generate()]
root.mkdir(parents=True)
start = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)
for index in range(count):
    folder = root / f"u{index % 40:02d}" / f"v{(index // 40) % 25:02d}"
    folder.mkdir(parents=True, exist_ok=True)
    issuer_key = keys[index % len(keys)]
    name = f"host{index}.unique.test"
    not_before = start + datetime.timedelta(days=rng.randint(0, 900), seconds=rng.randint(0, 86399))
    builder = (x509.CertificateBuilder()
               .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name),
                                        x509.NameAttribute(NameOID.ORGANIZATION_NAME, f"Org {index % 97}")]))
               .issuer_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"Bench CA {index % len(keys)}")]))
               .public_key(subject_keys[index % len(subject_keys)].public_key())
               .serial_number(x509.random_serial_number())
               .not_valid_before(not_before)
               .not_valid_after(not_before + datetime.timedelta(days=rng.randint(30, 800)))
               .add_extension(x509.SubjectAlternativeName([x509.DNSName(name)]), critical=False)
               .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True))
    algorithm = None if isinstance(issuer_key, ed25519.Ed25519PrivateKey) else hashes.SHA256()
    certificate = builder.sign(issuer_key, algorithm)
    (folder / f"{index}.pem").write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
print(f"made {count} distinct certificates under {root}")
