// swift-tools-version:6.2
import PackageDescription

let package = Package(
    name: "Sweep",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "sweep", targets: ["sweep"]),
        .library(name: "SweepCore", targets: ["SweepCore"]),
        .library(name: "SweepSamplers", targets: ["SweepSamplers"]),
        .library(name: "SweepPruners", targets: ["SweepPruners"]),
        .library(name: "SweepCurves", targets: ["SweepCurves"]),
        .library(name: "SweepML", targets: ["SweepML"]),
        .library(name: "SweepBandits", targets: ["SweepBandits"]),
        .library(name: "SweepActiveLearning", targets: ["SweepActiveLearning"]),
        .library(name: "SweepSQLite", targets: ["SweepSQLite"]),
        .library(name: "SweepRunner", targets: ["SweepRunner"]),
        .library(name: "SweepTesting", targets: ["SweepTesting"]),
        .library(name: "SweepWire", targets: ["SweepWire"]),
        .library(name: "SweepServer", targets: ["SweepServer"]),
        .library(name: "SweepInterop", targets: ["SweepInterop"]),
        .library(name: "SweepImportance", targets: ["SweepImportance"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // No default traits: swift-configuration is not needed (STACK.md, section 2).
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
    ],
    targets: [
        .target(name: "SweepSupport"),
        .target(name: "SweepCore", dependencies: ["SweepSupport"], exclude: ["README.md"]),
        .target(name: "SweepCurves", dependencies: ["SweepSupport"], exclude: ["README.md"]),
        .target(
            name: "SweepML", dependencies: ["SweepSupport", .product(name: "CSV", package: "CSV.swift")], exclude: ["README.md"]
        ),
        .target(
            name: "SweepBandits", dependencies: ["SweepML", "SweepSupport"],
            exclude: ["README.md"]
        ),
        .target(name: "SweepActiveLearning", dependencies: ["SweepML", "SweepSupport"], exclude: ["README.md"]),
        .target(name: "SweepSamplers", dependencies: ["SweepCore"], exclude: ["README.md"]),
        .target(name: "SweepPruners", dependencies: ["SweepCore", "SweepCurves"], exclude: ["README.md"]),
        .target(
            name: "SweepSQLite",
            dependencies: [
                "SweepCore", .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C API, for binding bulk loads' values without boxing them (`ReportBatch`).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        .target(
            name: "SweepPostgres",
            dependencies: [
                "SweepCore", .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["README.md"]
        ),
        .target(
            name: "SweepRunner",
            dependencies: [
                "SweepCore", "SweepSamplers", "SweepPruners", "SweepCurves", "SweepBandits", "SweepActiveLearning",
                .product(name: "TOMLKit", package: "TOMLKit"),
            ],
            exclude: ["README.md"]
        ),
        .target(name: "SweepTesting", dependencies: ["SweepCore"]),
        .target(name: "SweepWire", dependencies: ["SweepCore"], exclude: ["README.md"]),
        .target(
            name: "SweepServer",
            dependencies: [
                "SweepCore", "SweepWire", "SweepCurves", "SweepImportance", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["README.md"]
        ),
        .target(
            name: "SweepInterop",
            dependencies: [
                "SweepCore", "SweepPostgres", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            exclude: ["README.md"]
        ),
        .target(name: "SweepImportance", dependencies: ["SweepCore"], exclude: ["README.md"]),
        .executableTarget(
            name: "sweep",
            dependencies: [
                "SweepCore", "SweepSamplers", "SweepPruners", "SweepCurves", "SweepSQLite", "SweepPostgres", "SweepRunner",
                "SweepBandits", "SweepActiveLearning", "SweepWire", "SweepServer", "SweepInterop", "SweepImportance", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "sweep-bench",
            dependencies: ["SweepCore", "SweepSamplers", "SweepPruners", "SweepSQLite", "SweepPostgres", "SweepRunner", "SweepBandits"],
            path: "Benchmarks/SweepBench"
        ),
        .target(name: "SweepTestSupport", path: "Tests/Support"),
        .testTarget(name: "SweepSupportTests", dependencies: ["SweepSupport"]),
        .testTarget(name: "SweepCoreTests", dependencies: ["SweepCore", "SweepTesting"]),
        .testTarget(name: "SweepCurvesTests", dependencies: ["SweepCurves"]),
        .testTarget(name: "SweepMLTests", dependencies: ["SweepML", "SweepTestSupport"]),
        .testTarget(name: "SweepBanditsTests", dependencies: ["SweepBandits"]),
        .testTarget(name: "SweepActiveLearningTests", dependencies: ["SweepActiveLearning", "SweepTestSupport"]),
        .testTarget(name: "SweepSamplersTests", dependencies: ["SweepSamplers", "SweepTesting"]),
        .testTarget(name: "SweepPrunersTests", dependencies: ["SweepPruners", "SweepTestSupport"], exclude: ["optuna_parity.py"]),
        .testTarget(name: "SweepSQLiteTests", dependencies: ["SweepSQLite", "SweepTesting"]),
        .testTarget(name: "SweepPostgresTests", dependencies: ["SweepPostgres", "SweepTesting"]),
        .testTarget(name: "SweepRunnerTests", dependencies: ["SweepRunner", "SweepTesting"]),
        .testTarget(name: "SweepWireTests", dependencies: ["SweepWire"]),
        .testTarget(name: "SweepServerTests", dependencies: ["SweepServer", "SweepSQLite", "SweepRunner", .product(name: "Hummingbird", package: "hummingbird")]),
        .testTarget(
            name: "SweepInteropTests",
            dependencies: ["SweepInterop", "SweepImportance", "SweepSQLite", "sweep", "SweepTestSupport", .product(name: "GRDB", package: "GRDB.swift")],
            exclude: ["optuna_studies.py", "optuna_importance.py", "tensorboard_read.py"]
        ),
        .testTarget(name: "SweepImportanceTests", dependencies: ["SweepImportance"]),
        .testTarget(name: "sweepTests", dependencies: ["sweep", "SweepPostgres", "SweepTestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
    ]
)
