#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
import OTP

/// `login`: log in as the tutorial's program does: "Enter Code: ", then the verdict.
struct LoginCommand: ShellCommand {
  static let spec = CommandSpec(
    name: "login", summary: "log in as the tutorial's program does: Enter Code, then the verdict",
    usage: ["login [account]"], examples: ["login", "login Muhammad"], traits: .asksQuestion)

  static func completions(after words: [String], in session: Session) -> [String]? {
    words.isEmpty ? session.world.server.accountNames : []
  }

  static func run(_ words: [String], in context: Context) throws(TutorError) {
    let arguments = try Arguments(words, command: "login")
    guard arguments.positionals.count <= 1 else {
      throw TutorError("unexpected '\(arguments.positionals[1].quotedForMessage)'", remedy: "type login [account]")
    }
    let account: String
    if let named = arguments.positionals.first { account = named } else { account = try context.requireURI().account }
    let server = context.world.server
    guard server.records[account] != nil else {
      throw TutorError(LoginServer.Failure.noSuchAccount(account, known: server.accountNames))
    }
    let code: String
    switch context.ask("Enter Code: ") {
    case .line(let line): code = line
    case .interrupted:
      context.say("login abandoned (Ctrl-C): no code was sent to the server")
      return
    case .ended where context.session.configuration.isInteractive:
      context.say("login abandoned (Ctrl-D): no code was sent to the server")
      return
    case .ended:
      throw TutorError("login asked for a code but the input ended", remedy: "put the code on the line after 'login'")
    }
    do {
      let verdict = try context.world.server.verify(
        code.trimmingSpaces(), account: account, at: context.world.clock.time)
      context.emit(.login(verdict))
    } catch {
      throw TutorError(error)
    }
  }
}
