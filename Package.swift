// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "mtlint",
    products: [
        .library(name: "MTLintKit", targets: ["MTLintKit"]),
        .library(name: "MTLintServer", targets: ["MTLintServer"]),
        .executable(name: "mtlint", targets: ["mtlint"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    ],
    targets: [
        // System ICU (Debian libicu-dev). Only the C shim sees these headers: Foundation carries a
        // private ICU whose types clash with the system's in any Swift module that sees both.
        .systemLibrary(
            name: "CICU",
            pkgConfig: "icu-i18n",
            providers: [.apt(["libicu-dev"])]
        ),
        // ICU-free public header; the .c file calls ICU by its unsuffixed (version-renamed) names.
        .target(name: "CICUShim", dependencies: ["CICU"]),
        .target(
            name: "MTLintKit",
            dependencies: [
                "CICUShim",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // `mtlint serve`: the web page, the JSON API and the LanguageTool-compatible API.
        .target(
            name: "MTLintServer",
            dependencies: [
                "MTLintKit",
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            // The review page, served as it is on disk (see Page.swift).
            resources: [.copy("Resources/page.html")]
        ),
        .executableTarget(
            name: "mtlint",
            dependencies: [
                "MTLintKit",
                "MTLintServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Benchmarks: `swift run -c release mtlint-bench` (see README, Benchmarks).
        .executableTarget(
            name: "mtlint-bench",
            dependencies: ["MTLintKit"]
        ),
        .testTarget(
            name: "MTLintKitTests",
            dependencies: [
                "MTLintKit",
                "MTLintServer",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
    ]
)
