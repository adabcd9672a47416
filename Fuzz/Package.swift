// swift-tools-version:6.2
// The fuzz targets of Parley: a package of its own, so the main package is untouched. Its
// library targets compile the main sources through the symlinks in Linked/, with testing
// enabled so the fuzz targets can reach internal types (ChunkScanner, CompletionDecoder, ...).
// The targets, dependencies and settings mirror the main Package.swift (MCP and Yams are its
// vendored copies, built with the main package's settings).
//
//   swift build --package-path Fuzz                       replay build (each target has a main)
//   Scripts/fuzz.sh [SECONDS] [TARGET...]                 libFuzzer build (-DFUZZING) and runs
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"), .enableUpcomingFeature("MemberImportVisibility"),
    .unsafeFlags(["-enable-testing"]),
]

let fuzzTargets = [
    "FuzzSSE", "FuzzScanner", "FuzzDecoders", "FuzzSessionFile", "FuzzConfig", "FuzzRender", "FuzzHighlight",
    "FuzzToolCalls",
]

let package = Package(
    name: "parley-fuzz",
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-system", from: "1.0.0"),
    ],
    targets: [
        .systemLibrary(name: "CSQLite", path: "Linked/CSQLite"),
        .target(name: "SessionIndex", dependencies: ["CSQLite"], path: "Linked/SessionIndex", swiftSettings: strict),
        .target(
            name: "ChatClient", dependencies: [.product(name: "NIOCore", package: "swift-nio")],
            path: "Linked/ChatClient", swiftSettings: strict),
        .target(name: "Render", path: "Linked/Render", swiftSettings: strict),
        .target(
            name: "MCP",
            dependencies: [
                .product(name: "SystemPackage", package: "swift-system"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Linked/MCP", swiftSettings: [.enableUpcomingFeature("StrictConcurrency")]),
        .target(
            name: "Tools",
            dependencies: [
                "ChatClient", "MCP",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            path: "Linked/Tools", swiftSettings: strict),
        .target(name: "CYaml", path: "Linked/CYaml", cSettings: [.define("YAML_DECLARE_STATIC")]),
        .target(
            name: "Yams", dependencies: ["CYaml"], path: "Linked/Yams", cSettings: [.define("YAML_DECLARE_STATIC")]),
        .target(
            name: "ChatREPL", dependencies: ["ChatClient", "Render", "SessionIndex", "Tools", "Yams"],
            path: "Linked/ChatREPL", swiftSettings: strict),
        .target(name: "FuzzSupport", path: "Sources/FuzzSupport"),
    ]
        + fuzzTargets.map { name in
            .executableTarget(
                name: name, dependencies: ["FuzzSupport", "ChatClient", "Render", "ChatREPL"], path: "Sources/\(name)",
                swiftSettings: [.unsafeFlags(["-parse-as-library"])])
        }
)
