// swift-tools-version: 6.1

// A package that depends on the OTP library by path, as a server's would: `make consumer`
// (run by `make test`) builds it in its own scratch path and runs it. It builds nothing but
// swift-crypto and the engine.

import PackageDescription

// A path dependency is named after its folder; the checkout's folder name varies.
let root = #filePath.split(separator: "/").dropLast(3).last.map(String.init) ?? "otp-tutor"

let package = Package(
  name: "Consumer",
  platforms: [.macOS(.v15), .iOS(.v18), .tvOS(.v18), .watchOS(.v11), .visionOS(.v2)],
  dependencies: [.package(path: "../..")],
  targets: [
    .executableTarget(
      name: "Consumer",
      dependencies: [.product(name: "OTP", package: root)]
    )
  ],
  swiftLanguageModes: [.v6]
)
