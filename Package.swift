// swift-tools-version:6.1
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

/// The hot path (importers → plan → writer) keeps its buffers in classes; run-time
/// exclusivity checks on them cost about a tenth of a conversion. Debug builds keep them.
let hotPath: [SwiftSetting] =
    strict + [
        .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))
    ]

let package = Package(
    name: "ldifbulk",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "ldifbulk", targets: ["ldifbulk"]),
        .library(name: "LDIFCore", targets: ["LDIFCore"]),
        .library(name: "Emulator", targets: ["Emulator"]),
        // The importers, for packages that read inputs themselves (the fuzzing harnesses in Fuzz/).
        .library(name: "CSVImport", targets: ["CSVImport"]),
        .library(name: "XMLImport", targets: ["XMLImport"]),
        .library(name: "JSONImport", targets: ["JSONImport"]),
        .library(name: "XLSXImport", targets: ["XLSXImport"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    ],
    targets: [
        // Core: records, mapping, LDIF writing, chunking. No C of its own, no network.
        .target(
            name: "LDIFCore",
            dependencies: [
                "BoundedRegex", "YAMLBounds",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: hotPath
        ),

        // Regexes with a bound on the work of each search (PCRE2's match and depth limits),
        // shared by the mapping's `match`/`matches` and the emulator's configuration rules.
        .systemLibrary(
            name: "CPCRE2",
            pkgConfig: "libpcre2-8",
            providers: [.apt(["libpcre2-dev"]), .brew(["pcre2"])]
        ),
        .target(name: "BoundedRegex", dependencies: ["CPCRE2"], swiftSettings: strict),
        // A mapping's YAML measured on libyaml's events before Yams expands its aliases.
        .target(name: "YAMLBounds", dependencies: [.product(name: "Yams", package: "Yams")], swiftSettings: strict),

        // C libraries, each behind the one importer that needs it.
        .systemLibrary(
            name: "CLibCSV",
            providers: [.apt(["libcsv-dev"]), .brew(["libcsv"])]
        ),
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        .target(name: "CSVImport", dependencies: ["LDIFCore", "CLibCSV"], swiftSettings: hotPath),
        .target(name: "XMLImport", dependencies: ["LDIFCore", "CLibXML2"], swiftSettings: hotPath),
        .target(name: "JSONImport", dependencies: ["LDIFCore"], swiftSettings: hotPath),
        .systemLibrary(
            name: "CLibZip",
            pkgConfig: "libzip",
            providers: [.apt(["libzip-dev"]), .brew(["libzip"])]
        ),
        .target(name: "XLSXImport", dependencies: ["LDIFCore", "CLibXML2", "CLibZip"], swiftSettings: hotPath),

        // The Integration API: wire types shared by client and emulator.
        .target(name: "IntegrationWire", swiftSettings: strict),
        .target(
            name: "IntegrationAPI",
            dependencies: [
                "IntegrationWire",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "Upload",
            dependencies: ["LDIFCore", "IntegrationAPI", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict),
        .target(
            name: "Emulator",
            dependencies: [
                "IntegrationWire", "BoundedRegex",
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: strict
        ),

        .executableTarget(
            name: "ldifbulk",
            dependencies: [
                "LDIFCore", "CSVImport", "XMLImport", "JSONImport", "XLSXImport", "Upload", "Emulator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),

        // Test support: fixture paths, goldens, running the binary, the emulator.
        .target(
            name: "LDIFBulkTesting",
            dependencies: ["LDIFCore", "Emulator"],
            swiftSettings: strict
        ),

        .testTarget(name: "LDIFCoreTests", dependencies: ["LDIFCore", "LDIFBulkTesting"]),
        .testTarget(name: "BoundedRegexTests", dependencies: ["BoundedRegex"]),
        .testTarget(name: "CSVImportTests", dependencies: ["CSVImport", "LDIFBulkTesting"]),
        .testTarget(name: "XMLImportTests", dependencies: ["XMLImport", "LDIFBulkTesting"]),
        .testTarget(name: "JSONImportTests", dependencies: ["JSONImport", "LDIFBulkTesting"]),
        .testTarget(name: "XLSXImportTests", dependencies: ["XLSXImport", "LDIFBulkTesting"]),
        .testTarget(
            name: "EmulatorTests",
            dependencies: [
                "Emulator", "LDIFBulkTesting", .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]),
        .testTarget(name: "UploadTests", dependencies: ["Upload", "IntegrationAPI", "Emulator", "LDIFBulkTesting"]),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["ldifbulk", "LDIFBulkTesting", .product(name: "Crypto", package: "swift-crypto")]),
    ],
    swiftLanguageModes: [.v6]
)
