// swift-tools-version:5.9
// An example package that uses embed as a library: it depends on the repository by path and imports EmbedKit.
import PackageDescription

let package = Package(
    name: "QuickStart",
    dependencies: [
        .package(name: "embed", path: "../.."),
    ],
    targets: [
        .executableTarget(name: "QuickStart", dependencies: [.product(name: "EmbedKit", package: "embed")]),
    ]
)
