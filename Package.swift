// swift-tools-version: 6.1

import PackageDescription

let package = Package(
  name: "otp-tutor",
  // Duration (macOS 13) and String(validating:as:) and Int128 (macOS 15) are the newest APIs
  // the engine uses.
  platforms: [.macOS(.v15), .iOS(.v18), .tvOS(.v18), .watchOS(.v11), .visionOS(.v2)],
  products: [
    .library(name: "OTP", targets: ["OTP"]),
    .executable(name: "otp-tutor", targets: ["otp-tutor"]),
  ],
  dependencies: [
    // Crypto 3 or 4, so that packages still on swift-crypto 3 can depend on OTP.
    .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    // Tests and benchmarks only: runs the real peers (oathtool, pyotp, zbarimg, tmux).
    .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
    // Paths joined and split (FilePath), as FoundationEssentials keeps NSString's path methods internal.
    .package(url: "https://github.com/apple/swift-system", from: "1.4.0"),
    // `make docs` only: the OTP library's DocC documentation.
    .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
  ],
  targets: [
    // The engine: pure, no terminal, no files, no wall clock.
    .target(
      name: "OTP",
      dependencies: [.product(name: "Crypto", package: "swift-crypto")]
    ),

    // The session: virtual clock, simulated login server and authenticator app,
    // the command language, transcripts. Knows nothing of OTP's HMAC or of terminals;
    // swift-crypto only for the simulated parties' own cryptography (a server's secrets
    // encrypted at rest with AES-GCM, a passkey's P-256 signatures).
    .target(
      name: "Tutor",
      dependencies: [
        "OTP", "QR",
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "SystemPackage", package: "swift-system"),
      ]
    ),

    // Line editing: libedit on a terminal, plain line reading otherwise. Header only: libedit
    // is opened with dlopen when a line editor is made, so scripts and pipes never load it.
    .systemLibrary(name: "CEditLine", providers: [.apt(["libedit-dev"]), .brew(["libedit"])]),
    .target(
      name: "LineEditor",
      dependencies: ["CEditLine"]
    ),

    // QR codes: libqrencode makes the matrix; renderers for the terminal, PNG (libpng) and
    // SVG; libzbar reads QR codes back from PNG images. Headers only: each library is opened
    // with dlopen when first used, so none of them costs start-up time.
    .systemLibrary(name: "CQREncode", providers: [.apt(["libqrencode-dev"]), .brew(["qrencode"])]),
    .systemLibrary(name: "CPNG", providers: [.apt(["libpng-dev"]), .brew(["libpng"])]),
    .systemLibrary(name: "CZBar", providers: [.apt(["libzbar-dev"]), .brew(["zbar"])]),
    .target(
      name: "QR",
      dependencies: ["CQREncode", "CPNG", "CZBar"]
    ),

    // Keeps secrets out of core dumps (prctl is variadic: a one-function shim).
    .systemLibrary(name: "CProcessHardening"),

    // The thin executable.
    .executableTarget(
      name: "otp-tutor",
      dependencies: [
        "OTP",
        "Tutor",
        "LineEditor",
        "CProcessHardening",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),

    // Fuzzing: libFuzzer drives it under `make fuzz`; otherwise it replays the corpus in Fuzz/.
    .executableTarget(
      name: "otp-fuzz",
      dependencies: ["OTP", "Tutor"]
    ),

    // Side-by-side benchmarks against oathtool and pyotp (`make bench`).
    .executableTarget(
      name: "otp-bench",
      dependencies: ["OTP", "_OTPTestSupport"]
    ),

    // Test support that is not API: running the real peers (oathtool, pyotp, zbarimg, tmux).
    .target(
      name: "_OTPTestSupport",
      dependencies: [.product(name: "Subprocess", package: "swift-subprocess")]
    ),

    .testTarget(
      name: "OTPTests",
      dependencies: ["OTP", "_OTPTestSupport"]
    ),
    .testTarget(
      name: "QRTests",
      dependencies: ["QR", "_OTPTestSupport"]
    ),
    .testTarget(
      name: "TutorTests",
      dependencies: ["Tutor", "OTP", "_OTPTestSupport"]
    ),
    .testTarget(
      name: "otp-tutorTests",
      dependencies: ["_OTPTestSupport"],
      // Golden transcripts are read from the checkout, so RECORD_GOLDEN=1 can rewrite them.
      exclude: ["Golden"]
    ),
  ],
  swiftLanguageModes: [.v6]
)

for target in package.targets where target.type != .system {
  target.swiftSettings = (target.swiftSettings ?? []) + [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
  ]
}
