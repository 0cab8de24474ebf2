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

/// The lesson `otp-tutor new lesson` writes: every kind of block once, so an author starts
/// from something that checks clean and edits it.
public enum LessonTemplate {
  /// Writes a new lesson file with its demos' expected output filled in by a replay, so it
  /// checks clean as written.
  ///
  /// - Throws: ``TutorError`` if the id is not a short name, or the file exists or cannot be written.
  public static func write(id: String, title: String?, to path: String) throws(TutorError) {
    guard !id.isEmpty, id.allSatisfy({ ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }) else {
      throw TutorError("the id '\(id.quotedForMessage)' is not a short name", remedy: "use lower-case letters, digits and hyphens, like phishing-basics")
    }
    let title = (title ?? id.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " "))
      .replacing("\n", with: " ")
    var status = stat()
    guard lstat(path, &status) != 0 else {
      throw TutorError("\(path) already exists", remedy: "choose another id, or give --output FILE")
    }
    try FileStore.write(Array(text(id: id, title: title).utf8), to: path, mode: 0o644)
    let lesson: Lesson
    do { lesson = try LessonCatalog.load(path) } catch {
      throw TutorError("the template does not read: \(error)", remedy: "report this as a bug")
    }
    let result = LessonChecker.update(lesson)
    guard result.failures.isEmpty else {
      throw TutorError("the template does not check: \(result.failures[0])", remedy: "report this as a bug")
    }
  }

  static func text(id: String, title: String) -> String {
    #"""
    ---
    id: \#(id)
    title: \#(title)
    format: 1
    clock: 2026-01-01T00:00:10Z
    seed: 1
    secret: none
    skip: yes
    ---

    The introduction: what the learner will be able to do after this lesson. Narration is
    Markdown (`code`, *emphasis*, lists), reflowed to the learner's terminal. Lessons/README.md
    is the reference for every block; `otp-tutor check` replays this file, and
    `otp-tutor lesson FILE` previews it.

    ## A shared secret {#secret}

    A demo shows commands with the output they print; `check` compares it every time, and
    `check --update` rewrites output that changed.

    ```demo
    otp> secret new
    ```

    ## Log in with the app's code {#login}

    The app shows a code for the current 30-second step; the server accepts it.

    ```demo
    otp> totp
    ```

    ```exercise
    ask: Log in with the code the app shows now.
    expect: accepted
    hint: 'totp' shows the app's code.
    hint: Then type verify and that code.
    solution: verify {{app.code}}
    ```

    Text after the exercise is shown once the learner has done it.

    ```summary
    - What the lesson taught, a line each: shown when the learner finishes.
    ```

    """#
  }
}
