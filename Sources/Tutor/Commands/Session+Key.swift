import Foundation
import OTP

extension Session {
  func key(_ words: [String]) throws(TutorError) {
    let action = try subcommand(words, of: "key")
    let arguments = try Arguments(Array(words.dropFirst()), command: "key \(action)")
    try arguments.expectPositionals(1, usage: "key \(action) <file>, like key \(action) 2fa.txt")
    let path = arguments.positionals[0]
    if action == "save" {
      let uri = try requireURI()
      // As the tutorial's program writes it: the base32 key alone.
      try FileStore.write(Array(uri.secret.base32.utf8), to: path, in: workingDirectory)
      say("saved the secret to \(path) (base32, mode 0600: only you can read it)")
      return
    }
    let bytes = try FileStore.read(path, in: workingDirectory, what: "key file")
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw TutorError("'\(path.quotedForMessage)' is not text, so it is not a key file", remedy: "load a file made by 'key save'")
    }
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
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
    say("loaded a \(secret.bitCount)-bit secret from \(path)")
    try share(secret)
  }
}

