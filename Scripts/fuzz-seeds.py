#!/usr/bin/env python3
"""Writes the committed seed corpora of the fuzz targets (Fuzz/corpus/<Target>/).

Seeds come from the fixtures (Fixtures/files, Fixtures/observations), the list files (Lists/),
and TLS server flights captured from a local `openssl s_server` (127.0.0.1 only) answering
hand-made ClientHellos; SSLv2 SERVER-HELLOs are built by hand (no SSLv2 server exists to ask).
Each seed is laid out as its target reads it (see the *FuzzEntry types): a selector byte first
where the entry takes one.

No private key material is written into a seed: in every private-key structure taken from the
fixtures (PEM and DER keys, encrypted or not, PKCS#12 files, keystore entries, OpenSSH private
keys) the secret values and the ciphertexts are overwritten with pseudo-random bytes of the same
length (`scrub`), which keeps every length, tag and algorithm identifier the readers look at.
The TLS servers' keys are made in a temporary folder and deleted; a flight carries certificates only.

Usage: python3 Scripts/fuzz-seeds.py [OUT_DIR]   (default Fuzz/corpus; commit the result)
"""

import base64
import hashlib
import json
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "Fixtures" / "files"

# FilesFuzzEntry.fileNames, in order: the selector byte of a FuzzFiles seed is an index into it.
FILE_NAMES = [
    "cert.pem", "cert.der", "store.p12", "keystore.jks", "id_ed25519.pub", "authorized_keys", "known_hosts",
    "key.key", "README.md", "main.c", "notes.txt", "blob", "bundle.p7b", "list.crl", "request.csr", "empty.crt",
]
BY_EXTENSION = {
    "pem": "cert.pem", "der": "cert.der", "cer": "cert.der", "p12": "store.p12", "pfx": "store.p12",
    "jks": "keystore.jks", "jceks": "keystore.jks", "pub": "id_ed25519.pub", "key": "key.key", "md": "README.md",
    "c": "main.c", "txt": "notes.txt", "p7b": "bundle.p7b", "crl": "list.crl", "csr": "request.csr", "crt": "empty.crt",
}
PEM_BLOCK = re.compile(rb"-----BEGIN ([A-Z0-9 ]+)-----\r?\n(.*?)-----END \1-----", re.S)


class Corpus:
    """One target's seed folder: seeds named by a readable stem and a digest, duplicates dropped."""

    def __init__(self, out: Path, target: str):
        self.folder = out / target
        if self.folder.exists():
            shutil.rmtree(self.folder)
        self.folder.mkdir(parents=True)
        self.seen = set()

    def add(self, stem: str, data: bytes):
        digest = hashlib.sha1(data).hexdigest()
        if digest in self.seen:
            return
        self.seen.add(digest)
        safe = re.sub(r"[^A-Za-z0-9._-]", "_", stem)[:60]
        (self.folder / f"{safe}-{digest[:10]}").write_bytes(data)


def der_length(data: bytes, at: int):
    """(header length, value length) of the TLV at `at`, or None when it is not plain DER."""
    if at + 2 > len(data) or data[at] & 0x1F == 0x1F:
        return None
    first = data[at + 1]
    if first < 0x80:
        return 2, first
    count = first & 0x7F
    if count == 0 or count > 4 or at + 2 + count > len(data):
        return None
    return 2 + count, int.from_bytes(data[at + 2:at + 2 + count], "big")


def der_children(data: bytes):
    """The (start, header, length) of each TLV that together fill `data` exactly, or None."""
    children, at = [], 0
    while at < len(data):
        parsed = der_length(data, at)
        if parsed is None or at + parsed[0] + parsed[1] > len(data):
            return None
        children.append((at, parsed[0], parsed[1]))
        at += parsed[0] + parsed[1]
    return children if children else None


def scrub(data: bytes, rng: random.Random) -> bytes:
    """`data` (a sequence of DER TLVs) with every secret overwritten, lengths and tags kept: an
    OCTET STRING or primitive [0] that is not itself DER (a private key, a ciphertext, a MAC) and
    every INTEGER of 16 bytes or more below its top byte (RSA and DSA values, big serials) become
    pseudo-random; BIT STRINGs (public keys, signatures) and everything small stay."""
    children = der_children(data)
    if children is None:
        return bytes(rng.getrandbits(8) for _ in data)
    out = bytearray(data)
    for start, header, length in children:
        tag = data[start]
        value = slice(start + header, start + header + length)
        if tag & 0x20:
            out[value] = scrub(data[value], rng) if length else b""
        elif tag in (0x04, 0x80):
            out[value] = scrub(data[value], rng) if der_children(data[value]) else bytes(rng.getrandbits(8) for _ in range(length))
        elif tag == 0x02 and length >= 16:
            keep = 2 if data[value.start] == 0 else 1  # the sign byte and the top byte keep the bit length
            out[value.start + keep:value.stop] = bytes(rng.getrandbits(8) for _ in range(length - keep))
    return bytes(out)


def rng_for(data: bytes) -> random.Random:
    """The same pseudo-random bytes for the same fixture, so regenerating gives the same seeds."""
    return random.Random(hashlib.sha256(data).digest())


def scrub_pem(data: bytes) -> bytes:
    """A PEM file with the body of every private-key block scrubbed (legacy encrypted bodies,
    which are ciphertext, wholly replaced); certificates and public keys are left as they are."""
    def replace(match):
        label = match.group(1)
        if b"PRIVATE KEY" not in label:
            return match.group(0)
        headers, _, body = match.group(2).rpartition(b"\n\n") if b"Proc-Type" in match.group(2) else (b"", b"", match.group(2))
        der = base64.b64decode(body)
        rng = rng_for(der)
        if label == b"OPENSSH PRIVATE KEY":
            clean = scrub_openssh(der, rng)
        elif headers:
            clean = bytes(rng.getrandbits(8) for _ in der)
        else:
            clean = scrub(der, rng)
        encoded = base64.b64encode(clean)
        lines = b"\n".join(encoded[i:i + 64] for i in range(0, len(encoded), 64)) + b"\n"
        return (b"-----BEGIN " + label + b"-----\n" + (headers + b"\n\n" if headers else b"") + lines
                + b"-----END " + label + b"-----")
    return PEM_BLOCK.sub(replace, data)


def scrub_openssh(body: bytes, rng: random.Random) -> bytes:
    """An openssh-key-v1 body with its private section (plain or encrypted) pseudo-random."""
    at = len(b"openssh-key-v1\0")
    for _ in range(3):  # cipher, kdf, kdf options
        at += 4 + int.from_bytes(body[at:at + 4], "big")
    at += 4  # key count
    at += 4 + int.from_bytes(body[at:at + 4], "big")  # public key blob
    length = int.from_bytes(body[at:at + 4], "big")
    return body[:at + 4] + bytes(rng.getrandbits(8) for _ in range(length)) + body[at + 4 + length:]


def scrub_keystore(data: bytes) -> bytes:
    """A JKS/JCEKS file with each private-key entry's EncryptedPrivateKeyInfo scrubbed."""
    out = bytearray(data)
    rng = rng_for(data)
    at = 4
    version = int.from_bytes(data[at:at + 4], "big")
    count = int.from_bytes(data[at + 4:at + 8], "big")
    at += 8

    def certificate(at):
        if version == 2:
            at += 2 + int.from_bytes(data[at:at + 2], "big")
        return at + 4 + int.from_bytes(data[at:at + 4], "big")

    for _ in range(count):
        tag = int.from_bytes(data[at:at + 4], "big")
        at += 4
        at += 2 + int.from_bytes(data[at:at + 2], "big") + 8  # alias, date
        if tag == 1:
            length = int.from_bytes(data[at:at + 4], "big")
            out[at + 4:at + 4 + length] = scrub(data[at + 4:at + 4 + length], rng)
            at += 4 + length
            chain = int.from_bytes(data[at:at + 4], "big")
            at += 4
            for _ in range(chain):
                at = certificate(at)
        elif tag == 2:
            at = certificate(at)
        else:
            out[at:len(data) - 20] = bytes(rng.getrandbits(8) for _ in range(len(data) - 20 - at))  # sealed secret key
            break
    return bytes(out)


def clean_fixture(path: Path) -> bytes:
    """A fixture's bytes with any private key material scrubbed."""
    data = path.read_bytes()
    if data[:4] in (b"\xfe\xed\xfe\xed", b"\xce\xce\xce\xce"):
        return scrub_keystore(data)
    if path.suffix in (".p12", ".pfx") or (data[:1] == b"\x30" and b"PRIVATE" not in data and path.parent.name == "keys"):
        return scrub(data, rng_for(data))
    return scrub_pem(data)


def selector_for(path: Path) -> int:
    name = path.name
    if name in FILE_NAMES:
        return FILE_NAMES.index(name)
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return FILE_NAMES.index(BY_EXTENSION.get(ext, "blob"))


def fixture_files():
    return sorted(p for p in FIXTURES.rglob("*") if p.is_file() and p.name != "MANIFEST.tsv")


def der_objects():
    """Every DER object the fixtures hold (scrubbed): DER files and the bodies of unencrypted PEM blocks."""
    for path in fixture_files():
        data = clean_fixture(path)
        if data[:1] == b"\x30":
            yield path.parent.name + "-" + path.stem, data
        for match in PEM_BLOCK.finditer(data):
            body = match.group(2)
            if b"Proc-Type" in body or match.group(1) == b"OPENSSH PRIVATE KEY":
                continue
            try:
                yield path.parent.name + "-" + path.stem + "-" + match.group(1).decode().lower().replace(" ", "-"), base64.b64decode(body)
            except ValueError:
                pass


def ssh_seeds(corpus: Corpus):
    """FilesFuzzEntry.ssh: 0 public blob, 1 certificate blob, 2 openssh-key-v1 body, 3 text lines."""
    for folder in ("ssh", "ssh-certs"):
        for path in sorted((FIXTURES / folder).iterdir()):
            data = clean_fixture(path)
            for match in PEM_BLOCK.finditer(data):
                if match.group(1) == b"OPENSSH PRIVATE KEY":
                    corpus.add(path.name + "-private", b"\x02" + base64.b64decode(match.group(2)))
            if b"PRIVATE KEY" in data:
                continue
            corpus.add(path.name + "-lines", b"\x03" + data)
            for line in data.splitlines():
                for field in line.split():
                    try:
                        blob = base64.b64decode(field, validate=True)
                    except ValueError:
                        continue
                    if len(blob) < 20 or blob[4:8] not in (b"ssh-", b"ecds", b"sk-s", b"sk-e"):
                        continue
                    kind = 1 if b"-cert-v01@openssh.com" in blob[:64] else 0
                    corpus.add(path.name + ("-cert" if kind else "-key"), bytes([kind]) + blob)


def ssh_wire_seeds(corpus: Corpus):
    """SSHFuzzEntry.wire (same target): 0 identification exchange, 1 packet framing, 2 KEXINIT
    payload, 3 host-key blob."""
    def string(b): return len(b).to_bytes(4, "big") + b
    lists = [b"curve25519-sha256,ecdh-sha2-nistp256,diffie-hellman-group14-sha256,kex-strict-s-v00@openssh.com",
             b"rsa-sha2-512,rsa-sha2-256,ecdsa-sha2-nistp256,ssh-ed25519",
             b"aes128-ctr,aes256-gcm@openssh.com", b"aes128-ctr,aes256-gcm@openssh.com",
             b"hmac-sha2-256,hmac-sha1", b"hmac-sha2-256,hmac-sha1", b"none,zlib@openssh.com", b"none,zlib@openssh.com", b"", b""]
    kexinit = bytes([20]) + bytes(range(16)) + b"".join(string(l) for l in lists) + b"\x00" + b"\x00\x00\x00\x00"
    payload = bytes([21])
    padding = 8 - ((5 + len(payload)) % 8)
    if padding < 4:
        padding += 8
    packet = (1 + len(payload) + padding).to_bytes(4, "big") + bytes([padding]) + payload + b"\x00" * padding
    corpus.add("wire-identification", b"\x00" + b"a banner line\r\nSSH-2.0-OpenSSH_9.2p1 Debian-2\r\n")
    corpus.add("wire-packet", b"\x01" + packet)
    corpus.add("wire-kexinit", b"\x02" + kexinit)
    corpus.add("wire-hostkey-ed25519", b"\x03" + string(b"ssh-ed25519") + string(bytes(32)))


# ---- TLS flights ------------------------------------------------------------------------------

def u8(n): return bytes([n])
def u16(n): return n.to_bytes(2, "big")
def u24(n): return n.to_bytes(3, "big")
def vec8(b): return u8(len(b)) + b
def vec16(b): return u16(len(b)) + b


def extension(kind, body): return u16(kind) + vec16(body)


def client_hello(suites, record_version=0x0301, hello_version=0x0303, tls13=False, key_share=True,
                 groups=(0x001D, 0x0017, 0x0018, 0x0100)):
    exts = [
        extension(0x000A, vec16(b"".join(u16(g) for g in groups))),
        extension(0x000B, vec8(b"\x00")),
        extension(0x000D, vec16(b"".join(u16(s) for s in (0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501,
                                                          0x0806, 0x0601, 0x0201, 0x0203, 0x0807)))),
        extension(0xFF01, vec8(b"")),
        extension(0x0017, b""),
        extension(0x0016, b""),
        extension(0x0005, b"\x01\x00\x00\x00\x00"),  # status_request
    ]
    if tls13:
        exts.append(extension(0x002B, vec8(u16(0x0304) + u16(0x0303))))
        shares = vec16(u16(0x001D) + vec16(os.urandom(32))) if key_share else vec16(b"")
        exts.append(extension(0x0033, shares))
    body = (u16(hello_version) + os.urandom(32) + vec8(os.urandom(32) if tls13 else b"")
            + vec16(b"".join(u16(s) for s in suites)) + vec8(b"\x00") + vec16(b"".join(exts)))
    handshake = u8(1) + u24(len(body)) + body
    return u8(22) + u16(record_version) + vec16(handshake)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def flight(port, hello, limit=1 << 16):
    """The server's bytes up to ServerHelloDone, an alert, a TLS 1.3 ServerHello, or a pause."""
    received = b""
    with socket.create_connection(("127.0.0.1", port), timeout=3) as s:
        s.sendall(hello)
        s.settimeout(0.7)
        while len(received) < limit:
            try:
                chunk = s.recv(65536)
            except socket.timeout:
                break
            if not chunk:
                break
            received += chunk
            if b"\x0e\x00\x00\x00" in received[-8:]:
                break
    return received


def start_server(args):
    port = free_port()
    server = subprocess.Popen(["openssl", "s_server", "-accept", f"127.0.0.1:{port}", "-naccept", "200", "-quiet"] + args,
                              stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return server, port
        except OSError:
            time.sleep(0.05)
    server.kill()
    raise RuntimeError("openssl s_server did not start: " + " ".join(args))


def tls_seeds(corpus: Corpus):
    work = Path(tempfile.mkdtemp(prefix="cryptcheck-seeds-"))
    try:
        for name, key in (("rsa", ["-newkey", "rsa:2048"]), ("ec", ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"])):
            subprocess.run(["openssl", "req", "-x509", "-nodes", "-days", "30", "-subj", f"/CN={name}.example.test",
                            "-keyout", str(work / f"{name}.key"), "-out", str(work / f"{name}.crt")] + key,
                           check=True, capture_output=True)
        everything = ["-cipher", "ALL:@SECLEVEL=0", "-ciphersuites",
                      "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256"]
        servers = [
            ("rsa", ["-cert", str(work / "rsa.crt"), "-key", str(work / "rsa.key")] + everything),
            ("ec", ["-cert", str(work / "ec.crt"), "-key", str(work / "ec.key")] + everything),
            ("psk", ["-nocert", "-psk", "a0b1c2d3e4f5", "-psk_hint", "cryptcheck hint", "-cipher", "PSK:@SECLEVEL=0"]),
        ]
        hellos = {
            "tls12-ecdhe": client_hello([0xC02F, 0xC02B, 0xC030]),
            "tls12-dhe": client_hello([0x009E, 0x0033]),
            "tls12-rsa": client_hello([0x009C, 0x002F]),
            "tls12-cbc": client_hello([0xC013, 0xC009]),
            "tls10-ecdhe": client_hello([0xC013, 0xC009, 0x0033], hello_version=0x0301),
            "tls11-rsa": client_hello([0x002F], hello_version=0x0302),
            "tls12-none": client_hello([0x0005]),
            "tls13": client_hello([0x1301, 0x1302], tls13=True),
            "tls13-hrr": client_hello([0x1301], tls13=True, key_share=False, groups=(0x0017,)),
            "psk": client_hello([0x008C, 0x00AE]),
            "dhe-psk": client_hello([0x0090, 0x00B2]),
            "ecdhe-psk": client_hello([0xC035, 0xC037]),
        }
        for server_name, args in servers:
            server, port = start_server(args)
            try:
                for hello_name, hello in hellos.items():
                    if server_name == "psk" and "psk" not in hello_name and hello_name != "tls12-none":
                        continue
                    if server_name != "psk" and "psk" in hello_name:
                        continue
                    answer = flight(port, hello)
                    if answer:
                        stem = f"{server_name}-{hello_name}"
                        corpus.add(stem, b"\x00" + answer)  # all at once
                        corpus.add(stem + "-pieces", b"\x0e" + answer)  # 7 bytes at a time
            finally:
                server.kill()
                server.wait()
        # SSLv2 SERVER-HELLOs (selector odd): the certificate of the RSA server and three cipher kinds.
        certificate = subprocess.run(["openssl", "x509", "-in", str(work / "rsa.crt"), "-outform", "DER"],
                                     check=True, capture_output=True).stdout
        for stem, kinds, cert in (("sslv2", [0x010080, 0x020080, 0x0700C0], certificate), ("sslv2-empty", [], b"")):
            specs = b"".join(k.to_bytes(3, "big") for k in kinds)
            body = u8(4) + u8(0) + u8(1) + u16(2) + u16(len(cert)) + u16(len(specs)) + u16(16) + cert + specs + os.urandom(16)
            corpus.add(stem, b"\x01" + u16(0x8000 | len(body)) + body)
    finally:
        shutil.rmtree(work)


def write_dictionary(path: Path, words):
    """A libFuzzer dictionary (one quoted token a line) of the words a format's reader looks for."""
    def quoted(word: str) -> str:
        return '"' + "".join(chr(b) if 0x20 <= b < 0x7F and b not in b'"\\' else f"\\x{b:02X}"
                             for b in word.encode()) + '"'
    lines = sorted({quoted(w) for w in words if 0 < len(w.encode()) <= 64})
    path.write_text("# Generated by Scripts/fuzz-seeds.py: tokens of the format, for libFuzzer's -dict.\n" + "\n".join(lines) + "\n")


def yaml_tokens():
    """The keys and the plain scalar values of the list files, as `key:` and bare words."""
    words = set()
    for path in (ROOT / "Lists").glob("*.yaml"):
        for match in re.finditer(r"([A-Za-z_][A-Za-z0-9_-]*):", path.read_text()):
            words.add(match.group(1) + ":")
        for match in re.finditer(r":\s*([A-Za-z0-9.@_-]+)\s*[,}\n]", path.read_text()):
            words.add(match.group(1))
    return words | {"- ", "[", "]", "{", "}", "---", "&a", "*a", "!!str", "|", ">", "'", '"'}


def json_tokens():
    """The keys and string values of the observation files, quoted as JSON writes them."""
    words = set()
    def walk(value):
        if isinstance(value, dict):
            for key, item in value.items():
                words.add(json.dumps(key) + ":")
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str) and len(value) <= 40:
            words.add(json.dumps(value, ensure_ascii=False))
    for path in (ROOT / "Fixtures" / "observations").glob("*.json"):
        walk(json.loads(path.read_text()))
    return words | {"null", "true", "false", "[]", "{}", "1e999", "-0", "\\u0000"}


def main():
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "Fuzz" / "corpus"
    dictionaries = out.parent / "dict"
    dictionaries.mkdir(exist_ok=True)
    write_dictionary(dictionaries / "FuzzLists.dict", yaml_tokens())
    write_dictionary(dictionaries / "FuzzObservations.dict", json_tokens())

    files = Corpus(out, "FuzzFiles")
    for path in fixture_files():
        files.add(path.parent.name + "-" + path.name, bytes([selector_for(path)]) + clean_fixture(path))
    pem = (FIXTURES / "certs" / "ed25519.pem").read_bytes()
    files.add("snippet-readme", bytes([FILE_NAMES.index("README.md")]) + b"# Example\n\n```\n" + pem + b"```\n")

    der = Corpus(out, "FuzzDER")
    for stem, data in der_objects():
        der.add(stem, data)

    pkcs12 = Corpus(out, "FuzzPKCS12")
    for path in fixture_files():
        if path.suffix == ".p12":
            pkcs12.add(path.parent.name + "-" + path.name, clean_fixture(path))

    keystores = Corpus(out, "FuzzKeyStore")
    for path in sorted((FIXTURES / "jks").iterdir()):
        keystores.add(path.name, clean_fixture(path))

    ssh = Corpus(out, "FuzzSSH")
    ssh_seeds(ssh)
    ssh_wire_seeds(ssh)
    tls_seeds(Corpus(out, "FuzzTLS"))

    lists = Corpus(out, "FuzzLists")
    for path in sorted((ROOT / "Lists").glob("*.yaml")):
        text = path.read_bytes()
        lists.add(path.name, text)
        lists.add(path.stem + "-bare.yaml", b"\n".join(l for l in text.splitlines() if not l.lstrip().startswith(b"#")))

    observations = Corpus(out, "FuzzObservations")
    for path in sorted((ROOT / "Fixtures" / "observations").glob("*.json")):
        data = path.read_bytes()
        observations.add(path.name, data)
        observations.add(path.stem + "-compact.json", json.dumps(json.loads(data), separators=(",", ":")).encode())

    total = sum(f.stat().st_size for f in out.rglob("*") if f.is_file())
    for folder in sorted(out.iterdir()):
        print(f"{folder.name}: {len(list(folder.iterdir()))} seeds")
    print(f"total {total} bytes")


if __name__ == "__main__":
    main()
