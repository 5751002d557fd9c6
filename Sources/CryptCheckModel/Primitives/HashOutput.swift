/// Output sizes of hash functions (FIPS 180-4, FIPS 202, RFC 1321/1320/1319, ISO/IEC 10118-3,
/// GB/T 32905, GOST R 34.11). SHAKE values are the minimum outputs the 2022 list allows.
package enum HashOutput {
    package static let bits: [Primitive: Int] = [
        "md2": 128, "md4": 128, "md5": 128, "sha-0": 160, "sha-1": 160, "ripemd-128": 128, "ripemd-160": 160,
        "sha-224": 224, "sha-256": 256, "sha-384": 384, "sha-512": 512, "sha-512/224": 224,
        "sha-512/256": 256, "sha3-224": 224, "sha3-256": 256, "sha3-384": 384, "sha3-512": 512,
        "shake128": 256, "shake256": 512, "sm3": 256, "gost-r34.11-94": 256, "streebog-256": 256,
        "streebog-512": 512, "whirlpool": 512, "tiger": 192,
    ]
}
