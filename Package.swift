// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "docctl",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "docctl", targets: ["docctl"]),
        // `docctl serve`'s server, a program of its own (ServeCommand): only it links the HTTP library.
        .executable(name: "docctl-serve", targets: ["docctl-serve"]),
        .library(name: "DocCtlCore", targets: ["DocCtlCore"]),
        .library(name: "DocCtlImport", targets: ["DocCtlImport"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
        // docctl serve's HTTP server: no dependencies of its own (a clean debug build adds ~1 min, not
        // the ~4 of Hummingbird and SwiftNIO; BENCHMARKS.md).
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        .executableTarget(
            name: "docctl",
            dependencies: ["DocCtlCommandLine"]
        ),
        .target(
            name: "DocCtlCommandLine",
            dependencies: [
                "DocCtlCore",
                "DocCtlImport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "docctl-serve",
            dependencies: [
                "DocCtlCommandLine",
                "DocCtlServe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(
            name: "DocCtlServe",
            dependencies: [
                "DocCtlCore",
                .product(name: "FlyingFox", package: "FlyingFox"),
            ]
        ),
        .target(
            name: "DocCtlImport",
            dependencies: [
                "DocCtlCore",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .target(
            name: "DocCtlCore",
            dependencies: [
                "CCmarkGFM",
                "CXMLShim",
                "Yams",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
                // The audit pack's zip (Output/DeterministicZip); DocCtlImport reads .docx/.xlsx with it.
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            // Resources/ is compiled into the code (the EmbedResources plugin), not copied into a
            // bundle folder that a copied binary could leave behind.
            exclude: ["Resources"],
            plugins: ["EmbedResources"]
        ),
        .executableTarget(
            name: "docctl-embed",
            path: "Sources/docctl-embed"
        ),
        .plugin(
            name: "EmbedResources",
            capability: .buildTool(),
            dependencies: ["docctl-embed"]
        ),
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .target(
            name: "CXMLShim",
            dependencies: ["CLibXML2"]
        ),
        .target(
            name: "DocCtlTestSupport",
            dependencies: [
                "DocCtlCore",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            path: "Tests/DocCtlTestSupport"
        ),
        .testTarget(
            name: "DocCtlCoreTests",
            dependencies: ["DocCtlCore", "DocCtlTestSupport"]
        ),
        .testTarget(
            name: "DocCtlImportTests",
            dependencies: ["DocCtlImport", "DocCtlCore", "DocCtlTestSupport"]
        ),
        .testTarget(
            name: "DocCtlServeTests",
            dependencies: ["DocCtlServe", "DocCtlCore", "DocCtlTestSupport", .product(name: "FlyingFox", package: "FlyingFox")]
        ),
        .testTarget(
            name: "DocCtlCommandLineTests",
            dependencies: ["DocCtlCommandLine", "DocCtlCore", "DocCtlServe", "DocCtlTestSupport"]
        ),
    ]
)
