// swift-tools-version:6.2
import PackageDescription

// Our own targets treat every warning as an error (CI builds with the same manifest).
let strict: [SwiftSetting] = [.treatAllWarnings(as: .error)]

let package = Package(
    name: "parley",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "parley", targets: ["parley"])
    ],
    dependencies: [
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        // GNU readline, wrapped as a system library. No pkgConfig: its -D flags would warn on every build.
        .systemLibrary(name: "CReadline", providers: [.apt(["libreadline-dev"])]),
        .target(name: "LineEditor", dependencies: ["CReadline"], swiftSettings: strict),
        .target(
            name: "ChatClient",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        .target(name: "ChatREPL", dependencies: ["ChatClient"], swiftSettings: strict),
        .executableTarget(
            name: "parley",
            dependencies: [
                "ChatREPL", "ChatClient", "LineEditor",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "TestSupport",
            dependencies: [
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
            dependencies: ["ChatClient", "TestSupport"],
            exclude: ["Fixtures"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ChatREPLTests",
            dependencies: ["ChatREPL", "ChatClient", "TestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ParleyEndToEndTests",
            dependencies: ["TestSupport", "ChatREPL", "parley"],
            swiftSettings: strict
        ),
    ]
)
