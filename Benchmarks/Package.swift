// swift-tools-version: 6.1
// The package-benchmark suite (ordo-one/benchmark): a package of its own, so that building and testing
// Yibao does not build the benchmark tool. Run from this folder: `swift package benchmark`.
import PackageDescription

let package = Package(
    name: "yibao-benchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "yibao", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "Engine",
            dependencies: [
                .product(name: "YibaoCore", package: "yibao"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/Engine",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
