#!/usr/bin/env bash
# Generates Fixtures/files/ and Fixtures/files/MANIFEST.tsv: certificates, keys, keystores and
# SSH keys in strong and weak variants, plus broken files. Run by `make fixtures`; the output is
# committed. The manifest records what each command was asked to make, so tests compare the
# scanner's facts with the generating commands, never with the scanner's own earlier output.
#
# Manifest columns (tab-separated; empty = not applicable):
#   file  position  kind  format  key  bits  curve  sig_scheme  sig_hash  protection  error
# protection: ';'-separated role:primitive[-keybits][/hash][#iterations] in envelope order.
# error: the code of the scanner's one per-file error (broken fixtures; `ErrorCode`).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=Fixtures/files
PASS=changeit
rm -rf "$OUT"
mkdir -p "$OUT"/{certs,keys,pkcs12,jks,ssh,broken,csr,crl}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
MANIFEST="$OUT/MANIFEST.tsv"
printf 'file\tposition\tkind\tformat\tkey\tbits\tcurve\tsig_scheme\tsig_hash\tprotection\terror\n' > "$MANIFEST"
row() { local IFS=$'\t'; printf '%s\n' "$*" >> "$MANIFEST"; }
LEGACY=(-provider legacy -provider default)

# --- keys used by certificates ----------------------------------------------------------------
genkey() { # name algorithm-args...
  local name=$1; shift
  openssl genpkey "$@" -out "$WORK/$name.key" 2>/dev/null
}
genkey rsa1024 -algorithm RSA -pkeyopt rsa_keygen_bits:1024
genkey rsa2048 -algorithm RSA -pkeyopt rsa_keygen_bits:2048
genkey rsa3072 -algorithm RSA -pkeyopt rsa_keygen_bits:3072
genkey rsa4096 -algorithm RSA -pkeyopt rsa_keygen_bits:4096
genkey rsapss2048 -algorithm RSA-PSS -pkeyopt rsa_keygen_bits:2048
genkey p256 -algorithm EC -pkeyopt ec_paramgen_curve:P-256
genkey p384 -algorithm EC -pkeyopt ec_paramgen_curve:P-384
genkey p521 -algorithm EC -pkeyopt ec_paramgen_curve:P-521
genkey k256 -algorithm EC -pkeyopt ec_paramgen_curve:secp256k1
genkey bp256 -algorithm EC -pkeyopt ec_paramgen_curve:brainpoolP256r1
genkey ed25519 -algorithm ED25519
genkey ed448 -algorithm ED448
genkey x25519 -algorithm X25519
genkey x448 -algorithm X448
openssl genpkey -genparam -algorithm DSA -pkeyopt dsa_paramgen_bits:1024 -pkeyopt dsa_paramgen_q_bits:160 -out "$WORK/dsa1024.param" 2>/dev/null
openssl genpkey -paramfile "$WORK/dsa1024.param" -out "$WORK/dsa1024.key" 2>/dev/null
openssl genpkey -genparam -algorithm DSA -pkeyopt dsa_paramgen_bits:2048 -out "$WORK/dsa2048.param" 2>/dev/null
openssl genpkey -paramfile "$WORK/dsa2048.param" -out "$WORK/dsa2048.key" 2>/dev/null
openssl genpkey -genparam -algorithm DH -pkeyopt group:ffdhe2048 -out "$WORK/dh.param" 2>/dev/null
openssl genpkey -paramfile "$WORK/dh.param" -out "$WORK/dh2048.key" 2>/dev/null

# --- certificates ---------------------------------------------------------------------------
selfsigned() { # file key digest-args subject
  local file=$1 key=$2 digest=$3 subject=$4
  # shellcheck disable=SC2086
  openssl req -x509 -new -key "$WORK/$key.key" $digest -subj "/CN=$subject" -days 3650 -out "$OUT/certs/$file" 2>/dev/null
}
selfsigned rsa1024-sha256.pem rsa1024 -sha256 rsa1024
row certs/rsa1024-sha256.pem 1 certificate PEM rsa 1024 '' rsassa-pkcs1-v1_5 sha-256 '' ''
selfsigned rsa2048-sha256.pem rsa2048 -sha256 rsa2048
row certs/rsa2048-sha256.pem 1 certificate PEM rsa 2048 '' rsassa-pkcs1-v1_5 sha-256 '' ''
selfsigned rsa3072-sha384.pem rsa3072 -sha384 rsa3072
openssl x509 -in "$OUT/certs/rsa3072-sha384.pem" -outform DER -out "$OUT/certs/rsa3072-sha384.cer"
rm "$OUT/certs/rsa3072-sha384.pem"
row certs/rsa3072-sha384.cer 1 certificate DER rsa 3072 '' rsassa-pkcs1-v1_5 sha-384 '' ''
selfsigned rsa4096-sha512.pem rsa4096 -sha512 rsa4096
row certs/rsa4096-sha512.pem 1 certificate PEM rsa 4096 '' rsassa-pkcs1-v1_5 sha-512 '' ''
selfsigned rsa2048-sha1.pem rsa2048 -sha1 sha1-signed
row certs/rsa2048-sha1.pem 1 certificate PEM rsa 2048 '' rsassa-pkcs1-v1_5 sha-1 '' ''
selfsigned rsa2048-md5.pem rsa2048 -md5 md5-signed
row certs/rsa2048-md5.pem 1 certificate PEM rsa 2048 '' rsassa-pkcs1-v1_5 md5 '' ''
selfsigned rsa2048-pss-sha256.pem rsa2048 "-sha256 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:32" pss-signed
row certs/rsa2048-pss-sha256.pem 1 certificate PEM rsa 2048 '' rsa-pss sha-256 '' ''
selfsigned rsapss-key-sha256.pem rsapss2048 -sha256 rsa-pss-key
row certs/rsapss-key-sha256.pem 1 certificate PEM rsa-pss 2048 '' rsa-pss sha-256 '' ''
selfsigned ec-p256-sha256.pem p256 -sha256 p256
row certs/ec-p256-sha256.pem 1 certificate PEM ec 256 secp256r1 ecdsa sha-256 '' ''
selfsigned ec-p384-sha384.pem p384 -sha384 p384
row certs/ec-p384-sha384.pem 1 certificate PEM ec 384 secp384r1 ecdsa sha-384 '' ''
selfsigned ec-p521-sha512.pem p521 -sha512 p521
row certs/ec-p521-sha512.pem 1 certificate PEM ec 521 secp521r1 ecdsa sha-512 '' ''
selfsigned ec-secp256k1-sha256.pem k256 -sha256 secp256k1
row certs/ec-secp256k1-sha256.pem 1 certificate PEM ec 256 secp256k1 ecdsa sha-256 '' ''
selfsigned ec-brainpoolp256r1-sha256.pem bp256 -sha256 brainpool
row certs/ec-brainpoolp256r1-sha256.pem 1 certificate PEM ec 256 brainpoolp256r1 ecdsa sha-256 '' ''
selfsigned ed25519.pem ed25519 '' ed25519
row certs/ed25519.pem 1 certificate PEM ed25519 '' ed25519 eddsa '' '' ''
selfsigned ed448.pem ed448 '' ed448
row certs/ed448.pem 1 certificate PEM ed448 '' ed448 eddsa '' '' ''
selfsigned dsa1024-sha1.pem dsa1024 -sha1 dsa1024
row certs/dsa1024-sha1.pem 1 certificate PEM dsa 1024 '' dsa sha-1 '' ''
selfsigned dsa2048-sha256.pem dsa2048 -sha256 dsa2048
row certs/dsa2048-sha256.pem 1 certificate PEM dsa 2048 '' dsa sha-256 '' ''

# A small CA: root, intermediate, leaf; an expired certificate; a CRL.
cat > "$WORK/ca.cnf" <<'EOF'
[ca]
default_ca = demo
[demo]
dir = WORKDIR
database = $dir/index.txt
new_certs_dir = $dir
serial = $dir/serial
crlnumber = $dir/crlnumber
default_md = sha256
default_crl_days = 30
policy = anything
unique_subject = no
[anything]
commonName = supplied
[v3_ca]
basicConstraints = critical,CA:true
keyUsage = critical,keyCertSign,cRLSign
[v3_leaf]
basicConstraints = CA:false
subjectAltName = DNS:leaf.example.test
EOF
sed -i "s#WORKDIR#$WORK#" "$WORK/ca.cnf"
: > "$WORK/index.txt"; echo 1000 > "$WORK/serial"; echo 01 > "$WORK/crlnumber"
openssl req -x509 -new -key "$WORK/p384.key" -sha384 -subj "/CN=Fixture Root CA" -days 7300 \
  -addext basicConstraints=critical,CA:true -addext keyUsage=critical,keyCertSign,cRLSign -out "$WORK/root.pem" 2>/dev/null
openssl req -new -key "$WORK/p256.key" -subj "/CN=Fixture Intermediate CA" -out "$WORK/int.csr" 2>/dev/null
openssl ca -batch -config "$WORK/ca.cnf" -cert "$WORK/root.pem" -keyfile "$WORK/p384.key" -extensions v3_ca \
  -days 3650 -md sha384 -in "$WORK/int.csr" -out "$WORK/int.pem" -notext 2>/dev/null
openssl req -new -key "$WORK/rsa2048.key" -subj "/CN=leaf.example.test" -out "$WORK/leaf.csr" 2>/dev/null
openssl ca -batch -config "$WORK/ca.cnf" -cert "$WORK/int.pem" -keyfile "$WORK/p256.key" -extensions v3_leaf \
  -days 825 -md sha256 -in "$WORK/leaf.csr" -out "$WORK/leaf.pem" -notext 2>/dev/null
cat "$WORK/leaf.pem" "$WORK/int.pem" "$WORK/root.pem" > "$OUT/certs/chain-bundle.pem"
row certs/chain-bundle.pem 1 certificate PEM rsa 2048 '' ecdsa sha-256 '' ''
row certs/chain-bundle.pem 2 certificate PEM ec 256 secp256r1 ecdsa sha-384 '' ''
row certs/chain-bundle.pem 3 certificate PEM ec 384 secp384r1 ecdsa sha-384 '' ''
openssl crl2pkcs7 -nocrl -certfile "$OUT/certs/chain-bundle.pem" -outform DER -out "$OUT/certs/chain.p7b"
row certs/chain.p7b 1 certificate PKCS#7 rsa 2048 '' ecdsa sha-256 '' ''
row certs/chain.p7b 2 certificate PKCS#7 ec 256 secp256r1 ecdsa sha-384 '' ''
row certs/chain.p7b 3 certificate PKCS#7 ec 384 secp384r1 ecdsa sha-384 '' ''
openssl req -new -key "$WORK/rsa2048.key" -subj "/CN=expired.example.test" -out "$WORK/exp.csr" 2>/dev/null
openssl ca -batch -config "$WORK/ca.cnf" -cert "$WORK/int.pem" -keyfile "$WORK/p256.key" -extensions v3_leaf \
  -startdate 20200101000000Z -enddate 20210101000000Z -md sha256 -in "$WORK/exp.csr" -out "$OUT/certs/expired.pem" -notext 2>/dev/null
row certs/expired.pem 1 certificate PEM rsa 2048 '' ecdsa sha-256 '' ''
openssl ca -config "$WORK/ca.cnf" -gencrl -cert "$WORK/int.pem" -keyfile "$WORK/p256.key" -md sha256 -out "$OUT/crl/intermediate.crl" 2>/dev/null
row crl/intermediate.crl 1 crl PEM '' '' '' ecdsa sha-256 '' ''
cp "$WORK/leaf.csr" "$OUT/csr/leaf-rsa2048.csr"
row csr/leaf-rsa2048.csr 1 certificate-request PEM rsa 2048 '' rsassa-pkcs1-v1_5 sha-256 '' ''
openssl req -new -key "$WORK/ed25519.key" -subj "/CN=ed" -outform DER -out "$OUT/csr/ed25519.der" 2>/dev/null
row csr/ed25519.der 1 certificate-request DER ed25519 '' ed25519 eddsa '' '' ''

# --- private and public keys ----------------------------------------------------------------
openssl pkey -in "$WORK/rsa2048.key" -traditional -out "$OUT/keys/rsa2048-pkcs1.pem" 2>/dev/null
row keys/rsa2048-pkcs1.pem 1 private-key PKCS#1 rsa 2048 '' '' '' '' ''
openssl pkey -in "$WORK/p256.key" -traditional -out "$OUT/keys/ec-p256-sec1.pem" 2>/dev/null
row keys/ec-p256-sec1.pem 1 private-key SEC1 ec 256 secp256r1 '' '' '' ''
cp "$WORK/p384.key" "$OUT/keys/ec-p384-pkcs8.pem"
row keys/ec-p384-pkcs8.pem 1 private-key PKCS#8 ec 384 secp384r1 '' '' '' ''
openssl pkcs8 -topk8 -nocrypt -in "$WORK/rsa3072.key" -outform DER -out "$OUT/keys/rsa3072-pkcs8.der"
row keys/rsa3072-pkcs8.der 1 private-key PKCS#8 rsa 3072 '' '' '' '' ''
for k in ed25519 ed448 x25519 x448; do
  cp "$WORK/$k.key" "$OUT/keys/$k.pem"
  row "keys/$k.pem" 1 private-key PKCS#8 "$k" '' "$k" '' '' '' ''
done
cp "$WORK/dsa2048.key" "$OUT/keys/dsa2048.pem"
row keys/dsa2048.pem 1 private-key PKCS#8 dsa 2048 '' '' '' '' ''
cp "$WORK/dh2048.key" "$OUT/keys/dh2048.pem"
row keys/dh2048.pem 1 private-key PKCS#8 dh 2048 '' '' '' '' ''
openssl pkcs8 -topk8 -in "$WORK/rsa2048.key" -v2 aes-256-cbc -v2prf hmacWithSHA256 -iter 600000 -passout pass:$PASS -out "$OUT/keys/rsa2048-pbes2-aes256.pem"
row keys/rsa2048-pbes2-aes256.pem 1 private-key 'encrypted PKCS#8' '' '' '' '' '' 'kdf:pbkdf2#600000;prf:hmac/sha-256;cipher:aes-256;mode:cbc' ''
openssl pkcs8 -topk8 -in "$WORK/p256.key" -v2 des3 -v2prf hmacWithSHA1 -iter 2048 -passout pass:$PASS -out "$OUT/keys/ec-p256-pbes2-3des.pem"
row keys/ec-p256-pbes2-3des.pem 1 private-key 'encrypted PKCS#8' '' '' '' '' '' 'kdf:pbkdf2#2048;prf:hmac/sha-1;cipher:3des-168;mode:cbc' ''
openssl pkcs8 -topk8 "${LEGACY[@]}" -in "$WORK/rsa1024.key" -v1 PBE-MD5-DES -passout pass:$PASS -out "$OUT/keys/rsa1024-pbes1-md5-des.pem"
row keys/rsa1024-pbes1-md5-des.pem 1 private-key 'encrypted PKCS#8' '' '' '' '' '' 'legacy-pbe:pbes1/md5#2048;cipher:des-56;mode:cbc' ''
openssl pkey -in "$WORK/rsa2048.key" -traditional -aes128 -passout pass:$PASS -out "$OUT/keys/rsa2048-legacy-aes128.pem" 2>/dev/null
row keys/rsa2048-legacy-aes128.pem 1 private-key 'PEM encrypted PKCS#1' rsa '' '' '' '' 'kdf:evp-bytestokey/md5#1;cipher:aes-128;mode:cbc' ''
openssl pkey -in "$WORK/rsa2048.key" -traditional -des3 -passout pass:$PASS -out "$OUT/keys/rsa2048-legacy-3des.pem" 2>/dev/null
row keys/rsa2048-legacy-3des.pem 1 private-key 'PEM encrypted PKCS#1' rsa '' '' '' '' 'kdf:evp-bytestokey/md5#1;cipher:3des-168;mode:cbc' ''
openssl pkey -in "$WORK/p521.key" -pubout -out "$OUT/keys/ec-p521-spki.pem"
row keys/ec-p521-spki.pem 1 public-key SPKI ec 521 secp521r1 '' '' '' ''
openssl rsa -in "$WORK/rsa4096.key" -RSAPublicKey_out -out "$OUT/keys/rsa4096-pkcs1-public.pem" 2>/dev/null
row keys/rsa4096-pkcs1-public.pem 1 public-key PKCS#1 rsa 4096 '' '' '' '' ''

# --- PKCS#12 ---------------------------------------------------------------------------------
openssl pkcs12 -export -in "$WORK/leaf.pem" -inkey "$WORK/rsa2048.key" -passout pass:$PASS -out "$OUT/pkcs12/modern-aes256.p12"
row pkcs12/modern-aes256.p12 1 pkcs12 PKCS#12 '' '' '' '' '' 'mac:hmac/sha-256#2048;kdf:pbkdf2#2048;prf:hmac/sha-256;cipher:aes-256;mode:cbc;kdf:pbkdf2#2048;prf:hmac/sha-256;cipher:aes-256;mode:cbc' ''
openssl pkcs12 -export -legacy -in "$WORK/leaf.pem" -inkey "$WORK/rsa2048.key" -passout pass:$PASS -out "$OUT/pkcs12/legacy-rc2-40.p12" 2>/dev/null
row pkcs12/legacy-rc2-40.p12 1 pkcs12 PKCS#12 '' '' '' '' '' 'mac:hmac/sha-1#2048;legacy-pbe:pkcs12-pbe/sha-1#2048;cipher:rc2-40;mode:cbc;legacy-pbe:pkcs12-pbe/sha-1#2048;cipher:3des-168;mode:cbc' ''
openssl pkcs12 -export "${LEGACY[@]}" -certpbe PBE-SHA1-3DES -keypbe PBE-SHA1-3DES -macalg sha1 -in "$WORK/leaf.pem" -inkey "$WORK/rsa2048.key" -passout pass:$PASS -out "$OUT/pkcs12/sha1-3des.p12" 2>/dev/null
row pkcs12/sha1-3des.p12 1 pkcs12 PKCS#12 '' '' '' '' '' 'mac:hmac/sha-1#2048;legacy-pbe:pkcs12-pbe/sha-1#2048;cipher:3des-168;mode:cbc;legacy-pbe:pkcs12-pbe/sha-1#2048;cipher:3des-168;mode:cbc' ''

# --- Java KeyStore ---------------------------------------------------------------------------
if command -v keytool >/dev/null; then
  keytool -importkeystore -noprompt -srckeystore "$OUT/pkcs12/modern-aes256.p12" -srcstoretype PKCS12 -srcstorepass $PASS \
    -destkeystore "$OUT/jks/server.jks" -deststoretype JKS -deststorepass $PASS -destkeypass $PASS >/dev/null 2>&1
  row jks/server.jks 1 keystore JKS '' '' '' '' '' 'cipher:jks-keyprotector;integrity:sha-1' ''
  row jks/server.jks 2 certificate JKS rsa 2048 '' ecdsa sha-256 '' ''
  # JCEKS protects keys with PBEWithMD5AndTripleDES; 200000 is the JDK's jdk.jceks.iterationCount default.
  keytool -importkeystore -noprompt -srckeystore "$OUT/pkcs12/modern-aes256.p12" -srcstoretype PKCS12 -srcstorepass $PASS \
    -destkeystore "$OUT/jks/server.jceks" -deststoretype JCEKS -deststorepass $PASS -destkeypass $PASS >/dev/null 2>&1
  row jks/server.jceks 1 keystore JCEKS '' '' '' '' '' 'legacy-pbe:pbes1/md5#200000;cipher:3des-168;mode:cbc;integrity:sha-1' ''
  row jks/server.jceks 2 certificate JCEKS rsa 2048 '' ecdsa sha-256 '' ''
fi

# --- OpenSSH -----------------------------------------------------------------------------------
ssh-keygen -q -t ed25519 -N '' -C fixture-ed25519 -f "$OUT/ssh/id_ed25519"
row ssh/id_ed25519 1 ssh-private-key OpenSSH ed25519 '' ed25519 '' '' '' ''
row ssh/id_ed25519.pub 1 ssh-public-key OpenSSH ed25519 '' ed25519 '' '' '' ''
ssh-keygen -q -t rsa -b 3072 -N "$PASS" -a 16 -Z aes256-ctr -C fixture-rsa -f "$OUT/ssh/id_rsa_encrypted"
row ssh/id_rsa_encrypted 1 ssh-private-key OpenSSH rsa '' '' '' '' 'kdf:bcrypt-pbkdf#16;cipher:aes-256;mode:ctr' ''
row ssh/id_rsa_encrypted.pub 1 ssh-public-key OpenSSH rsa 3072 '' '' '' '' ''
ssh-keygen -q -t ecdsa -b 256 -N '' -C fixture-ecdsa -f "$OUT/ssh/id_ecdsa"
row ssh/id_ecdsa 1 ssh-private-key OpenSSH ec 256 secp256r1 '' '' '' ''
ssh-keygen -q -t rsa -b 1024 -N '' -C fixture-rsa1024 -f "$WORK/id_rsa1024"
{ echo "# authorized keys"; cat "$OUT/ssh/id_ed25519.pub"; echo "from=\"10.0.0.0/8\" $(cat "$WORK/id_rsa1024.pub")"; } > "$OUT/ssh/authorized_keys"
row ssh/authorized_keys 1 ssh-public-key authorized_keys ed25519 '' ed25519 '' '' '' ''
row ssh/authorized_keys 2 ssh-public-key authorized_keys rsa 1024 '' '' '' '' ''
echo "host.example.test,192.0.2.1 $(cut -d' ' -f1,2 "$OUT/ssh/id_ecdsa.pub")" > "$OUT/ssh/known_hosts"
row ssh/known_hosts 1 ssh-public-key known_hosts ec 256 secp256r1 '' '' '' ''
rm "$OUT/ssh/id_ecdsa.pub"

# --- broken files ----------------------------------------------------------------------------
head -c 300 "$OUT/certs/rsa2048-sha256.pem" > "$OUT/broken/truncated.pem"
row broken/truncated.pem 1 '' '' '' '' '' '' '' '' 'pem.no-end-line'
{ echo "-----BEGIN CERTIFICATE-----"; echo "!!!! this is not base64 @@@@"; echo "-----END CERTIFICATE-----"; } > "$OUT/broken/bad-base64.pem"
row broken/bad-base64.pem 1 '' '' '' '' '' '' '' '' 'pem.bad-base64'
printf '\x30\x82\x01\x00\x02\x01\x01\xff\xff\xff' > "$OUT/broken/garbage.der"
row broken/garbage.der 1 '' '' '' '' '' '' '' '' 'der.truncated'
: > "$OUT/broken/empty.crt"
row broken/empty.crt 1 '' '' '' '' '' '' '' '' 'file.empty'
{ printf 'JUNK'; head -c 2044 /dev/urandom; } > "$OUT/broken/junk.bin"
printf 'plain text notes, not crypto material\n' > "$OUT/broken/notes.txt"
echo "fixtures: $(($(wc -l < "$MANIFEST") - 1)) manifest rows in $OUT"
Scripts/fixtures/pkcs12-empty.sh
Scripts/fixtures/ssh-certs.sh
Scripts/fixtures/certificate-fields.sh
