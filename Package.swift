// swift-tools-version:6.2
import PackageDescription

// Warnings are errors in CI (.ci/run passes -warnings-as-errors), not here, so that a user on
// a newer compiler can still build. These features are on for every target of ours.
// Type metadata is reached through accessor functions, not looked up by mangled name: a
// mangled-name lookup of a generic type (a `Set<String>`, a `Dictionary` of ours) checks its
// requirements with protocol-conformance scans over the whole binary's 7,900 records, about
// 80 µs each the first time, which added up to 2 ms of every run (Benchmarks/RESULTS.md).
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"), .enableUpcomingFeature("MemberImportVisibility"),
    .unsafeFlags(["-Xfrontend", "-disable-concrete-type-metadata-mangled-name-accessors"]),
]

let package = Package(
    name: "parley",
    products: [
        .executable(name: "parley", targets: ["parley"])
    ],
    dependencies: [
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        // Logging, for the vendored MCP SDK (Vendor/swift-sdk) only.
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-system", from: "1.0.0"),
    ],
    targets: [
        // GNU readline, wrapped as a system library. No pkgConfig: its -D flags would warn on every build.
        .systemLibrary(name: "CReadline", providers: [.apt(["libreadline-dev"])]),
        .target(name: "LineEditor", dependencies: ["CReadline"], swiftSettings: strict),
        // SQLite (with FTS5), wrapped the same way: the search index of the session files.
        .systemLibrary(name: "CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        .target(name: "SessionIndex", dependencies: ["CSQLite"], swiftSettings: strict),
        .target(
            name: "ChatClient",
            dependencies: [.product(name: "NIOCore", package: "swift-nio")],
            swiftSettings: strict
        ),
        .target(
            name: "HTTPTransportAHC",
            dependencies: [
                "ChatClient", "HTTPTransportSocket",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        // Plain http:// over POSIX sockets, without an event loop: the fast path to local servers.
        .target(
            name: "HTTPTransportSocket",
            dependencies: ["ChatClient", .product(name: "NIOCore", package: "swift-nio")],
            swiftSettings: strict
        ),
        // Markdown to terminal bytes, the highlighter, safe text: depends on nothing.
        .target(name: "Render", swiftSettings: strict),
        // MCP over stdio (issue 12): modelcontextprotocol/swift-sdk 0.12.1, vendored and trimmed to
        // FoundationEssentials (full Foundation links 37 MB of ICU data); see Vendor/swift-sdk/VENDORED.md.
        .target(
            name: "MCP",
            dependencies: [
                .product(name: "SystemPackage", package: "swift-system"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Vendor/swift-sdk/Sources/MCP",
            swiftSettings: [.enableUpcomingFeature("StrictConcurrency")]
        ),
        // Tool definitions, command tools, the approval policy (issue 12).
        .target(
            name: "Tools",
            dependencies: [
                "ChatClient", "MCP",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            swiftSettings: strict),
        // YAML front matter of role files (ChatREPL/Roles/RoleFrontMatter.swift only): Yams 6.2.2,
        // vendored on FoundationEssentials (no ICU); see Vendor/Yams/VENDORED.md.
        .target(
            name: "CYaml", path: "Vendor/Yams/Sources/CYaml", cSettings: [.define("YAML_DECLARE_STATIC")]),
        .target(
            name: "Yams", dependencies: ["CYaml"], path: "Vendor/Yams/Sources/Yams",
            cSettings: [.define("YAML_DECLARE_STATIC")]),
        .target(
            name: "ChatREPL",
            dependencies: [
                "ChatClient", "Render", "SessionIndex", "Tools",
                "Yams",
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "parley",
            dependencies: [
                "ChatREPL", "ChatClient", "HTTPTransportAHC", "LineEditor", "SessionIndex", "Tools",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict,
            // --static-swift-stdlib links with --export-dynamic, which puts 32,000 symbols in the
            // dynamic table and makes 83,000 relocations symbol look-ups at every start (about
            // 1 ms); nothing looks Parley's symbols up at run time.
            linkerSettings: [.unsafeFlags(["-Xlinker", "--no-export-dynamic"])]
        ),
        .target(
            name: "TestSupport",
            dependencies: [
                "ChatClient", "ChatREPL",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            path: "Tests/TestSupport",
            swiftSettings: strict
        ),
        .testTarget(
            name: "ChatClientTests",
            dependencies: ["ChatClient", "HTTPTransportAHC", "HTTPTransportSocket", "TestSupport"],
            exclude: ["Fixtures"],
            swiftSettings: strict
        ),
        .testTarget(name: "RenderTests", dependencies: ["Render"], swiftSettings: strict),
        .testTarget(
            name: "ToolsTests",
            dependencies: ["Tools", "ChatClient", "HTTPTransportAHC", "TestSupport"],
            exclude: ["Fixtures"],
            swiftSettings: strict),
        .testTarget(name: "SessionIndexTests", dependencies: ["SessionIndex", "TestSupport"], swiftSettings: strict),
        .testTarget(
            name: "ChatREPLTests",
            dependencies: [
                "ChatREPL", "ChatClient", "HTTPTransportAHC", "SessionIndex", "TestSupport", "Tools", "Yams",
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ParleyEndToEndTests",
            dependencies: [
                "TestSupport", "ChatClient", "ChatREPL", "parley", "Tools",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
    ]
)
