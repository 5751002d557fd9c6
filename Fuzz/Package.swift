// swift-tools-version:6.1
import Foundation
import PackageDescription

// libFuzzer targets for every parser that reads untrusted bytes (see Fuzz/README.md). A package
// of its own, so the normal build of the root package never links libFuzzer; `make fuzz` builds
// it in .build-fuzz with -sanitize=fuzzer,address.

// A path dependency is named by its folder, which is whatever the checkout is called.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
let rootIdentity = root.lastPathComponent.lowercased()

// SwiftPM compiles a one-file executable as a script whose top-level code is `<Target>_main`;
// the targets define that entry themselves (`@_cdecl`), to hand it to libFuzzer.
func fuzzTarget(_ name: String, _ parsers: String...) -> Target {
    .executableTarget(
        name: name,
        dependencies: ["FuzzSupport"] + parsers.map { .product(name: $0, package: rootIdentity) },
        swiftSettings: [.unsafeFlags(["-parse-as-library"])]
    )
}

let package = Package(
    name: "cryptcheck-fuzz",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: "..")
    ],
    targets: [
        .target(name: "CFuzzDriver"),
        .target(name: "FuzzSupport", dependencies: ["CFuzzDriver", .product(name: "CryptCheckModel", package: rootIdentity)]),
        fuzzTarget("FuzzDER", "CryptCheckX509"),
        fuzzTarget("FuzzFiles", "CryptCheckFiles"),
        fuzzTarget("FuzzPKCS12", "CryptCheckFiles"),
        fuzzTarget("FuzzKeyStore", "CryptCheckFiles"),
        fuzzTarget("FuzzSSH", "CryptCheckFiles", "CryptCheckSSH"),
        fuzzTarget("FuzzTLS", "CryptCheckTLS"),
        fuzzTarget("FuzzLists", "CryptCheckPolicy"),
        fuzzTarget("FuzzObservations", "CryptCheckReport"),
        fuzzTarget("FuzzPDF", "CryptCheckReport"),
    ],
    swiftLanguageModes: [.v6]
)
