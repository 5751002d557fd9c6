// swift-tools-version:6.1
import PackageDescription

// Layering (see DESIGN.md): cryptcheck (CLI) -> Report -> Policy -> Model;
// OpenSSL is reached only through CryptCheckOpenSSL, which alone imports COpenSSL.
let package = Package(
    name: "cryptcheck",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "cryptcheck", targets: ["cryptcheck"]),
        // The parsers, for the fuzz targets in Fuzz/ (their own package, built apart: `make fuzz`).
        .library(name: "CryptCheckModel", targets: ["CryptCheckModel"]),
        .library(name: "CryptCheckX509", targets: ["CryptCheckX509"]),
        .library(name: "CryptCheckFiles", targets: ["CryptCheckFiles"]),
        .library(name: "CryptCheckTLS", targets: ["CryptCheckTLS"]),
        .library(name: "CryptCheckSSH", targets: ["CryptCheckSSH"]),
        .library(name: "CryptCheckPolicy", targets: ["CryptCheckPolicy"]),
        .library(name: "CryptCheckReport", targets: ["CryptCheckReport"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        // The inventory store (--store, history, diff): SQLite through Debian's libsqlite3-dev.
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
    ],
    targets: [
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "openssl",
            providers: [.apt(["libssl-dev"])]
        ),
        // The shared fleet inventory and its queue (--store postgresql://…, queue, worker):
        // PostgreSQL's own client library, a system library as OpenSSL is.
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        .target(
            name: "CryptCheckOpenSSL",
            dependencies: ["COpenSSL", "CryptCheckModel"]
        ),
        .target(name: "CryptCheckModel"),
        // DER and the X.509 readers (certificates, key infos, signature algorithms), shared by
        // the TLS scanner (server chains) and the file scanner.
        .target(
            name: "CryptCheckX509",
            dependencies: ["CryptCheckModel", "CryptCheckOpenSSL"]
        ),
        .target(
            name: "CryptCheckTLS",
            dependencies: ["CryptCheckModel", "CryptCheckOpenSSL", "CryptCheckX509"]
        ),
        // SSH endpoints: identification, packets, KEXINIT, key exchanges to the host keys; the
        // transport, limits and targets of the TLS scanner, the SSH key readers of the file scanner.
        .target(
            name: "CryptCheckSSH",
            dependencies: ["CryptCheckModel", "CryptCheckOpenSSL", "CryptCheckTLS", "CryptCheckFiles"]
        ),
        // One libc call Swift cannot reach through Glibc (getdents64, behind _GNU_SOURCE).
        .target(name: "CCryptCheckSystem"),
        .target(
            name: "CryptCheckFiles",
            dependencies: ["CryptCheckModel", "CryptCheckOpenSSL", "CryptCheckX509", "CCryptCheckSystem"]
        ),
        .target(
            name: "CryptCheckPolicy",
            dependencies: ["CryptCheckModel", .product(name: "Yams", package: "Yams")],
            plugins: ["EmbedLists"]
        ),
        .target(
            name: "CryptCheckReport",
            dependencies: ["CryptCheckModel", "CryptCheckPolicy"]
        ),
        // The inventory of scans over time in SQLite: schema migrations, history, diff.
        .target(
            name: "CryptCheckStore",
            dependencies: [
                "CryptCheckModel", "CryptCheckPolicy", .product(name: "GRDB", package: "GRDB.swift"), "CLibPQ",
            ]
        ),
        .executableTarget(
            name: "cryptcheck",
            dependencies: [
                "CryptCheckModel", "CryptCheckPolicy", "CryptCheckReport", "CryptCheckOpenSSL", "CryptCheckX509", "CryptCheckFiles",
                "CryptCheckTLS", "CryptCheckSSH", "CryptCheckStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Build-time generator: turns Lists/*.yaml into a Swift source so the binary carries
        // the lists inside it. Run only by the EmbedLists plugin.
        .executableTarget(name: "ListEmbedder"),
        .plugin(
            name: "EmbedLists",
            capability: .buildTool(),
            dependencies: ["ListEmbedder"]
        ),
        .testTarget(
            name: "CryptCheckModelTests",
            dependencies: ["CryptCheckModel"]
        ),
        .testTarget(
            name: "CryptCheckPolicyTests",
            dependencies: ["CryptCheckModel", "CryptCheckPolicy"]
        ),
        .testTarget(
            name: "CryptCheckOpenSSLTests",
            dependencies: ["CryptCheckOpenSSL"]
        ),
        // Helpers the test targets share: local servers on free ports, a scriptable fake
        // server, and a runner for the built binary; OpenSSL for the record keys of the
        // lenient-padding proxy.
        .target(name: "TestSupport", dependencies: ["CryptCheckOpenSSL"], path: "Tests/TestSupport"),
        .testTarget(
            name: "CryptCheckTLSTests",
            dependencies: ["CryptCheckModel", "CryptCheckTLS", "TestSupport"]
        ),
        .testTarget(
            name: "CryptCheckSSHTests",
            dependencies: ["CryptCheckModel", "CryptCheckOpenSSL", "CryptCheckTLS", "CryptCheckSSH", "TestSupport"]
        ),
        .testTarget(
            name: "CryptCheckFilesTests",
            dependencies: ["CryptCheckModel", "CryptCheckFiles", "CryptCheckX509", "CryptCheckOpenSSL", "CryptCheckPolicy", "TestSupport"]
        ),
        .testTarget(
            name: "CryptCheckCLITests",
            dependencies: [
                "CryptCheckModel", "CryptCheckPolicy", "CryptCheckReport", "CryptCheckStore", "TestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
