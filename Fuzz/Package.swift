// swift-tools-version:6.1
// libFuzzer harnesses for ldifbulk's parsers, in a package of their own so that the main package needs
// no unsafe flags: `scripts/fuzz TARGET SECONDS` builds them with `--sanitize=fuzzer --sanitize=address`.
import PackageDescription

let core = Target.Dependency.product(name: "LDIFCore", package: "ldifbulk")

let package = Package(
    name: "ldifbulk-fuzz",
    dependencies: [.package(name: "ldifbulk", path: "..")],
    targets: [
        .target(name: "FuzzSupport", dependencies: [core]),
        .executableTarget(
            name: "FuzzCSV", dependencies: ["FuzzSupport", core, .product(name: "CSVImport", package: "ldifbulk")]),
        .executableTarget(
            name: "FuzzXML", dependencies: ["FuzzSupport", core, .product(name: "XMLImport", package: "ldifbulk")]),
        .executableTarget(
            name: "FuzzJSON", dependencies: ["FuzzSupport", core, .product(name: "JSONImport", package: "ldifbulk")]),
        .executableTarget(
            name: "FuzzXLSX", dependencies: ["FuzzSupport", core, .product(name: "XLSXImport", package: "ldifbulk")]),
        .executableTarget(name: "FuzzMapping", dependencies: ["FuzzSupport", core]),
        .executableTarget(name: "FuzzTemplate", dependencies: ["FuzzSupport", core]),
    ],
    swiftLanguageModes: [.v6]
)
