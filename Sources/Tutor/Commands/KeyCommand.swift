#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif
import OTP

/// `key`: save the secret to a key file, or load one (the tutorial's `2fa.txt`).
struct KeyCommand: ShellCommand {
  static let spec = CommandSpec(
    name: "key", summary: "save the secret to a key file, or load one (the tutorial's 2fa.txt)",
    usage: ["key save <file>", "key load <file>"], examples: ["key save 2fa.txt", "key load 2fa.txt"],
    subcommands: ["save", "load"], takesFile: true)

  static func run(_ words: [String], in context: Context) throws(TutorError) {
    let action = try Arguments.subcommand(words, of: spec)
    let arguments = try Arguments(Array(words.dropFirst()), command: "key \(action)")
    try arguments.expectPositionals(1, usage: "key \(action) <file>, like key \(action) 2fa.txt")
    let path = arguments.positionals[0]
    let folder = context.world.workingDirectory
    if action == "save" {
      let uri = try context.requireURI()
      // As the tutorial's program writes it: the base32 key alone.
      try FileStore.write(Array(uri.secret.base32.utf8), to: path, in: folder, replacing: .keyFile)
      context.say("saved the secret to \(path) (base32, mode 0600: only you can read it)")
      context.noteWhereSaved(path)
      return
    }
    let bytes = try FileStore.read(path, in: folder, what: "key file")
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw TutorError("'\(path.quotedForMessage)' is not text, so it is not a key file", remedy: "load a file made by 'key save'")
    }
    let trimmed = text.trimmingSpaces()
    guard !trimmed.isEmpty else {
      throw TutorError("'\(path.quotedForMessage)' is empty", remedy: "save a key into it first with 'key save \(path)'")
    }
    guard !trimmed.contains("\n") else {
      throw TutorError(
        "'\(path.quotedForMessage)' has more than one line; a key file holds the base32 key alone",
        remedy: "load a file made by 'key save'")
    }
    let secret: Secret
    do {
      secret = try Secret(base32: trimmed)
    } catch {
      throw TutorError("'\(path.quotedForMessage)' does not hold a base32 key: \(error)", remedy: "load a file made by 'key save'")
    }
    context.say("loaded a \(secret.bitCount)-bit secret from \(path)")
    try context.share(secret)
    context.secretEntered()
  }
}
