// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "hush",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "hush", targets: ["hush"]),
        .library(name: "HushScan", targets: ["HushScan"]),
        .library(name: "HushVault", targets: ["HushVault"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // System libraries: module.modulemap + shim.h, nothing else.
        .systemLibrary(name: "CVectorscan", pkgConfig: "libhs", providers: [.apt(["libvectorscan-dev"])]),
        .systemLibrary(name: "CPCRE2", pkgConfig: "libpcre2-8", providers: [.apt(["libpcre2-dev"])]),
        .systemLibrary(name: "CArchive", pkgConfig: "libarchive", providers: [.apt(["libarchive-dev"])]),
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CSodium", pkgConfig: "libsodium", providers: [.apt(["libsodium-dev"])]),

        // Build tool: turns patterns/*.yaml into Swift source so the binary carries its rules.
        .executableTarget(name: "hush-embed-rules", path: "Sources/hush-embed-rules"),
        .plugin(name: "EmbedRules", capability: .buildTool(), dependencies: ["hush-embed-rules"]),

        .target(
            name: "HushScan",
            dependencies: ["CVectorscan", "CPCRE2", "CArchive", "CCrypto", .product(name: "Yams", package: "Yams")],
            plugins: ["EmbedRules"]
        ),
        .target(
            name: "HushVault",
            dependencies: ["CSodium", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .executableTarget(
            name: "hush",
            dependencies: ["HushScan", "HushVault", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),

        // What every test target needs: scratch folders, fixtures, synthetic tokens, running programs.
        .target(name: "HushTestSupport", path: "Tests/HushTestSupport"),
        .testTarget(name: "HushScanTests", dependencies: ["HushScan", "HushTestSupport"]),
        .testTarget(name: "HushVaultTests", dependencies: ["HushVault", "CSodium", "HushTestSupport"]),
        .testTarget(name: "HushCLITests", dependencies: ["HushScan", "HushVault", "HushTestSupport"]),
    ]
)
