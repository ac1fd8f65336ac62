// swift-tools-version: 6.1
// Yibao (医保): medical-insurance administration. Layers point one way:
// YibaoCore (pure domain) ← YibaoStore (SQLKit over SQLite / PostgreSQL) ← YibaoServer (Hummingbird) ← yibao (CLI).
import PackageDescription

let package = Package(
    name: "yibao",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "yibao", targets: ["yibao"]),
        // For the package-benchmark suite in Benchmarks/, a package of its own.
        .library(name: "YibaoCore", targets: ["YibaoCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
    ],
    targets: [
        .target(
            name: "YibaoCore",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
            ],
            resources: [.copy("Policy/Presets")]
        ),
        .target(
            name: "YibaoStore",
            dependencies: [
                "YibaoCore",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "YibaoServer",
            dependencies: [
                "YibaoCore",
                "YibaoStore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "yibao",
            dependencies: [
                "YibaoCore",
                "YibaoStore",
                "YibaoServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "SQLKit", package: "sql-kit"),
            ]
        ),
        .target(
            name: "YibaoTestSupport",
            dependencies: [
                "YibaoStore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        .testTarget(
            name: "YibaoCoreTests",
            dependencies: [
                "YibaoCore",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "YibaoStoreTests",
            dependencies: [
                "YibaoCore",
                "YibaoStore",
                "YibaoTestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "YibaoServerTests",
            dependencies: [
                "YibaoCore",
                "YibaoStore",
                "YibaoServer",
                .product(name: "Hummingbird", package: "hummingbird"),
                "YibaoTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
    ]
)
