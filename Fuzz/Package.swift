// swift-tools-version:6.2
// The fuzz targets of Parley: a package of its own, so the main package is untouched. Its
// library targets compile the main sources through the symlinks in Linked/, with testing
// enabled so the fuzz targets can reach internal types (ChunkScanner, CompletionDecoder, ...).
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
]

let package = Package(
    name: "parley-fuzz",
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2")
    ],
    targets: [
        .systemLibrary(name: "CSQLite", path: "Linked/CSQLite"),
        .target(name: "SessionIndex", dependencies: ["CSQLite"], path: "Linked/SessionIndex", swiftSettings: strict),
        .target(
            name: "ChatClient", dependencies: [.product(name: "NIOCore", package: "swift-nio")],
            path: "Linked/ChatClient", swiftSettings: strict),
        .target(name: "Render", path: "Linked/Render", swiftSettings: strict),
        .target(
            name: "ChatREPL", dependencies: ["ChatClient", "Render", "SessionIndex"], path: "Linked/ChatREPL",
            swiftSettings: strict),
        .target(name: "FuzzSupport", path: "Sources/FuzzSupport"),
    ]
        + fuzzTargets.map { name in
            .executableTarget(
                name: name, dependencies: ["FuzzSupport", "ChatClient", "Render", "ChatREPL"], path: "Sources/\(name)",
                swiftSettings: [.unsafeFlags(["-parse-as-library"])])
        }
)
