// swift-tools-version: 6.1
// Coverage-guided fuzz targets (libFuzzer). A package of its own, so that normal builds never see them:
// `scripts/fuzz.sh TARGET [SECONDS]` builds them with `--sanitize=fuzzer --sanitize=address` and runs one.
import Foundation
import PackageDescription

// A local dependency's identity is its folder's name, which differs between clones.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
let mtlint = root.lastPathComponent.lowercased()

func target(_ name: String, _ extra: [Target.Dependency] = []) -> Target {
    .executableTarget(
        name: name,
        dependencies: ["FuzzSupport", .product(name: "MTLintKit", package: mtlint)] + extra,
        // libFuzzer supplies `main`; the target only defines LLVMFuzzerTestOneInput.
        swiftSettings: [.unsafeFlags(["-parse-as-library"])]
    )
}

let package = Package(
    name: "mtlint-fuzz",
    dependencies: [.package(path: "..")],
    targets: [
        .target(name: "FuzzSupport", dependencies: [.product(name: "MTLintKit", package: mtlint)]),
        target("fuzz-pipeline"),
        target("fuzz-corpus"),
        target("fuzz-config"),
        target("fuzz-literalism"),
        target("fuzz-server", [.product(name: "MTLintServer", package: mtlint)]),
    ]
)
