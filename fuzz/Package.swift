// swift-tools-version:5.4
// libFuzzer targets for docctl's parsers (issue 6). Kept out of the main package on purpose: with
// tools-version 5.5+ SwiftPM renames an executable's entry point (`<module>_main`) and the link
// fails under `-sanitize=fuzzer`; with 5.4 and `-parse-as-library` libFuzzer's own `main` is used.
// Build and run with `make fuzz` (fuzz/run.sh) from the repository root.
import PackageDescription

let fuzzTargets = ["FuzzYAML", "FuzzMarkdown", "FuzzHeading", "FuzzCSV", "FuzzClauseTree", "FuzzRevision",
                   "FuzzDocumentSet", "FuzzDocx", "FuzzXlsx"]

let package = Package(
    name: "docctl-fuzz",
    dependencies: [
        .package(name: "docctl", path: ".."),
    ],
    targets: [
        .target(name: "FuzzSupport", dependencies: [.product(name: "DocCtlCore", package: "docctl")]),
    ] + fuzzTargets.map { name in
        .executableTarget(name: name, dependencies: ["FuzzSupport", .product(name: "DocCtlCore", package: "docctl"),
                                                    .product(name: "DocCtlImport", package: "docctl")])
    }
)
